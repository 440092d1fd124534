import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, Session
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    TrackFactory,
    local,
)

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_event_ending_before_it_starts_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(start_date=dt.date(2027, 9, 14), end_date=dt.date(2027, 9, 13))


def test_event_slugs_are_unique():
    EventFactory(slug="kic")
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(slug="kic")


def test_event_timezone_must_be_iana():
    event = EventFactory.build(timezone="Seoul/Korea")
    with pytest.raises(ValidationError, match="IANA"):
        event.full_clean()


def test_event_local_bounds_follow_its_zone():
    event = EventFactory(timezone="America/Chicago", start_date=dt.date(2027, 6, 1))
    assert event.starts_at.isoformat() == "2027-06-01T00:00:00-05:00"
    assert event.days()[0] == dt.date(2027, 6, 1)


def test_session_ending_before_it_starts_is_refused_by_the_database():
    event = EventFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(event=event, start=local(event, 0, 10), end=local(event, 0, 9))


def test_session_outside_event_dates_names_local_times():
    event = EventFactory()
    session = SessionFactory.build(
        event=event, start=local(event, 5, 10), end=local(event, 5, 11)
    )
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert caught.value.message_dict["__all__"] == [
        "10:00 KST on September 19 – 11:00 KST on September 19 is outside the "
        "event's days (September 14 to September 16, Asia/Seoul)."
    ]


def test_session_at_20_local_on_the_last_day_is_valid():
    event = EventFactory(timezone="Asia/Seoul")  # 20:00 KST is 11:00 UTC
    session = SessionFactory.build(
        event=event, start=local(event, 2, 20), end=local(event, 2, 21, 30)
    )
    session.full_clean()


def test_session_crossing_local_midnight_names_local_times():
    event = EventFactory(timezone="Asia/Seoul")
    session = SessionFactory.build(
        event=event, start=local(event, 0, 23, 20), end=local(event, 1, 0, 5)
    )
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert caught.value.message_dict["end"] == [
        "Ends 00:05 KST on September 15, after midnight of its start day "
        "(starts 23:20 KST on September 14)."
    ]


def test_session_ending_at_local_midnight_is_valid():
    event = EventFactory(timezone="America/Chicago")
    session = SessionFactory.build(
        event=event, start=local(event, 0, 22), end=local(event, 1, 0)
    )
    session.full_clean()


def test_a_reception_may_run_into_the_small_hours_even_on_the_last_day():
    event = EventFactory(timezone="America/Chicago")
    last = (event.end_date - event.start_date).days
    late = SessionFactory.build(
        event=event,
        kind="reception",
        start=local(event, last, 19),
        end=local(event, last + 1, 0, 30),
    )
    late.full_clean()
    late.end = local(event, last + 1, 4, 30)
    with pytest.raises(ValidationError):
        late.full_clean()


def test_session_midnight_message_is_korean_on_a_korean_page():
    event = EventFactory(timezone="Asia/Seoul")
    session = SessionFactory.build(
        event=event, start=local(event, 0, 23), end=local(event, 1, 1)
    )
    with translation.override("ko"), pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert "9월 15일" in caught.value.message_dict["end"][0]


@pytest.mark.parametrize("language", ["en", "ko"])
def test_session_with_only_a_korean_title_is_named_by_it(language):
    session = SessionFactory(title_en="", title_ko="임상 세션")
    session.full_clean()
    with translation.override(language):
        assert str(session) == "임상 세션"
        assert session.title == "임상 세션"


def test_session_with_only_an_english_title_is_named_by_it_in_korean():
    session = SessionFactory(title_en="Trials", title_ko="")
    with translation.override("ko"):
        assert str(session) == "Trials"


def test_session_without_any_title_is_invalid():
    session = SessionFactory.build(title_en="", title_ko="")
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert caught.value.message_dict["title_en"] == [
        "Give the session a title in English or Korean."
    ]


def test_session_times_are_stored_in_utc():
    event = EventFactory(timezone="Asia/Seoul")
    session = SessionFactory(event=event, start=local(event, 0, 9))
    session.refresh_from_db()
    assert session.start == dt.datetime(2027, 9, 14, 0, 0, tzinfo=dt.UTC)


def test_room_double_booking_is_a_validation_error():
    room = RoomFactory()
    event = room.event
    SessionFactory(event=event, room=room, start=local(event, 0, 10))
    clash = SessionFactory.build(
        event=event, room=room, start=local(event, 0, 10, 30), end=local(event, 0, 11)
    )
    with pytest.raises(ValidationError, match="already booked"):
        clash.full_clean()


def test_room_double_booking_is_refused_by_the_database_itself():
    """A race past `clean()`: the database trigger/exclusion constraint stops it."""
    room = RoomFactory()
    event = room.event
    SessionFactory(event=event, room=room, start=local(event, 0, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.create(
            event=event,
            kind="talk",
            title_en="Clash",
            room=room,
            start=local(event, 0, 10, 30),
            end=local(event, 0, 11),
        )


def test_back_to_back_sessions_in_one_room_are_fine():
    room = RoomFactory()
    event = room.event
    SessionFactory(event=event, room=room, start=local(event, 0, 10))
    follow = SessionFactory.build(
        event=event, room=room, start=local(event, 0, 10, 45), end=local(event, 0, 11)
    )
    follow.full_clean()
    follow.save()
    assert event.sessions.count() == 2


def test_moving_a_session_into_a_busy_room_is_refused_by_the_database():
    room, other = RoomFactory(), None
    event = room.event
    other = RoomFactory(event=event)
    SessionFactory(event=event, room=room, start=local(event, 0, 10))
    moving = SessionFactory(event=event, room=other, start=local(event, 0, 10))
    with pytest.raises(IntegrityError), transaction.atomic():
        Session.objects.filter(pk=moving.pk).update(room=room)


def test_room_and_track_of_another_event_are_invalid():
    event = EventFactory()
    foreign_room = RoomFactory()
    session = SessionFactory.build(event=event, room=foreign_room)
    with pytest.raises(ValidationError, match="another event"):
        session.full_clean()
    session = SessionFactory.build(event=event, track=TrackFactory())
    with pytest.raises(ValidationError, match="another event"):
        session.full_clean()


def test_speaker_of_another_event_cannot_join_a_session():
    link = SessionSpeakerFactory.build(
        session=SessionFactory(), speaker=SpeakerFactory()
    )
    with pytest.raises(ValidationError, match="another event"):
        link.full_clean()


def test_speaker_only_once_per_event_and_session():
    link = SessionSpeakerFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SpeakerFactory(event=link.session.event, user=link.speaker.user)


def test_user_email_is_the_login_and_case_insensitively_unique():
    UserFactory(email="minji@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(email="MINJI@example.org")


def test_user_display_name_by_language():
    user = UserFactory(first_name="Minji", last_name="Kim", name_ko="김민지")
    assert user.display_name("ko") == "김민지"
    assert user.display_name("en") == "Minji Kim"


def test_translated_text_falls_back_to_english():
    from django.utils import translation

    organisation = OrganisationFactory(name_en="Hanbit Bio", name_ko=None)
    with translation.override("ko"):
        assert organisation.name == "Hanbit Bio"
    organisation.name_ko = "한빛바이오"
    with translation.override("ko"):
        assert organisation.name == "한빛바이오"


def test_event_str_and_kind_choices():
    event = EventFactory(name_en="KIC")
    assert str(event) == "KIC"
    assert Event.objects.get(pk=event.pk).get_kind_display() == "Conference"
