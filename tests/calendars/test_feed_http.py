"""Every feed kind answers a conditional request with 304, and its queries stay
fixed, built (cold cache) and served from the cache (warm): the whole-event
feed, a person's, a company's (the itinerary's are in tests/delegations)."""

import pytest
from django.core.cache import cache
from icalendar import Calendar

from calendars import services as calendar_services
from events.models import Session
from matchmaking import services
from registration.services import registration_upsert
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    SessionFactory,
    SessionSpeakerFactory,
    local,
)
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    colleague_of,
    partnering_event,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return EventFactory(slug="kic", name_en="KIC")


def _summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))


def _conditional(client, path: str) -> tuple[int, int, bytes]:
    first = client.get(path)
    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    return first.status_code, again.status_code, again.content


def _personal_path(user) -> str:
    feed = calendar_services.calendar_feed_issue(user=user, kind="personal")
    return f"/calendar/feeds/{feed.token}.ics"


def _company_path(user) -> str:
    feed = calendar_services.calendar_feed_issue(user=user, kind="company")
    return f"/calendar/feeds/{feed.token}.ics"


def _agenda(event, user, count: int) -> None:
    """`count` bookmarked sessions with a speaker each, and a registration."""
    for index in range(count):
        session = SessionFactory(event=event, start=local(event, 0, 9 + index))
        SessionSpeakerFactory(session=session)
        calendar_services.bookmark_add(user=user, session=session)
    registration_upsert(event=event, user=user)


def _published_meetings(count: int):
    """A forum whose published schedule places `count` meetings of one investor
    (each with a colleague of hers in the company feed)."""
    forum = partnering_event(slots=4, tables=2).event
    investor = ParticipantFactory(event=forum, kind="investor")
    colleague_of(investor)
    for _ in range(count):
        accepted_meeting(investor, ParticipantFactory(event=forum))
    run = services.schedule_run(event=forum, time_limit=5)
    services.schedule_publish(run=run, user=None)
    return investor.user


# 304 -----------------------------------------------------------------------------


def test_event_feed_answers_a_conditional_request_with_304(client, event):
    SessionFactory(event=event)
    assert _conditional(client, "/calendar/events/kic.ics") == (200, 304, b"")


def test_personal_feed_answers_a_conditional_request_with_304(client, event):
    me = UserFactory()
    _agenda(event, me, 2)
    assert _conditional(client, _personal_path(me)) == (200, 304, b"")


def test_company_feed_answers_a_conditional_request_with_304(client, event):
    me = UserFactory()
    session = SessionFactory(event=event)
    colleague = UserFactory(organisation=me.organisation)
    SessionSpeakerFactory(session=session, speaker__user=colleague)
    assert _conditional(client, _company_path(me)) == (200, 304, b"")


def test_an_edit_changes_the_etag_at_once(client, event):
    me = UserFactory()
    _agenda(event, me, 1)
    path = _personal_path(me)
    first = client.get(path)
    session = Session.objects.get()
    session.title_en = "Renamed"
    session.save()

    again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Renamed" in _summaries(again)


# Queries: built (cold) and from the cache (warm) ---------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_event_feed_queries_are_fixed_warm(
    client, event, count, django_assert_max_num_queries
):
    for index in range(count):
        SessionFactory(event=event, start=local(event, 0, 9 + index))
    client.get("/calendar/events/kic.ics")
    with django_assert_max_num_queries(2):  # the event, its version
        assert client.get("/calendar/events/kic.ics").status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_personal_feed_queries_are_fixed_cold_and_warm(
    client, event, count, django_assert_max_num_queries
):
    me = _published_meetings(count)
    _agenda(event, me, count)
    path = _personal_path(me)
    cache.clear()
    # The feed, its last use, the version, bookmarks, talks, sessions and their
    # speakers (unless this process has them), registrations, meetings with
    # their people.
    with django_assert_max_num_queries(9):
        cold = client.get(path)
    with django_assert_max_num_queries(2):  # the feed, the version
        warm = client.get(path)
    assert (cold.status_code, warm.content) == (200, cold.content)
    assert len(_summaries(cold)) == 2 * count + 2  # and two registrations


@pytest.mark.parametrize("count", [1, 3])
def test_company_feed_queries_are_fixed_cold_and_warm(
    client, event, count, django_assert_max_num_queries
):
    me = _published_meetings(count)
    for index in range(count):
        session = SessionFactory(event=event, start=local(event, 0, 9 + index))
        colleague = UserFactory(organisation=me.organisation)
        SessionSpeakerFactory(session=session, speaker__user=colleague)
    path = _company_path(UserFactory(organisation=me.organisation))
    cache.clear()
    # The feed, its last use, the version, its sessions' ids, the sessions and
    # their speakers (unless this process has them), meetings with their people.
    with django_assert_max_num_queries(7):
        cold = client.get(path)
    with django_assert_max_num_queries(2):
        warm = client.get(path)
    assert (cold.status_code, warm.content) == (200, cold.content)
    assert len(_summaries(cold)) == 2 * count
