import datetime as dt

import pytest
from django.utils import timezone

from tests.cms.conftest import add_sessions
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, SessionFactory, SessionSpeakerFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_agenda_grid_shows_rooms_as_columns_in_local_time(client, pages, conference):
    add_sessions(conference, 2)
    html = _html(client, "/en/kic/agenda/")
    assert '<th scope="col"><a href="/en/kic/agenda/room/' in html
    assert "Hall A" in html
    assert "Hall B" in html
    assert '<time datetime="2027-09-14T09:00:00+09:00">09:00</time>' in html
    assert "All times are local to the event: Asia/Seoul (KST)." in html


def test_agenda_in_korean_shows_korean_titles_rooms_and_names(
    client, pages, conference
):
    session = add_sessions(conference, 1)[0]
    speaker = session.session_speakers.get().speaker.user
    html = _html(client, "/ko/kic/agenda/?view=list")
    assert "발표 0" in html
    assert "A홀" in html
    assert speaker.name_ko in html
    assert "Talk 0" not in html


def test_agenda_falls_back_to_english_when_korean_is_missing(client, pages, conference):
    SessionFactory(event=conference.event, title_en="Only English", title_ko="")
    assert "Only English" in _html(client, "/ko/kic/agenda/?view=list")


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("track=regulatory", "Talk 0", "Talk 1"),
        ("q=talk+1", "Talk 1", "Talk 0"),
        ("q=발표+2", "Talk 2", "Talk 1"),
        ("kind=talk&language=en", "Talk 2", "No sessions match"),
        ("kind=keynote", "Talk 0", "No sessions match"),  # no keynotes: not a choice
        ("day=2027-09-15", "No sessions match", "Talk 0"),
        ("track=no-such-track", "Talk 1", "No sessions match"),
    ],
)
def test_agenda_filters_and_search(client, pages, conference, query, shown, hidden):
    add_sessions(conference, 3)
    html = _html(client, f"/en/kic/agenda/?view=list&{query}")
    assert shown in html
    assert hidden not in html


def test_agenda_routes_per_day_track_and_room(client, pages, conference):
    add_sessions(conference, 2)
    room_b = conference.rooms[1]
    assert "Talk 0" in _html(client, "/en/kic/agenda/day/2027-09-14/")
    assert "Talk 1" not in _html(client, "/en/kic/agenda/track/regulatory/")
    by_room = _html(client, f"/en/kic/agenda/room/{room_b.pk}/?view=list")
    assert ("Talk 1" in by_room, "Talk 0" in by_room) == (True, False)


