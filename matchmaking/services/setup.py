"""The partnering set-up: rules, the meeting grid, tables, profiles, availability."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from events.models import Event, Organisation
from matchmaking.models import (
    MeetingBlock,
    OrganisationProfile,
    Participant,
    PartneringSetup,
    Slot,
    Table,
    Tag,
)
from matchmaking.services.common import PartneringError, save
from registration.enums import RegistrationStatus
from registration.models import Registration


def setup_upsert(*, event: Event, **fields: Any) -> PartneringSetup:
    setup = PartneringSetup.objects.filter(event=event).first()
    return save(setup or PartneringSetup(event=event), **fields)


def block_upsert(
    *, event: Event, date: dt.date, start_time: dt.time, end_time: dt.time, label=""
) -> MeetingBlock:
    block = MeetingBlock.objects.filter(
        event=event, date=date, start_time=start_time
    ).first()
    block = block or MeetingBlock(event=event, date=date, start_time=start_time)
    return save(block, end_time=end_time, label=label)


@transaction.atomic
def grid_build(*, event: Event) -> list[Slot]:
    """Cut every block into slots of the set-up's length; idempotent.

    Slots that no block yields any more are deleted (their meetings lose the slot
    and are scheduled again); slots still yielded are kept with their ids.
    """
    minutes = dt.timedelta(minutes=event.partnering.slot_minutes)
    wanted: dict[dt.datetime, tuple[MeetingBlock, dt.datetime]] = {}
    for block in MeetingBlock.objects.filter(event=event):
        start = dt.datetime.combine(block.date, block.start_time, tzinfo=event.tz)
        stop = dt.datetime.combine(block.date, block.end_time, tzinfo=event.tz)
        while start + minutes <= stop:
            wanted[start] = (block, start + minutes)
            start += minutes
    existing = {s.start: s for s in Slot.objects.filter(event=event)}
    Slot.objects.filter(
        pk__in=[s.pk for t, s in existing.items() if t not in wanted]
    ).delete()
    for start, (block, end) in wanted.items():
        slot = existing.get(start)
        if slot is None or slot.block_id != block.pk or slot.end != end:
            slot = slot or Slot(event=event, start=start)
            save(slot, block=block, end=end)
    return list(Slot.objects.filter(event=event))


def tables_ensure(*, event: Event, count: int) -> list[Table]:
    """Tables 1..count exist (more are kept: they may hold published meetings)."""
    have = set(Table.objects.filter(event=event).values_list("number", flat=True))
    Table.objects.bulk_create(
        [Table(event=event, number=n) for n in range(1, count + 1) if n not in have]
    )
    return list(Table.objects.filter(event=event))


def table_host_set(*, table: Table, host: Participant | None) -> Table:
    if host is not None and host.event_id != table.event_id:
        raise PartneringError(_("The host takes part in another event."), 400)
    return save(table, host=host)


def tag_upsert(*, category: str, slug: str, name_en: str, name_ko: str = "", order=0):
    tag = Tag.objects.filter(category=category, slug=slug).first()
    tag = tag or Tag(category=category, slug=slug)
    return save(tag, name_en=name_en, name_ko=name_ko or name_en, order=order)


PROFILE_FIELDS = ("pitch_en", "pitch_ko", "investment_focus", "ticket_size", "timezone")


@transaction.atomic
def participant_join(*, registration: Registration, **profile: Any) -> Participant:
    """Opt a confirmed registration in to partnering (again), with its profile."""
    if registration.status != RegistrationStatus.CONFIRMED:
        raise PartneringError(_("Only confirmed registrations may take part."), 403)
    if not PartneringSetup.objects.filter(event_id=registration.event_id).exists():
        raise PartneringError(_("This event has no partnering."), 404)
    participant = Participant.objects.filter(registration=registration).first()
    participant = participant or Participant(
        event_id=registration.event_id, registration=registration
    )
    participant.is_active = True
    return participant_update(participant=participant, **profile)


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    offers: Iterable[Tag] | None = None,
    seeks: Iterable[Tag] | None = None,
    blocked_slots: Iterable[Slot] | None = None,
    **fields: Any,
) -> Participant:
    """Profile fields, tags, and the slots the participant blocks (None: unchanged)."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise PartneringError(_("Unknown profile field."), 400)
    save(participant, **fields)
    if offers is not None:
        participant.offers.set(offers)
    if seeks is not None:
        participant.seeks.set(seeks)
    if blocked_slots is not None:
        availability_set(participant=participant, blocked=blocked_slots)
    return participant


def participant_leave(*, participant: Participant) -> Participant:
    return save(participant, is_active=False)


def availability_set(*, participant: Participant, blocked: Iterable[Slot]) -> None:
    blocked = list(blocked)
    if any(s.event_id != participant.event_id for s in blocked):
        raise PartneringError(_("That slot belongs to another event."), 400)
    participant.blocked_slots.set(blocked)


ORGANISATION_PROFILE_FIELDS = (
    "pitch_en",
    "pitch_ko",
    "investment_focus_en",
    "investment_focus_ko",
    "ticket_size",
)


def organisation_contact_check(
    *, user: User, organisation: Organisation, event: Event
) -> None:
    """Only the organisation's own people taking part in the event edit its profile."""
    if (
        user.organisation_id != organisation.pk
        or not Participant.objects.filter(
            event=event, registration__user=user, is_active=True
        ).exists()
    ):
        raise PartneringError(
            _("Only your organisation's participants may edit its profile."), 403
        )


@transaction.atomic
def organisation_profile_update(
    *,
    organisation: Organisation,
    user: User | None,
    event: Event | None = None,
    offers: Iterable[Tag] | None = None,
    seeks: Iterable[Tag] | None = None,
    **fields: Any,
) -> OrganisationProfile:
    """What the organisation offers and seeks, for all its participants (None: kept).

    `user` None is the demo loader (no contact check); otherwise the user must be a
    contact of the organisation at `event`.
    """
    if user is not None:
        organisation_contact_check(user=user, organisation=organisation, event=event)
    if set(fields) - set(ORGANISATION_PROFILE_FIELDS):
        raise PartneringError(_("Unknown profile field."), 400)
    profile = (
        OrganisationProfile.objects.select_for_update()
        .filter(organisation=organisation)
        .first()
    ) or OrganisationProfile(organisation=organisation)
    save(profile, updated_by=user, **fields)
    if offers is not None:
        profile.offers.set(offers)
    if seeks is not None:
        profile.seeks.set(seeks)
    return profile
