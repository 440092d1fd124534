import datetime as dt

import pytest
from icalendar import Calendar

from calendars import services as calendar_services
from calendars.models import CalendarFeed
from events.models import Session
from tests.confirm import confirm_fields, confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.events import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    local,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _parse(response) -> Calendar:
    return Calendar.from_ical(
        b"".join(response.streaming_content) if response.streaming else response.content
    )


def _events(response) -> list:
    return list(_parse(response).walk("VEVENT"))


@pytest.fixture
def event():
    return EventFactory(slug="kic", name_en="KIC")


# The file -----------------------------------------------------------------------


def test_event_calendar_is_rfc5545_with_timezone_and_stable_uids(client, event):
    room = RoomFactory(event=event, name_en="Hall A")
    session = SessionFactory(
        event=event,
        room=room,
        title_en="Opening",
        start=local(event, 0, 9),
        abstract_en="Welcome",
    )
    SessionSpeakerFactory(session=session, speaker__user__first_name="Minji")

    response = client.get("/calendar/events/kic.ics")
    cal = _parse(response)
    (vevent,) = cal.walk("VEVENT")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kic.ics"'
    assert (cal["METHOD"], cal["X-WR-CALNAME"], cal["X-PUBLISHED-TTL"]) == (
        "PUBLISH",
        "KIC",
        "PT1H",
    )
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Seoul"]
    assert vevent["UID"] == f"session-{session.pk}@127.0.0.1"
    assert vevent.decoded("DTSTART") == local(event, 0, 9)
    assert b"DTSTART;TZID=Asia/Seoul:20270914T090000" in response.content
    assert vevent["LOCATION"] == "Hall A, COEX"
    assert "Minji" in vevent["DESCRIPTION"]
    assert "Welcome" in vevent["DESCRIPTION"]
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["URL"].endswith(f"/go/session/{session.pk}/")
    assert "mailto:" in vevent["ORGANIZER"]
    assert "DTSTAMP" in vevent
    assert "LAST-MODIFIED" in vevent


def test_korean_text_is_folded_at_75_octets_without_splitting_characters(client, event):
    title = "분산형 임상시험의 실제와 전망: 아시아 태평양 지역 환자 모집과 기관 네트워크의 미래"
    SessionFactory(event=event, title_en="x", title_ko=title)
    response = client.get("/calendar/events/kic.ics", HTTP_ACCEPT_LANGUAGE="ko")
    lines = response.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    for line in lines:
        line.decode("utf-8")  # raises if a character was split across lines
    assert _events(response)[0]["SUMMARY"] == title


def test_daylight_saving_change_keeps_local_times_in_chicago(client):
    event = EventFactory(
        slug="asco",
        timezone="America/Chicago",
        start_date=dt.date(2027, 3, 13),
        end_date=dt.date(2027, 3, 15),
    )
    SessionFactory(event=event, title_en="Before", start=local(event, 0, 10))
    SessionFactory(event=event, title_en="After", start=local(event, 2, 10))
    response = client.get("/calendar/events/asco.ics")
    starts = {e["SUMMARY"]: e.decoded("DTSTART") for e in _events(response)}
    assert starts["Before"].utcoffset() == dt.timedelta(hours=-6)
    assert starts["After"].utcoffset() == dt.timedelta(hours=-5)
    assert b"DTSTART;TZID=America/Chicago:20270315T100000" in response.content
    assert b"TZNAME:CDT" in response.content


def test_sequence_grows_when_a_session_changes_and_uid_stays(client, event):
    session = SessionFactory(event=event, start=local(event, 0, 9))
    first = _events(client.get("/calendar/events/kic.ics"))[0]
    Session.objects.filter(pk=session.pk).update(
        start=local(event, 0, 11),
        end=local(event, 0, 12),
        updated_at=session.updated_at + dt.timedelta(minutes=5),
    )
    second = _events(client.get("/calendar/events/kic.ics"))[0]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second.decoded("DTSTART") == local(event, 0, 11)


