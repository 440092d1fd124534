import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import Session
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, RoomFactory, SessionFactory, local

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_session_upsert_creates_then_updates_by_english_title():
    event = EventFactory()
    first = services.session_upsert(
        event=event,
        title_en="Opening",
        kind="keynote",
        start=local(event, 0, 9),
        end=local(event, 0, 10),
    )
    again = services.session_upsert(
        event=event,
        title_en="Opening",
        kind="keynote",
        title_ko="개막",
        start=local(event, 0, 9),
        end=local(event, 0, 10),
    )
    assert again.pk == first.pk
    assert Session.objects.get(pk=first.pk).title_ko == "개막"


def test_session_upsert_room_clash_leaves_stored_session_untouched():
    room = RoomFactory()
    event = room.event
    kept = SessionFactory(event=event, room=room, start=local(event, 0, 10))
    with pytest.raises(ValidationError, match="already booked"):
        services.session_upsert(
            event=event,
            title_en="Clash",
            kind="talk",
            room=room,
            start=local(event, 0, 10),
            end=local(event, 0, 11),
        )
    assert list(event.sessions.values_list("pk", flat=True)) == [kept.pk]


def test_speaker_assign_is_idempotent():
    session = SessionFactory()
    person = UserFactory()
    services.speaker_assign(session=session, user=person, bio_en="Bio")
    services.speaker_assign(session=session, user=person, role="moderator")
    assert session.session_speakers.get().role == "moderator"
    assert session.event.speakers.get().bio_en == "Bio"
