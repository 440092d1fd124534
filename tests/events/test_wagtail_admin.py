"""The agenda in the Wagtail admin on the event's clock: session forms read and
show local times labelled with the zone, their errors name local times, and the
choosers search and stay inside the organiser's events."""

import datetime as dt
import json

import pytest

from events.models import Session
from tests.factories.events import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    local,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORMAT = "%Y-%m-%d %H:%M"


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def _form(session, **changes) -> dict:
    data = {
        "event": session.event_id,
        "kind": session.kind,
        "title_en": session.title_en,
        "title_ko": session.title_ko,
        "abstract_en": "",
        "abstract_ko": "",
        "start": session.start.astimezone(session.event.tz).strftime(FORMAT),
        "end": session.end.astimezone(session.event.tz).strftime(FORMAT),
        "room": session.room_id or "",
        "track": "",
        "language": session.language,
        "capacity": "",
    }
    return {**data, **changes}


def _edit(session) -> str:
    return f"/admin/snippets/events/session/edit/{session.pk}/"


def test_session_form_shows_local_time_labelled_with_the_zone(organiser_client, event):
    session = SessionFactory(event=event, start=local(event, 0, 9))  # 00:00 UTC
    html = organiser_client.get(_edit(session)).content.decode()
    assert 'value="2027-09-14 09:00"' in html
    assert "Time in the event&#x27;s zone (KST (Asia/Seoul))." in html


def test_session_form_reads_typed_times_on_the_events_clock(organiser_client, event):
    session = SessionFactory(event=event)
    data = _form(session, start="2027-09-14 14:20", end="2027-09-14 15:05")
    response = organiser_client.post(_edit(session), data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.start == dt.datetime(2027, 9, 14, 5, 20, tzinfo=dt.UTC)
    assert session.end == dt.datetime(2027, 9, 14, 6, 5, tzinfo=dt.UTC)


def test_new_session_takes_the_zone_of_the_event_chosen(organiser_client, organiser):
    chicago = EventFactory(timezone="America/Chicago")
    chicago.members.create(user=organiser, role="organiser")
    data = {
        **_form(SessionFactory.build(event=chicago)),
        "title_en": "New",
        "start": "2027-09-14 09:00",
        "end": "2027-09-14 10:00",
    }
    response = organiser_client.post("/admin/snippets/events/session/add/", data)
    assert response.status_code == 302
    created = Session.objects.get(title_en="New")
    assert created.start == dt.datetime(2027, 9, 14, 14, 0, tzinfo=dt.UTC)


def test_twenty_hundred_local_on_the_last_day_is_accepted(organiser_client, event):
    session = SessionFactory(event=event)
    data = _form(session, start="2027-09-16 20:00", end="2027-09-16 21:00")
    assert organiser_client.post(_edit(session), data).status_code == 302


def test_crossing_local_midnight_is_refused_naming_local_times(organiser_client, event):
    session = SessionFactory(event=event)
    data = _form(session, start="2027-09-14 23:20", end="2027-09-15 00:05")
    response = organiser_client.post(_edit(session), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ends 00:05 KST on September 15, after midnight of its start day" in html
    assert 'value="2027-09-15 00:05"' in html  # the input is kept


def test_leaving_the_events_days_is_refused_naming_local_times(organiser_client, event):
    session = SessionFactory(event=event)
    data = _form(session, start="2027-09-17 09:00", end="2027-09-17 10:00")
    html = organiser_client.post(_edit(session), data).content.decode()
    assert "09:00 KST on September 17 – 10:00 KST on September 17 is outside" in html


def test_a_korean_only_session_is_listed_by_its_korean_title(organiser_client, event):
    session = SessionFactory(event=event)
    data = _form(session, title_en="", title_ko="임상 혁신")
    assert organiser_client.post(_edit(session), data).status_code == 302
    html = organiser_client.get("/admin/snippets/events/session/").content.decode()
    assert "임상 혁신" in html
    assert "Session object" not in html


def _chooser(client, url: str) -> str:
    """The chooser modal's HTML (JSON around it) or its search results' (bare)."""
    content = client.get(url).content.decode()
    return content if "/results/" in url else json.loads(content)["html"]


def test_session_chooser_searches_both_titles_and_speakers(organiser_client, event):
    SessionFactory(event=event, title_en="Opening keynote", title_ko="개막 기조연설")
    talk = SessionFactory(event=event, title_en="Trials", start=local(event, 1, 9))
    role = SessionSpeakerFactory(session=talk)
    url = "/admin/snippets/choose/events/session/results/?q="
    assert "Opening keynote" in _chooser(organiser_client, url + "기조")
    found = _chooser(organiser_client, url + role.speaker.user.last_name)
    assert "Trials" in found
    assert "Opening keynote" not in found


def test_session_chooser_shows_event_local_start_and_room(organiser_client, event):
    room = RoomFactory(event=event, name_en="Grand Ballroom")
    SessionFactory(event=event, room=room, start=local(event, 0, 9))
    html = _chooser(organiser_client, "/admin/snippets/choose/events/session/")
    assert "2027-09-14 09:00 KST" in html
    assert "Grand Ballroom" in html
    assert str(event.name) in html


@pytest.mark.parametrize("rows", [1, 3])
def test_session_chooser_queries_do_not_grow_with_rows(
    organiser_client, event, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        SessionFactory(event=event, room=RoomFactory(event=event))
        SessionSpeakerFactory(session=SessionFactory(event=event))
    with django_assert_max_num_queries(7):
        organiser_client.get("/admin/snippets/choose/events/session/")


def test_room_chooser_shows_only_the_organisers_rooms_by_event(organiser_client, event):
    RoomFactory(event=event, name_en="Grand Ballroom")
    RoomFactory(name_en="Someone else's hall")  # another organiser's event
    html = _chooser(organiser_client, "/admin/snippets/choose/events/room/")
    assert "Grand Ballroom" in html
    assert str(event.name) in html
    assert "Someone else" not in html


def test_room_chooser_opens_on_the_event_of_the_form(
    organiser_client, organiser, event
):
    other = EventFactory()
    other.members.create(user=organiser, role="organiser")
    RoomFactory(event=event, name_en="Grand Ballroom")
    RoomFactory(event=other, name_en="Hall C")
    url = f"/admin/snippets/choose/events/room/?event={other.pk}"
    html = _chooser(organiser_client, url)
    assert "Hall C" in html
    assert "Grand Ballroom" not in html
    malformed = _chooser(
        organiser_client, "/admin/snippets/choose/events/room/?event=x"
    )
    assert "Grand Ballroom" in malformed


def test_session_form_links_room_chooser_to_its_event(organiser_client, event):
    html = organiser_client.get(_edit(SessionFactory(event=event))).content.decode()
    assert "linkedFields" in html
    assert "#id_event" in html