def test_cancelled_and_deleted_sessions_are_sent_as_cancelled(client, event):
    SessionFactory(event=event, title_en="Called off", status="cancelled")
    deleted = SessionFactory(event=event, title_en="Gone", start=local(event, 1, 9))
    uid = f"session-{deleted.pk}@127.0.0.1"
    deleted.delete()
    by_uid = {e["UID"]: e for e in _events(client.get("/calendar/events/kic.ics"))}
    assert len(by_uid) == 2
    assert by_uid[uid]["STATUS"] == "CANCELLED"
    assert by_uid[uid].decoded("DTSTART") == local(event, 1, 9)
    statuses = {e["SUMMARY"]: e["STATUS"] for e in by_uid.values()}
    assert statuses["[Cancelled] Called off"] == "CANCELLED"


def test_day_track_and_single_session_downloads(client, event):
    SessionFactory(event=event, title_en="Day one", start=local(event, 0, 9))
    two = SessionFactory(event=event, title_en="Day two", start=local(event, 1, 9))
    day = client.get("/calendar/events/kic.ics?day=2027-09-15")
    assert [e["SUMMARY"] for e in _events(day)] == ["Day two"]
    assert day["Content-Disposition"] == 'attachment; filename="kic-2027-09-15.ics"'
    one = client.get(f"/calendar/events/kic/sessions/{two.pk}.ics")
    assert [e["SUMMARY"] for e in _events(one)] == ["Day two"]
    assert client.get("/calendar/events/kic/sessions/999999.ics").status_code == 404


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("day=bad", "day must be a date such as 2027-09-14."),
        ("day=2027-01-01", "That day is outside the event."),
        ("day=9999-12-31", "That day is outside the event."),
        ("track=a%0Ab", "track must be a track's slug."),
    ],
)
def test_bad_calendar_queries_are_400(client, event, query, reason):
    response = client.get(f"/calendar/events/kic.ics?{query}")
    assert (response.status_code, response.content.decode()) == (400, reason)


def test_unpublished_event_calendar_is_404(client):
    EventFactory(slug="draft", is_published=False)
    assert client.get("/calendar/events/draft.ics").status_code == 404


# HTTP ---------------------------------------------------------------------------


def test_conditional_requests_answer_304(client, event):
    SessionFactory(event=event)
    first = client.get("/calendar/events/kic.ics")
    by_etag = client.get("/calendar/events/kic.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(
        "/calendar/events/kic.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert (first.status_code, by_etag.status_code, by_date.status_code) == (
        200,
        304,
        304,
    )
    assert "max-age=300" in first["Cache-Control"]
    assert "public" in first["Cache-Control"]


@pytest.mark.parametrize("count", [1, 3])
def test_event_calendar_queries_do_not_grow(
    client, event, count, django_assert_max_num_queries
):
    for index in range(count):
        session = SessionFactory(event=event, start=local(event, 0, 9 + index))
        SessionSpeakerFactory(session=session)
    with django_assert_max_num_queries(6):
        assert len(_events(client.get("/calendar/events/kic.ics"))) == count


# Personal and company feeds ------------------------------------------------------


def test_personal_feed_has_bookmarks_own_talks_and_registrations_only(client, event):
    from registration.services import registration_upsert

    me, other = UserFactory(), UserFactory()
    mine = SessionFactory(event=event, title_en="Bookmarked", start=local(event, 0, 9))
    talk = SessionFactory(event=event, title_en="My talk", start=local(event, 0, 10))
    SessionSpeakerFactory(session=talk, speaker__user=me)
    theirs = SessionFactory(event=event, title_en="Theirs", start=local(event, 0, 11))
    calendar_services.bookmark_add(user=me, session=mine)
    calendar_services.bookmark_add(user=other, session=theirs)
    registration_upsert(event=event, user=me)
    feed = calendar_services.calendar_feed_issue(user=me, kind="personal")

    response = client.get(f"/calendar/feeds/{feed.token}.ics")

    summaries = sorted(e["SUMMARY"] for e in _events(response))
    assert summaries == ["Bookmarked", "KIC", "My talk"]
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_removed_bookmark_stays_as_cancelled(client, event):
    me = UserFactory()
    session = SessionFactory(event=event, title_en="Dropped")
    calendar_services.bookmark_add(user=me, session=session)
    calendar_services.bookmark_remove(user=me, session=session)
    client.force_login(me)
    (vevent,) = _events(client.get("/calendar/me.ics"))
    assert vevent["STATUS"] == "CANCELLED"


