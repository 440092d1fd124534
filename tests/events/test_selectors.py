import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser

from events import selectors
from events.models import Event, EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    VenueFactory,
    local,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_agenda_grid_puts_sessions_in_local_days_rows_and_room_columns():
    event = EventFactory(timezone="Asia/Seoul")
    hall, side = RoomFactory(event=event, order=0), RoomFactory(event=event, order=1)
    early = SessionFactory(
        event=event, start=local(event, 0, 8), room=side
    )  # 23:00 UTC
    both = SessionFactory(event=event, start=local(event, 0, 10), room=hall)
    later = SessionFactory(event=event, start=local(event, 1, 10), room=None)
    sessions = list(selectors.session_list_for_agenda(event=event))
    grid = selectors.agenda_grid(event=event, sessions=sessions)
    assert [d.day for d in grid] == [
        event.start_date,
        event.start_date + dt.timedelta(1),
    ]
    first = grid[0]
    assert first.rooms == [hall, side]
    assert [cells for _, cells in first.rows] == [[None, early], [both, None]]
    assert first.rows[0][0].hour == 8
    assert grid[1].unplaced == [later]


def test_now_and_next_lists_running_and_the_next_start():
    event = EventFactory(timezone="UTC")
    now = local(event, 0, 10, 15)
    running = SessionFactory(
        event=event, start=local(event, 0, 10), end=local(event, 0, 11)
    )
    soon = SessionFactory(
        event=event, start=local(event, 0, 11), end=local(event, 0, 12)
    )
    SessionFactory(event=event, start=local(event, 0, 13), end=local(event, 0, 14))
    result = selectors.session_now_and_next(event=event, now=now)
    assert (result.now, result.next) == ([running], [soon])


def test_now_and_next_is_none_outside_the_event():
    event = EventFactory()
    before = event.starts_at - dt.timedelta(hours=1)
    assert selectors.session_now_and_next(event=event, now=before) is None


def test_speaker_clash_list_finds_overlapping_sessions_of_the_same_speaker():
    role = SessionSpeakerFactory()
    session = role.session
    other = SessionFactory(
        event=session.event,
        start=session.start + dt.timedelta(minutes=30),
        end=session.end + dt.timedelta(minutes=30),
    )
    SessionSpeakerFactory(session=other, speaker=role.speaker)
    clashes = selectors.speaker_clash_list(
        event_id=session.event_id,
        start=session.start,
        end=session.end,
        speaker_ids=[role.speaker_id],
        exclude=session.pk,
    )
    assert list(clashes) == [other]


def test_agenda_filter_choices_offer_only_kinds_in_use():
    event = EventFactory()
    SessionFactory(event=event, kind="keynote")
    choices = selectors.agenda_filter_choices(event=event)
    assert [value for value, _ in choices["kinds"]] == ["keynote"]
    assert choices["days"] == event.days()


def test_an_event_by_slug_is_what_each_person_may_see_in_one_query(
    django_assert_num_queries,
):
    public = EventFactory(slug="open", venue=VenueFactory(name_ko="코엑스"))
    draft = EventFactory(slug="draft", is_published=False, venue=None)
    member, stranger = UserFactory(), UserFactory()
    EventTeamMember.objects.create(event=draft, user=member, role="organiser")
    admin = UserFactory(is_superuser=True)
    with django_assert_num_queries(1):
        found = selectors.event_get(slug="open", user=None)
    assert (found.pk, found.venue.name_ko, found.name_en) == (
        public.pk,
        "코엑스",
        public.name_en,
    )
    for user in (None, AnonymousUser(), stranger):
        with pytest.raises(Event.DoesNotExist):
            selectors.event_get(slug="draft", user=user)
    for user in (member, admin):
        seen = selectors.event_get(slug="draft", user=user)
        assert (seen.pk, seen.venue) == (draft.pk, None)
    with pytest.raises(Event.DoesNotExist):
        selectors.event_get(slug="nowhere", user=admin)
