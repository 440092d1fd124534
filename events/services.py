"""Writes. Keyword-only, validated with `full_clean()`, transactional.

The `*_upsert` services key on natural identifiers (slugs, e-mail, titles) so that
importers and the demo loader can run again without duplicating anything.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from config.services import model_update
from events.enums import SpeakerRole
from events.models import (
    Event,
    EventTeamMember,
    Organisation,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
)


def organisation_upsert(*, slug: str, **fields: Any) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first() or Organisation(
        slug=slug
    )
    return model_update(organisation, **fields)


def event_upsert(*, slug: str, **fields: Any) -> Event:
    event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
    return model_update(event, **fields)


def team_member_add(*, event: Event, user: User, role: str) -> EventTeamMember:
    member, _created = EventTeamMember.objects.get_or_create(
        event=event, user=user, role=role
    )
    return member


@transaction.atomic
def session_upsert(*, event: Event, title_en: str, **fields: Any) -> Session:
    """Create or update the session with this English title in this event.

    A room clash found by the database (two editors at once) is reported like the
    one `clean()` finds, never as a server error.
    """
    session = Session.objects.filter(event=event, title_en=title_en).first()
    session = session or Session(event=event, title_en=title_en)
    try:
        with transaction.atomic():
            return model_update(session, **fields)
    except IntegrityError as exc:
        if "session_room_no_overlap" not in str(exc):
            raise
        raise ValidationError({"room": _("The room is already booked then.")}) from exc


def speaker_assign(
    *,
    session: Session,
    user: User,
    role: str = SpeakerRole.SPEAKER,
    order: int = 0,
    **bio: Any,
) -> SessionSpeaker:
    speaker, _created = Speaker.objects.get_or_create(event=session.event, user=user)
    if bio:
        model_update(speaker, **bio)
    link = SessionSpeaker.objects.filter(session=session, speaker=speaker).first()
    link = link or SessionSpeaker(session=session, speaker=speaker)
    return model_update(link, role=role, order=order)


def sponsor_upsert(
    *, event: Event, organisation: Organisation, tier: str, booth: str = ""
) -> Sponsor:
    sponsor = Sponsor.objects.filter(event=event, organisation=organisation).first()
    sponsor = sponsor or Sponsor(event=event, organisation=organisation)
    return model_update(sponsor, tier=tier, booth=booth)
