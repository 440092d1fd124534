"""Partnering set-up, meeting blocks and tables in the Wagtail admin: an
organiser of forum A works on A's rows and never sees, opens or reaches B's."""

import datetime as dt
import re

import pytest

from matchmaking.models import MeetingBlock, PartneringSetup, Slot, Table
from tests.factories.admin import admin_organiser
from tests.factories.matchmaking import (
    ForumFactory,
    ParticipantFactory,
    partnering_event,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SNIPPETS = "/admin/snippets/matchmaking"


@pytest.fixture
def alpha(db):
    """Forum A: one morning block of four half hours in Seoul, two tables."""
    return partnering_event(
        slots=4, tables=2, event=ForumFactory(slug="alpha", name_en="Alpha Forum")
    ).event


@pytest.fixture
def beta(db):
    return partnering_event(
        slots=2,
        tables=3,
        request_cap=7,
        event=ForumFactory(slug="beta", name_en="Beta Forum", timezone="Europe/Berlin"),
    ).event


@pytest.fixture
def client_a(client, alpha, beta):
    user = admin_organiser(alpha, email="olivia@example.org")
    client.force_login(user)
    return client


def _text(response) -> str:
    return response.content.decode()


def _setup_form(event, **changes) -> dict:
    data = {
        "event": event.pk,
        "requests_open_at": "2027-03-01 09:00",
        "requests_close_at": "2027-03-14 18:00",
        "request_cap": "12",
        "allowed_pairs": "[]",
        "slot_minutes": "30",
        "max_breaks_spread": "",
    }
    return {**data, **changes}


def _block_form(event, **changes) -> dict:
    data = {
        "event": event.pk,
        "date": event.start_date.isoformat(),
        "start_time": "14:00",
        "end_time": "15:00",
        "label": "Afternoon",
    }
    return {**data, **changes}


@pytest.mark.parametrize("model", ["partneringsetup", "meetingblock", "table"])
def test_lists_show_only_the_organisers_forum(client_a, model):
    html = _text(client_a.get(f"{SNIPPETS}/{model}/"))
    assert "Alpha Forum" in html
    assert "Beta Forum" not in html


def test_lists_count_only_the_organisers_rows(client_a, alpha):
    html = _text(client_a.get(f"{SNIPPETS}/table/"))
    listed = {int(pk) for pk in re.findall(rf"{SNIPPETS}/table/edit/(\d+)/", html)}
    assert listed == set(Table.objects.filter(event=alpha).values_list("pk", flat=True))


@pytest.mark.parametrize("model", [PartneringSetup, MeetingBlock, Table])
@pytest.mark.parametrize("view", ["edit", "delete", "history"])
def test_another_forums_rows_are_not_found(client_a, beta, model, view):
    row = model.objects.filter(event=beta).first()
    url = f"{SNIPPETS}/{model._meta.model_name}/{view}/{row.pk}/"
    assert client_a.get(url).status_code == 404
    assert client_a.post(url).status_code == 404
    assert model.objects.filter(pk=row.pk).exists()


def test_organiser_edits_the_request_window_in_the_forums_zone(client_a, alpha):
    setup = alpha.partnering
    url = f"{SNIPPETS}/partneringsetup/edit/{setup.pk}/"
    response = client_a.post(url, _setup_form(alpha))
    setup.refresh_from_db()
    assert response.status_code == 302
    assert setup.request_cap == 12
    assert setup.requests_close_at == dt.datetime(2027, 3, 14, 9, 0, tzinfo=dt.UTC)
    html = _text(client_a.get(url))
    assert 'value="2027-03-14 18:00"' in html
    assert "(Asia/Seoul)" in html


def test_a_set_up_cannot_be_moved_to_another_forum(client_a, alpha, beta):
    setup = alpha.partnering
    url = f"{SNIPPETS}/partneringsetup/edit/{setup.pk}/"
    response = client_a.post(url, _setup_form(beta))
    setup.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert setup.event == alpha
    assert beta.partnering.request_cap == 7


def test_a_shorter_slot_length_recuts_the_grid(client_a, alpha):
    setup = alpha.partnering
    url = f"{SNIPPETS}/partneringsetup/edit/{setup.pk}/"
    client_a.post(url, _setup_form(alpha, slot_minutes="15"))
    assert Slot.objects.filter(event=alpha).count() == 8


def test_organiser_adds_a_block_and_its_slots_appear(client_a, alpha, beta):
    response = client_a.post(f"{SNIPPETS}/meetingblock/add/", _block_form(alpha))
    block = MeetingBlock.objects.get(event=alpha, label="Afternoon")
    starts = list(block.slots.values_list("start", flat=True))
    assert response.status_code == 302
    # 14:00 and 14:30 in Seoul.
    assert starts == [
        dt.datetime(2027, 3, 16, 5, 0, tzinfo=dt.UTC),
        dt.datetime(2027, 3, 16, 5, 30, tzinfo=dt.UTC),
    ]
    assert Slot.objects.filter(event=beta).count() == 2


def test_an_overlapping_block_is_refused(client_a, alpha):
    data = _block_form(alpha, start_time="10:30", end_time="12:00")
    response = client_a.post(f"{SNIPPETS}/meetingblock/add/", data)
    assert response.status_code == 200
    assert "This block overlaps another block of the day." in _text(response)
    assert MeetingBlock.objects.filter(event=alpha).count() == 1


def test_a_block_cannot_be_added_to_another_forum(client_a, beta):
    response = client_a.post(f"{SNIPPETS}/meetingblock/add/", _block_form(beta))
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not MeetingBlock.objects.filter(event=beta, label="Afternoon").exists()


def test_removing_a_block_removes_its_slots(client_a, alpha):
    block = MeetingBlock.objects.get(event=alpha)
    client_a.post(f"{SNIPPETS}/meetingblock/delete/{block.pk}/")
    assert not MeetingBlock.objects.filter(event=alpha).exists()
    assert not Slot.objects.filter(event=alpha).exists()


def test_organiser_adds_a_table_with_a_host_of_their_forum(client_a, alpha):
    host = ParticipantFactory(event=alpha)
    data = {"event": alpha.pk, "number": "9", "host": host.pk}
    response = client_a.post(f"{SNIPPETS}/table/add/", data)
    assert response.status_code == 302
    assert Table.objects.get(event=alpha, number=9).host == host


def test_a_table_host_from_another_forum_is_refused(client_a, alpha, beta):
    stranger = ParticipantFactory(event=beta)
    data = {"event": alpha.pk, "number": "9", "host": stranger.pk}
    response = client_a.post(f"{SNIPPETS}/table/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not Table.objects.filter(number=9).exists()


def test_the_table_form_offers_only_the_forums_participants(client_a, alpha, beta):
    mine = ParticipantFactory(event=alpha)
    theirs = ParticipantFactory(event=beta)
    table = Table.objects.filter(event=alpha).first()
    html = _text(client_a.get(f"{SNIPPETS}/table/edit/{table.pk}/"))
    assert str(mine.user) in html
    assert str(theirs.user) not in html


def test_the_desk_page_links_the_forums_partnering_dashboard(client_a):
    html = _text(client_a.get("/admin/events/alpha/"))
    assert 'href="/en/partnering/alpha/organiser/"' in html
    assert "/partnering/beta/" not in html


def test_the_admin_menu_has_a_partnering_group(client_a):
    html = _text(client_a.get("/admin/"))
    assert "Partnering" in html
    assert f"{SNIPPETS}/meetingblock/" in html


def test_tags_stay_out_of_the_organisers_admin(client_a):
    """Tags are shared by every event: no event owns one, so no snippet."""
    assert client_a.get(f"{SNIPPETS}/tag/").status_code == 404