def test_regenerated_feed_link_replaces_the_old_one_at_once(client, event):
    me = UserFactory()
    old = calendar_services.calendar_feed_issue(user=me, kind="personal").token
    new = calendar_services.calendar_feed_issue(user=me, kind="personal").token
    assert old != new
    assert len(new) >= 43
    assert client.get(f"/calendar/feeds/{old}.ics").status_code == 404
    assert client.get(f"/calendar/feeds/{new}.ics").status_code == 200
    calendar_services.calendar_feed_revoke(user=me, kind="personal")
    assert client.get(f"/calendar/feeds/{new}.ics").status_code == 404


def test_company_feed_lists_every_colleagues_sessions(client, event):
    colleague, outsider = UserFactory(), UserFactory()
    me = UserFactory(organisation=colleague.organisation)
    pitch = SessionFactory(event=event, title_en="Pitch", kind="pitch")
    SessionSpeakerFactory(session=pitch, speaker__user=colleague)
    other = SessionFactory(event=event, title_en="Other", start=local(event, 1, 9))
    SessionSpeakerFactory(session=other, speaker__user=outsider)
    feed = calendar_services.calendar_feed_issue(user=me, kind="company")
    response = client.get(f"/calendar/feeds/{feed.token}.ics")
    assert [e["SUMMARY"] for e in _events(response)] == ["Pitch"]
    client.force_login(outsider)
    slug = colleague.organisation.slug
    assert client.get(f"/calendar/organisations/{slug}.ics").status_code == 404
    client.force_login(me)
    assert client.get(f"/calendar/organisations/{slug}.ics").status_code == 200


def test_company_feed_needs_an_organisation():
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar_services.calendar_feed_issue(
            user=UserFactory(organisation=None), kind="company"
        )


def test_personal_download_needs_sign_in(client):
    response = client.get("/calendar/me.ics")
    assert response.status_code == 302


def test_feed_tokens_stay_out_of_logs():
    import logging

    from config.logging import RedactSecretLinks

    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"GET %s HTTP/1.1" 200',
        ("/calendar/feeds/abcDEF_123.ics",),
        None,
    )
    RedactSecretLinks().filter(record)
    assert record.getMessage() == '"GET /calendar/feeds/[redacted].ics HTTP/1.1" 200'


# API -----------------------------------------------------------------------------


def test_my_agenda_api_add_list_remove(client, event):
    me = UserFactory()
    session = SessionFactory(event=event, title_en="Keep")
    client.force_login(me)
    assert client.put(f"/api/me/agenda/{session.pk}").status_code == 204
    assert client.put(f"/api/me/agenda/{session.pk}").status_code == 204
    assert [s["title"] for s in client.get("/api/me/agenda").json()["items"]] == [
        "Keep"
    ]
    assert client.delete(f"/api/me/agenda/{session.pk}").status_code == 204
    assert client.get("/api/me/agenda").json()["items"] == []
    assert client.put("/api/me/agenda/999999").status_code == 404


def test_my_api_needs_sign_in(client):
    response = client.get("/api/me/agenda")
    assert response.status_code == 401
    assert response.json()["detail"] == "Sign in or send a valid token."


def test_feed_api_issues_and_regenerates_links(client):
    me = UserFactory()
    client.force_login(me)
    first = client.post(
        "/api/me/calendar-feeds", {"kind": "personal"}, content_type="application/json"
    )
    second = client.post(
        "/api/me/calendar-feeds", {"kind": "personal"}, content_type="application/json"
    )
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["https_url"] != second.json()["https_url"]
    assert second.json()["webcal_url"].startswith("webcal://")
    assert [
        f["kind"] for f in client.get("/api/me/calendar-feeds").json()["items"]
    ] == ["personal"]
    assert client.delete("/api/me/calendar-feeds/personal").status_code == 204
    assert CalendarFeed.objects.count() == 0
    bad = client.post(
        "/api/me/calendar-feeds", {"kind": "nope"}, content_type="application/json"
    )
    assert bad.status_code == 422