@pytest.mark.parametrize(
    "path",
    [
        "day/2030-01-01/",
        "day/not-a-day/",
        "track/nothing/",
        "room/999999/",
        "session/999999/",
        "speaker/999999/",
        "no-such-route/",
    ],
)
def test_unknown_agenda_urls_are_404(client, pages, path):
    response = client.get(f"/en/kic/agenda/{path}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_session_of_another_event_is_404(client, pages):
    other = SessionFactory(event=EventFactory())
    assert client.get(f"/en/kic/agenda/session/{other.pk}/").status_code == 404


def test_session_page_has_abstract_speakers_room_time_and_calendar_links(
    client, pages, conference
):
    session = add_sessions(conference, 1)[0]
    session.abstract_ko = "초록 내용"
    session.save()
    role = session.session_speakers.get()
    html = _html(client, f"/ko/kic/agenda/session/{session.pk}/")
    assert "<h1>발표 0</h1>" in html
    assert "초록 내용" in html
    assert f'href="/ko/kic/agenda/speaker/{role.speaker_id}/"' in html
    assert "09:00</time>–" in html
    assert "KST (Asia/Seoul)" in html
    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "dates=20270914T000000Z%2F20270914T004500Z" in html
    ics_url = f"/calendar/events/kic-test/sessions/{session.pk}.ics"
    assert f'href="{ics_url}"' in html
    ics = client.get(ics_url)
    assert ics["Content-Type"].startswith("text/calendar")
    assert "BEGIN:VEVENT" in ics.content.decode()


def test_speaker_page_lists_their_sessions(client, pages, conference):
    session = add_sessions(conference, 1)[0]
    speaker = session.session_speakers.get().speaker
    html = _html(client, f"/en/kic/agenda/speaker/{speaker.pk}/")
    assert f"<h1>{speaker.user.get_full_name()}</h1>" in html
    assert f'href="/en/kic/agenda/session/{session.pk}/">Talk 0</a>' in html


def test_speaker_index_links_to_speaker_pages_and_searches(client, pages, conference):
    sessions = add_sessions(conference, 2)
    first, second = (s.session_speakers.get().speaker for s in sessions)
    html = _html(client, f"/en/kic/speakers/?q={first.user.last_name}")
    assert f'href="/en/kic/agenda/speaker/{first.pk}/"' in html
    assert f'href="/en/kic/agenda/speaker/{second.pk}/"' not in html


@pytest.mark.parametrize("query", ["q=a%00b", "q=a%FFb", "track=%00"])
def test_speaker_and_agenda_search_with_a_nul_or_broken_utf8_is_a_400_page(
    client, pages, conference, query
):
    for page in ("speakers", "agenda"):
        response = client.get(f"/en/kic/{page}/?{query}")
        assert response.status_code == 400, page
        html = response.content.decode()
        assert "<h1>Request refused</h1>" in html
        assert ("NUL character" in html) == ("%00" in query)
        assert ("not valid UTF-8" in html) == ("%FF" in query)


def test_now_and_next_shows_while_the_event_runs(client, home, db):
    from cms.models import AgendaPage, EventPage
    from tests.cms.conftest import publish_child

    now = timezone.now()
    today = now.astimezone(dt.UTC).date()
    event = EventFactory(
        timezone="UTC",
        start_date=today - dt.timedelta(days=1),
        end_date=today + dt.timedelta(days=1),
    )
    SessionFactory(
        event=event,
        title_en="Running",
        start=now - dt.timedelta(minutes=5),
        end=now + dt.timedelta(minutes=30),
    )
    SessionFactory(
        event=event,
        title_en="Coming",
        start=now + dt.timedelta(minutes=40),
        end=now + dt.timedelta(minutes=60),
    )
    landing = publish_child(home, EventPage(title="Live", slug="live", event=event))
    publish_child(landing, AgendaPage(title="Agenda", slug="agenda", event=event))
    html = _html(client, "/en/live/agenda/")
    now_next = html.split('id="now-heading"')[1].split("</section>")[0]
    assert "Running" in now_next.split("<h3>Next</h3>")[0]
    assert "Coming" in now_next.split("<h3>Next</h3>")[1]


def test_now_and_next_is_hidden_outside_the_event(client, pages, conference):
    add_sessions(conference, 1)
    assert "Now and next" not in _html(client, "/en/kic/agenda/")


def test_an_edit_shows_on_the_agenda_at_once(client, pages, conference):
    session = add_sessions(conference, 1)[0]
    assert "발표 0" in _html(client, "/ko/kic/agenda/")
    session.title_ko = "바뀐 제목"
    session.save()
    assert "바뀐 제목" in _html(client, "/ko/kic/agenda/")


# About ten queries are Wagtail's routing (site, locale, page path); the rest are the
# page's own reads, prefetched, so the count does not grow with the sessions.
def _count(django_assert_max_num_queries, client, url: str, limit: int) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_queries_are_bounded(
    client, pages, conference, count, django_assert_max_num_queries
):
    sessions = add_sessions(conference, count)
    for s in sessions:
        SessionSpeakerFactory(session=s)
    _count(django_assert_max_num_queries, client, "/en/kic/agenda/", 28)
    _count(django_assert_max_num_queries, client, "/ko/kic/agenda/?view=list", 28)


@pytest.mark.parametrize("count", [1, 3])
def test_session_and_speaker_queries_are_bounded(
    client, pages, conference, count, django_assert_max_num_queries
):
    sessions = add_sessions(conference, count)
    speaker = sessions[0].session_speakers.get().speaker
    for s in sessions[1:]:
        SessionSpeakerFactory(session=s, speaker=speaker)
    _count(
        django_assert_max_num_queries,
        client,
        f"/en/kic/agenda/session/{sessions[-1].pk}/",
        24,
    )
    _count(
        django_assert_max_num_queries,
        client,
        f"/en/kic/agenda/speaker/{speaker.pk}/",
        24,
    )
    _count(django_assert_max_num_queries, client, "/en/kic/speakers/", 24)


def test_a_signed_in_visitor_adds_a_session_to_their_agenda(client, pages, conference):
    session = add_sessions(conference, 1)[0]
    client.force_login(UserFactory())
    page = f"/en/kic/agenda/session/{session.pk}/"
    html = _html(client, page)
    action = f'action="/en/me/agenda/{session.pk}/"'
    assert action in html
    response = client.post(f"/en/me/agenda/{session.pk}/", {"next": page})
    after = _html(client, page)
    assert (response.status_code, response["Location"]) == (
        302,
        f"{page}#session-{session.pk}",
    )
    assert f'id="session-{session.pk}"' in after
    assert "Added to My agenda." in after
    assert "In my agenda ✓" in after
    assert '<input type="hidden" name="action" value="remove">' in after
    assert "Talk 0" in _html(client, "/en/me/calendar/")


def test_an_anonymous_visitor_is_asked_to_sign_in_first(client, pages, conference):
    session = add_sessions(conference, 1)[0]
    html = _html(client, f"/en/kic/agenda/session/{session.pk}/")
    assert "/en/accounts/login/?next=/en/kic/agenda/session/" in html


def test_korean_pages_translate_the_interface_and_choices(client, pages, conference):
    add_sessions(conference, 1)
    html = _html(client, "/ko/kic/agenda/")
    assert "모든 시간은 행사 현지 시간입니다: Asia/Seoul (KST)." in html
    assert '<span class="badge">발표</span>' in html
    assert "본문으로 건너뛰기" in html


def test_day_links_use_each_languages_date_order(client, pages, conference):
    add_sessions(conference, 1)
    korean, english = _html(client, "/ko/kic/agenda/"), _html(client, "/en/kic/agenda/")
    assert ">9월 14일 (화)</a>" in korean
    assert ">Tue 14 Sep</a>" in english
    # the day filter's choices too (were ISO dates)
    assert '<option value="2027-09-14">9월 14일 (화)</option>' in korean
    assert '<option value="2027-09-14">Tue 14 Sep</option>' in english
