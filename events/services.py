"""Writes. Keyword-only, validated with `full_clean()`, transactional.

The `*_upsert` services key on natural identifiers (slugs, e-mail, titles) so that
importers and the demo loader can run again without duplicating anything.
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from events.enums import RegistrationCategory, RegistrationStatus, SpeakerRole
from events.models import (
    Event,
    EventTeamMember,
    Organisation,
    Registration,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    User,
)


def _save(instance, **fields: Any):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def organisation_upsert(*, slug: str, **fields: Any) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first() or Organisation(
        slug=slug
    )
    return _save(organisation, **fields)


def user_upsert(*, email: str, password: str | None = None, **fields: Any) -> User:
    """Create or update a person; a password is set only when given."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first() or User(email=email)
    if password is not None:
        user.set_password(password)
    elif user.pk is None:
        user.set_unusable_password()
    return _save(user, **fields)


def user_language_remember(*, user: User, language: str) -> None:
    """The first language someone signs in with becomes their e-mails' language
    (they change it in their personal area)."""
    if not user.language and language in dict(settings.LANGUAGES):
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


def event_upsert(*, slug: str, **fields: Any) -> Event:
    event = Event.objects.filter(slug=slug).first() or Event(slug=slug)
    return _save(event, **fields)


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
            return _save(session, **fields)
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
        _save(speaker, **bio)
    link = SessionSpeaker.objects.filter(session=session, speaker=speaker).first()
    link = link or SessionSpeaker(session=session, speaker=speaker)
    return _save(link, role=role, order=order)


def sponsor_upsert(
    *, event: Event, organisation: Organisation, tier: str, booth: str = ""
) -> Sponsor:
    sponsor = Sponsor.objects.filter(event=event, organisation=organisation).first()
    sponsor = sponsor or Sponsor(event=event, organisation=organisation)
    return _save(sponsor, tier=tier, booth=booth)


def registration_upsert(
    *,
    event: Event,
    user: User,
    category: str = RegistrationCategory.ATTENDEE,
    status: str = RegistrationStatus.CONFIRMED,
) -> Registration:
    registration = Registration.objects.filter(event=event, user=user).first()
    registration = registration or Registration(event=event, user=user)
    return _save(registration, category=category, status=status)
