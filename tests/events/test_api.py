import datetime as dt

import pytest

from events.enums import SessionKind
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
    SponsorFactory,
    TrackFactory,
    local,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return EventFactory(slug="kic", name_en="KIC", name_ko="국제임상")


def _agenda(event, count: int):
    """`count` sessions in consecutive hours, each in its own room with a speaker."""
    track = TrackFactory(event=event, slug="ops")
    for index in range(count):
        room = RoomFactory(event=event)
        session = SessionFactory(
            event=event, room=room, track=track, start=local(event, 0, 9 + index)
        )
        SessionSpeakerFactory(session=session)


# Events ---------------------------------------------------------------------


def test_event_list_shows_published_events_only(client, event):
    EventFactory(slug="draft", is_published=False)
    body = client.get("/api/events/").json()
    assert body["count"] == 1
    assert body["items"][0]["slug"] == "kic"
    assert body["items"][0]["timezone"] == "Asia/Seoul"


def test_event_list_filters_by_kind(client, event):
    EventFactory(slug="forum", kind="forum")
    body = client.get("/api/events/?kind=forum").json()
    assert [e["slug"] for e in body["items"]] == ["forum"]


def test_event_detail_in_korean(client, event):
    body = client.get("/api/events/kic", HTTP_ACCEPT_LANGUAGE="ko").json()
    assert (body["name"], body["name_en"], body["name_ko"]) == (
        "국제임상",
        "KIC",
        "국제임상",
    )


def test_unpublished_event_is_hidden_from_the_public_but_not_its_team(client):
    from events.models import EventTeamMember

    draft = EventFactory(slug="draft", is_published=False)
    assert client.get("/api/events/draft").status_code == 404
    organiser = UserFactory()
    EventTeamMember.objects.create(event=draft, user=organiser, role="organiser")
    client.force_login(organiser)
    assert client.get("/api/events/draft").json()["slug"] == "draft"


def test_unknown_event_is_a_404_problem(client):
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Event not found."


# Sessions -------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_session_list_query_count_does_not_grow(
    client, event, count, django_assert_max_num_queries
):
    _agenda(event, count)
    with django_assert_max_num_queries(4):
        body = client.get("/api/events/kic/sessions").json()
    assert body["count"] == count
    first = body["items"][0]
    assert first["start"] == "2027-09-14T09:00:00+09:00"
    assert first["speakers"][0]["role"] == "speaker"
    assert first["track"]["slug"] == "ops"


def test_session_list_filters(client, event):
    ops, reg = (
        TrackFactory(event=event, slug="ops"),
        TrackFactory(event=event, slug="reg"),
    )
    hall = RoomFactory(event=event)
    SessionFactory(
        event=event,
        title_en="Risk-based monitoring",
        track=ops,
        room=hall,
        kind=SessionKind.TALK,
        language="en",
        start=local(event, 0, 10),
    )
    SessionFactory(
        event=event,
        title_en="Expedited pathways",
        title_ko="신속 심사",
        track=reg,
        kind=SessionKind.PANEL,
        language="ko",
        start=local(event, 1, 10),
    )

    def titles(query: str) -> list[str]:
        response = client.get(f"/api/events/kic/sessions?{query}")
        assert response.status_code == 200, response.json()
        return [s["title"] for s in response.json()["items"]]

    assert titles("day=2027-09-15") == ["Expedited pathways"]
    assert titles("track=ops") == ["Risk-based monitoring"]
    assert titles(f"room={hall.pk}") == ["Risk-based monitoring"]
    assert titles("kind=panel") == ["Expedited pathways"]
    assert titles("language=ko") == ["Expedited pathways"]
    assert titles("q=신속") == ["Expedited pathways"]
    assert titles("q=MONITORING") == ["Risk-based monitoring"]
    assert titles("track=ops&day=2027-09-15") == []


def test_session_search_by_speaker_name_lists_each_session_once(client, event):
    session = SessionFactory(event=event, title_en="Keynote")
    person = UserFactory(first_name="Seo-yeon", last_name="Park")
    SessionSpeakerFactory(session=session, speaker__user=person)
    SessionSpeakerFactory(
        session=session, speaker__user=UserFactory(last_name="Parker")
    )
    body = client.get("/api/events/kic/sessions?q=park").json()
    assert [s["title"] for s in body["items"]] == ["Keynote"]


def test_session_day_is_the_events_local_day(client):
    """09:00 in Seoul on the 15th is still the 14th in UTC; the filter uses Seoul."""
    event = EventFactory(slug="seoul")
    SessionFactory(event=event, title_en="Early", start=local(event, 1, 8))
    body = client.get("/api/events/seoul/sessions?day=2027-09-15").json()
    assert [s["title"] for s in body["items"]] == ["Early"]


