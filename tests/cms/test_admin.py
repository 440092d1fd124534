import datetime as dt

import pytest
from django.urls import reverse

from events import services
from events.enums import TeamRole
from tests.cms.conftest import add_sessions
from tests.factories.accounts import UserFactory
from tests.factories.events import SessionFactory, SessionSpeakerFactory
from tests.spreadsheets import csv_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

FORMAT = "%Y-%m-%d %H:%M"


@pytest.fixture
def organiser_client(client, conference):
    user = UserFactory()
    services.team_member_add(event=conference.event, user=user, role=TeamRole.ORGANISER)
    client.force_login(user)
    return client


def _session_form(session, **changes) -> dict:
    data = {
        "event": session.event_id,
        "kind": session.kind,
        "title_en": session.title_en,
        "title_ko": session.title_ko,
        "abstract_en": session.abstract_en or "",
        "abstract_ko": session.abstract_ko or "",
        "start": session.start.astimezone(session.event.tz).strftime(FORMAT),
        "end": session.end.astimezone(session.event.tz).strftime(FORMAT),
        "room": session.room_id or "",
        "track": session.track_id or "",
        "language": session.language,
        "capacity": "",
    }
    return {**data, **changes}


def test_organisers_list_and_search_sessions(organiser_client, conference):
    add_sessions(conference, 3)
    response = organiser_client.get("/admin/snippets/events/session/?q=Talk+2")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Talk 2" in html
    assert "Talk 1" not in html


@pytest.mark.parametrize(
    "model", ["session", "speaker", "room", "track", "sponsor", "event"]
)
def test_every_agenda_viewset_lists_for_organisers(organiser_client, conference, model):
    assert organiser_client.get(f"/admin/snippets/events/{model}/").status_code == 200


def test_editing_the_korean_title_changes_the_public_agenda(
    organiser_client, pages, conference
):
    session = add_sessions(conference, 1)[0]
    url = f"/admin/snippets/events/session/edit/{session.pk}/"
    response = organiser_client.post(url, _session_form(session, title_ko="새 제목"))
    assert response.status_code == 302
    assert "새 제목" in organiser_client.get("/ko/kic/agenda/").content.decode()


def test_moving_a_session_onto_its_speakers_other_talk_is_refused(
    organiser_client, conference
):
    first, second = add_sessions(conference, 2)
    speaker = first.session_speakers.get().speaker
    SessionSpeakerFactory(session=second, speaker=speaker)
    second.session_speakers.exclude(speaker=speaker).delete()
    url = f"/admin/snippets/events/session/edit/{second.pk}/"
    data = _session_form(
        second,
        start=first.start.astimezone(first.event.tz).strftime(FORMAT),
        end=first.end.astimezone(first.event.tz).strftime(FORMAT),
        room=conference.rooms[1].pk,
    )
    response = organiser_client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert f"{speaker} already speaks at “Talk 0” then" in html
    second.refresh_from_db()
    assert second.start != first.start


def test_assigning_a_double_booked_speaker_is_refused(organiser_client, conference):
    first = add_sessions(conference, 1)[0]
    clashing = SessionFactory(
        event=conference.event, start=first.start, end=first.end, room=None
    )
    speaker = first.session_speakers.get().speaker
    response = organiser_client.post(
        "/admin/snippets/events/sessionspeaker/add/",
        {"session": clashing.pk, "speaker": speaker.pk, "role": "speaker", "order": 0},
    )
    assert response.status_code == 200
    assert "already speaks at" in response.content.decode()
    assert not clashing.session_speakers.filter(speaker=speaker).exists()


def test_a_room_clash_is_refused_in_the_admin(organiser_client, conference):
    first, second = add_sessions(conference, 2)
    url = f"/admin/snippets/events/session/edit/{second.pk}/"
    data = _session_form(
        second,
        start=first.start.astimezone(first.event.tz).strftime(FORMAT),
        end=first.end.astimezone(first.event.tz).strftime(FORMAT),
        room=first.room_id,
    )
    response = organiser_client.post(url, data)
    assert response.status_code == 200
    assert "is already booked for" in response.content.decode()


def test_sessions_export_as_csv(organiser_client, conference):
    add_sessions(conference, 2)
    response = organiser_client.get("/admin/snippets/events/session/?export=csv")
    body = str(csv_rows(response))
    assert "Talk 1" in body
    assert "발표 0" in body


def test_a_session_edit_is_previewed_before_it_is_saved(organiser_client, conference):
    session = add_sessions(conference, 1)[0]
    url = reverse("wagtailsnippets_events_session:preview_on_edit", args=[session.pk])
    form = _session_form(session, title_en="Previewed, not saved")

    checked = organiser_client.post(url, form)
    preview = organiser_client.get(url)

    assert checked.json() == {"is_valid": True, "is_available": True}
    assert "Previewed, not saved" in preview.content.decode()
    session.refresh_from_db()
    assert session.title_en != "Previewed, not saved"


def test_session_times_are_typed_and_listed_in_the_events_zone(
    organiser_client, conference
):
    """KIC is in Seoul (UTC+9): 09:30 typed in the form is 00:30 UTC."""
    session = add_sessions(conference, 1)[0]
    url = f"/admin/snippets/events/session/edit/{session.pk}/"
    form = organiser_client.get(url).content.decode()
    organiser_client.post(
        url, _session_form(session, start="2027-09-14 09:30", end="2027-09-14 10:15")
    )
    session.refresh_from_db()
    listing = organiser_client.get("/admin/snippets/events/session/").content.decode()

    assert "Time in the event&#x27;s zone (KST (Asia/Seoul))." in form
    assert session.start == dt.datetime(2027, 9, 14, 0, 30, tzinfo=dt.UTC)
    assert "2027-09-14 09:30" in listing
