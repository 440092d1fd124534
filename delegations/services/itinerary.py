"""Writes for a programme's set-up and its itinerary: keyword-only, validated,
transactional, and only for the programme's organisers.

An itinerary item is a `Session` of the programme's event. Assigned to nobody it
is on every delegate's itinerary; assigned to some delegates (or to every
delegate of some companies), only on theirs. When the event has partnering, the
slots overlapping a delegate's own items are blocked for them, so the scheduler
places their pre-arranged meetings around booth shifts and site visits.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from delegations.models import Delegate, DelegationProgramme
from delegations.services.common import DelegationError, require_organiser, save
from events.models import Session
from matchmaking import services
from matchmaking.models import Participant, Slot

PROGRAMME_FIELDS = (
    "host_congress",
    "host_city",
    "host_start_date",
    "host_end_date",
    "host_timezone",
    "places",
    "delegates_per_company",
    "eligibility",
    "fee",
    "subsidy",
    "applications_open_at",
    "application_deadline",
    "contact_name",
    "contact_email",
    "contact_phone",
    "venue_notes",
    "delegate_ticket",
)
ITEM_FIELDS = (
    "title_en",
    "title_ko",
    "kind",
    "start",
    "end",
    "room",
    "abstract_en",
    "abstract_ko",
)


def _known(fields: dict, allowed: tuple[str, ...]) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise DelegationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)), 400)


@transaction.atomic
def programme_update(
    *, programme: DelegationProgramme, actor: User, **fields: Any
) -> DelegationProgramme:
    """Change the call; the event follows the host city's time zone, so the
    itinerary (stored in UTC) is shown in the zone the organiser set."""
    require_organiser(actor, programme.event)
    _known(fields, PROGRAMME_FIELDS)
    programme = save(programme, **fields)
    event = programme.event
    if event.timezone != programme.host_timezone:
        event.timezone = programme.host_timezone
        event.full_clean()
        event.save(update_fields=["timezone"])
    return programme


def _delegates(programme: DelegationProgramme, delegates, companies) -> list[Delegate]:
    """The chosen delegates plus every delegate of the chosen companies."""
    wanted = Q(pk__in=[d.pk for d in delegates or []])
    wanted |= Q(application__in=list(companies or []))
    chosen = list(Delegate.objects.filter(wanted).select_related("application"))
    if any(d.application.programme_id != programme.pk for d in chosen):
        raise DelegationError(_("A delegate belongs to another programme."), 400)
    return chosen


@transaction.atomic
def itinerary_item_save(
    *,
    programme: DelegationProgramme,
    actor: User,
    item: Session | None = None,
    delegates=None,
    companies=None,
    **fields: Any,
) -> Session:
    """Create or change an item and set who it is for (nobody chosen: everyone)."""
    require_organiser(actor, programme.event)
    _known(fields, ITEM_FIELDS)
    if item is not None and item.event_id != programme.event_id:
        raise DelegationError(_("This item belongs to another event."), 400)
    room = fields.get("room")
    if room is not None and room.event_id != programme.event_id:
        raise ValidationError({"room": _("This room belongs to another event.")})
    item = item or Session(event=programme.event)
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:  # two organisers booked the room at once
        if "session_room_no_overlap" not in str(exc):
            raise
        raise ValidationError({"room": _("The room is already booked then.")}) from exc
    chosen = _delegates(programme, delegates, companies)
    before = set(item.assigned_delegates.values_list("pk", flat=True))
    item.assigned_delegates.set(chosen)
    touched = before | {d.pk for d in chosen}
    delegate_availability_sync(delegates=Delegate.objects.filter(pk__in=touched))
    return item


@transaction.atomic
def itinerary_item_delete(
    *, programme: DelegationProgramme, actor: User, item: Session
) -> None:
    require_organiser(actor, programme.event)
    if item.event_id != programme.event_id:
        raise DelegationError(_("This item belongs to another event."), 400)
    item.delete()


def delegate_availability_sync(*, delegates) -> int:
    """Block, for each delegate taking part in partnering, the slots overlapping
    their own items; returns how many delegates were updated.

    Adds to what the delegate blocked themselves and never unblocks: a slot they
    chose to keep free stays free when a shift moves away.
    """
    delegates = list(delegates.prefetch_related("sessions"))
    by_registration = {d.registration_id: d for d in delegates if d.registration_id}
    people = Participant.objects.filter(
        registration_id__in=by_registration, is_active=True
    ).prefetch_related("blocked_slots")
    updated = 0
    for participant in people:
        own = list(by_registration[participant.registration_id].sessions.all())
        if not own:
            continue
        overlapping = Q()
        for s in own:
            overlapping |= Q(start__lt=s.end, end__gt=s.start)
        slots = set(Slot.objects.filter(overlapping, event_id=participant.event_id))
        blocked = set(participant.blocked_slots.all())
        if slots - blocked:
            services.availability_set(participant=participant, blocked=blocked | slots)
            updated += 1
    return updated


@transaction.atomic
def delegate_assign_sessions(
    *, delegate: Delegate, sessions: list[Session], actor: User
) -> Delegate:
    """The delegate's own items; their overlapping partnering slots get blocked."""
    event = delegate.application.programme.event
    require_organiser(actor, event)
    if any(s.event_id != event.pk for s in sessions):
        raise DelegationError(_("An item belongs to another event."), 400)
    delegate.sessions.set(sessions)
    delegate_availability_sync(delegates=Delegate.objects.filter(pk=delegate.pk))
    return delegate