def test_session_list_is_paginated(client, event):
    _agenda(event, 3)
    body = client.get("/api/events/kic/sessions?limit=2&offset=2").json()
    assert (body["count"], len(body["items"])) == (3, 1)


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ("day=2027-01-01", 400, "outside the event"),
        ("day=yesterday", 422, "day:"),
        ("track=nope", 400, "No track 'nope'"),
        ("room=999999", 400, "No room 999999"),
        ("room=abc", 422, "room:"),
        ("kind=nope", 422, "kind:"),
        ("language=fr", 422, "language:"),
        ("limit=0", 422, "limit:"),
        ("offset=-1", 422, "offset:"),
    ],
)
def test_session_list_bad_filters_are_4xx_with_a_message(
    client, event, query, status, detail
):
    TrackFactory(event=event, slug="ops")
    response = client.get(f"/api/events/kic/sessions?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_session_detail(client, event):
    session = SessionFactory(event=event, title_en="Opening", abstract_en="Hello")
    body = client.get(f"/api/events/kic/sessions/{session.pk}").json()
    assert (body["id"], body["title"], body["abstract"]) == (
        session.pk,
        "Opening",
        "Hello",
    )


def test_session_of_another_event_is_a_404(client, event):
    other = SessionFactory()
    response = client.get(f"/api/events/kic/sessions/{other.pk}")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "Session not found.",
    )


# Speakers, rooms, tracks, sponsors -------------------------------------------


@pytest.mark.parametrize("count", [1, 3])
def test_speaker_list_query_count_does_not_grow(
    client, event, count, django_assert_max_num_queries
):
    _agenda(event, count)
    with django_assert_max_num_queries(4):
        body = client.get("/api/events/kic/speakers").json()
    assert body["count"] == count
    assert body["items"][0]["sessions"][0]["start"] == "2027-09-14T09:00:00+09:00"


def test_speaker_list_search_and_detail(client, event):
    speaker = SpeakerFactory(event=event, user__first_name="Hiroshi", bio_ko="약력")
    SpeakerFactory(event=event, user__first_name="Claire")
    body = client.get("/api/events/kic/speakers?q=hiro").json()
    assert [s["name"].split()[0] for s in body["items"]] == ["Hiroshi"]
    detail = client.get(f"/api/events/kic/speakers/{speaker.pk}").json()
    assert (detail["id"], detail["bio_ko"]) == (speaker.pk, "약력")
    assert client.get("/api/events/kic/speakers/999999").status_code == 404


def test_rooms_tracks_sponsors(client, event):
    RoomFactory(event=event, name_en="Hall A", capacity=300)
    TrackFactory(event=event, slug="ops", name_en="Operations")
    SponsorFactory(event=event, organisation__name_en="Norbridge", tier="platinum")
    assert client.get("/api/events/kic/rooms").json()["items"][0]["capacity"] == 300
    assert client.get("/api/events/kic/tracks").json()["items"][0]["slug"] == "ops"
    sponsor = client.get("/api/events/kic/sponsors").json()["items"][0]
    assert (sponsor["organisation"]["name"], sponsor["tier"]) == (
        "Norbridge",
        "platinum",
    )


# Organisations --------------------------------------------------------------


def test_organisation_list_filters(client):
    OrganisationFactory(name_en="Hanbit Bio", kind="biotech", country="KR")
    OrganisationFactory(name_en="Garam Ventures", name_ko="가람벤처스", kind="investor")
    OrganisationFactory(name_en="Norbridge", kind="pharma", country="US")

    def names(query: str) -> list[str]:
        return [
            o["name"]
            for o in client.get(f"/api/organisations/?{query}").json()["items"]
        ]

    assert names("kind=investor") == ["Garam Ventures"]
    assert names("country=us") == ["Norbridge"]
    assert names("q=가람") == ["Garam Ventures"]
    assert client.get("/api/organisations/?kind=bank").status_code == 422


def test_organisation_list_query_count(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(2):
        assert client.get("/api/organisations/").json()["count"] == 3


def test_organisation_detail(client):
    OrganisationFactory(slug="hanbit", name_en="Hanbit Bio")
    assert client.get("/api/organisations/hanbit").json()["name"] == "Hanbit Bio"
    response = client.get("/api/organisations/nope")
    assert (response.status_code, response.json()["detail"]) == (
        404,
        "Organisation not found.",
    )


def test_openapi_schema_documents_every_operation(client):
    schema = client.get("/api/openapi.json").json()
    operations = [
        op["operationId"] for path in schema["paths"].values() for op in path.values()
    ]
    assert len(operations) == len(set(operations))
    assert {
        "event_list",
        "event_get",
        "session_list",
        "session_get",
        "speaker_list",
        "speaker_get",
        "room_list",
        "track_list",
        "sponsor_list",
        "organisation_list",
        "organisation_get",
        "my_agenda",
        "my_agenda_add",
        "my_agenda_remove",
        "my_feeds",
        "my_feed_issue",
        "my_feed_revoke",
    } <= set(operations)
    assert client.get("/api/docs").status_code == 200


def test_dates_leave_with_the_events_offset_in_chicago(client):
    event = EventFactory(
        slug="asco",
        timezone="America/Chicago",
        start_date=dt.date(2027, 5, 31),
        end_date=dt.date(2027, 6, 4),
    )
    SessionFactory(event=event, start=local(event, 0, 15))
    item = client.get("/api/events/asco/sessions").json()["items"][0]
    assert item["start"] == "2027-05-31T15:00:00-05:00"