# Browser pages ---------------------------------------------------------------------


def test_my_calendar_page_creates_replaces_and_turns_off_links(client, event):
    me = UserFactory()
    client.force_login(me)
    assert (
        "Create a subscription link" in client.get("/en/me/calendar/").content.decode()
    )

    client.post("/en/me/calendar/feeds/personal/", {"action": "issue"})
    first = CalendarFeed.objects.get(user=me).token
    page = client.get("/en/me/calendar/")
    asked = client.post("/en/me/calendar/feeds/personal/", {"action": "issue"})
    assert "Replace the subscription link?" in asked.content.decode()
    assert CalendarFeed.objects.get(user=me).token == first  # asking changed nothing
    confirm_post(client, "/en/me/calendar/feeds/personal/", {"action": "issue"})
    second = CalendarFeed.objects.get(user=me).token
    asked = client.post("/en/me/calendar/feeds/personal/", {"action": "revoke"})
    assert "Turn the subscription link off?" in asked.content.decode()
    assert CalendarFeed.objects.filter(user=me).exists()
    client.post(
        "/en/me/calendar/feeds/personal/", confirm_fields(asked.content.decode())
    )

    assert first in page.content.decode()
    assert (
        f"webcal://127.0.0.1:8000/calendar/feeds/{first}.ics" in page.content.decode()
    )
    assert page["Referrer-Policy"] == "same-origin"
    assert first != second
    assert not CalendarFeed.objects.filter(user=me).exists()


def test_add_and_remove_a_session_from_my_agenda_in_the_browser(client, event):
    me = UserFactory()
    session = SessionFactory(event=event, title_en="Worth it")
    client.force_login(me)
    added = client.post(f"/en/me/agenda/{session.pk}/", {"next": "/en/agenda/"})
    page = client.get("/en/me/calendar/").content.decode()
    removed = client.post(
        f"/en/me/agenda/{session.pk}/",
        {"action": "remove", "next": "https://evil.example/"},
    )
    assert added["Location"] == f"/en/agenda/#session-{session.pk}"
    assert "Worth it" in page
    assert removed["Location"] == f"/en/me/calendar/#session-{session.pk}"
    assert client.get("/api/me/agenda").json()["items"] == []


def test_agenda_toggle_of_a_hidden_event_is_404(client):
    draft = EventFactory(is_published=False)
    session = SessionFactory(event=draft)
    client.force_login(UserFactory())
    assert client.post(f"/en/me/agenda/{session.pk}/").status_code == 404


def test_session_links_for_add_to_calendar(event):
    from calendars.selectors import event_links, session_links

    session = SessionFactory(event=event, title_en="Opening", start=local(event, 0, 9))
    links = session_links(session)
    assert links["ics"] == f"/calendar/events/kic/sessions/{session.pk}.ics"
    assert "dates=20270914T000000Z%2F20270914T004500Z" in links["google"]
    assert "startdt=2027-09-14T09%3A00%3A00%2B09%3A00" in links["outlook"]
    assert (
        event_links(event)["webcal"]
        == "webcal://127.0.0.1:8000/calendar/events/kic.ics"
    )


def test_event_feed_shows_a_new_speaker_at_once(client, event):
    session = SessionFactory(event=event, title_en="Panel")
    before = _events(client.get("/calendar/events/kic.ics"))[0]
    SessionSpeakerFactory(session=session, speaker__user__first_name="Hiroshi")
    after = _events(client.get("/calendar/events/kic.ics"))[0]
    assert "Hiroshi" not in before.get("DESCRIPTION", "")
    assert "Hiroshi" in after["DESCRIPTION"]
