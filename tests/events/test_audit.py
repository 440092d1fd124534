"""The audit log in the organiser's words and language: one write per logged
change, tagged with its event; no internal fields, raw codes or masks of empty
values; choices by their labels, people and tickets by name, amounts in the
event's currency, times on the event's clock; Korean on the Korean page."""

import html
import re
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from registration.enums import RegistrationStatus
from tests.factories.accounts import UserFactory
from tests.factories.admin import admin_organiser
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory, RoomFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def kic(db):
    return EventFactory(slug="kic-2027", timezone="Asia/Seoul", currency="KRW")


@pytest.fixture
def organiser_client(client, kic):
    client.force_login(admin_organiser(kic, email="olga@example.org"))
    return client


@pytest.fixture
def logged(kic):
    """A registration created, then its answers and status changed."""
    user = UserFactory(first_name="Minji", last_name="Kim", name_ko="김민지")
    order = OrderFactory(event=kic, buyer=user)
    ticket = TicketTypeFactory(event=kic, name_en="Early bird", name_ko="얼리버드")
    reg = RegistrationFactory(
        event=kic,
        user=user,
        order=order,
        ticket_type=ticket,
        price=Decimal("350000"),
        status=RegistrationStatus.PENDING,
    )
    reg.dietary_needs = "vegan"
    reg.status = RegistrationStatus.CONFIRMED
    reg.save()
    return reg


def _changes(page: str) -> list[str]:
    table = page.split('id="audit-log"')[1].split("</table>")[0]
    items = re.findall(r"<li>(.*?)</li>", table, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", item)).strip() for item in items]


def test_a_logged_save_is_written_once_with_its_event(kic):
    room = RoomFactory(event=kic, name_en="Hall A")
    room.name_en = "Grand Hall"
    with CaptureQueriesContext(connection) as queries:
        room.save()
    writes = [q["sql"] for q in queries if "auditlog_logentry" in q["sql"]]
    entry = LogEntry.objects.get_for_object(room).latest("pk")
    assert len(writes) == 1
    assert writes[0].startswith("INSERT")
    assert entry.additional_data == {"event_id": kic.pk}


def test_deletions_and_many_to_many_changes_are_tagged(kic):
    room = RoomFactory(event=kic)
    pk = room.pk
    room.delete()
    voucher = VoucherFactory(event=kic)
    voucher.ticket_types.add(TicketTypeFactory(event=kic, name_en="Student"))
    deleted = LogEntry.objects.filter(object_pk=str(pk), action=LogEntry.Action.DELETE)
    added = LogEntry.objects.get_for_object(voucher).latest("pk")
    assert deleted.get().additional_data == {"event_id": kic.pk}
    assert added.changes_dict["ticket_types"]["operation"] == "add"
    assert added.additional_data == {"event_id": kic.pk}


def test_the_log_reads_without_internal_noise(organiser_client, logged):
    page = organiser_client.get("/en/organiser/kic-2027/audit/").content.decode()
    changes = _changes(page)
    for noise in ("None", "**ne", "#registration.", "#badges.", "#", "True", "ID:"):
        assert not any(noise in c for c in changes), (noise, changes)
    assert "Status: Pending → Confirmed" in changes
    assert "Category: — → Attendee" in changes
    assert "Ticket type: — → Early bird" in " ".join(changes)
    assert "Person: — → Minji Kim" in changes
    assert "Price paid: — → KRW 350,000" in changes
    assert "Dietary needs: — → (hidden)" in changes
    assert "vegan" not in page
    assert not any(c.startswith(("Event:", "Created:", "Changed:")) for c in changes)
    assert re.search(r"<time [^>]*>\d{4}-\d\d-\d\d \d\d:\d\d KST</time>", page)


def test_masked_answers_keep_empty_as_empty(logged):
    entry = LogEntry.objects.get_for_object(logged).latest("pk")
    assert entry.changes_dict["dietary_needs"] == ["", "***"]
    created = LogEntry.objects.get_for_object(logged).earliest("pk")
    assert created.changes_dict.get("job_role", ["", ""]) == ["", ""]


def test_the_korean_page_names_every_field_in_korean(organiser_client, logged):
    with translation.override("ko"):
        page = organiser_client.get("/ko/organiser/kic-2027/audit/").content.decode()
    changes = _changes(page)
    fields = [c.split(":")[0] for c in changes]
    assert fields
    assert not [f for f in fields if re.search(r"[A-Za-z]", f)], fields
    assert "상태: 대기 → 확정" in changes
    assert "인물: — → 김민지" in changes
    assert "티켓 유형: — → 얼리버드" in " ".join(changes)


def test_another_events_entries_stay_out(organiser_client, logged):
    other = EventFactory(slug="other")
    RoomFactory(event=other, name_en="Their room")
    page = organiser_client.get("/en/organiser/kic-2027/audit/").content.decode()
    assert "Their room" not in page


def test_a_wall_clock_time_reads_as_typed(organiser_client, kic):
    import datetime as dt

    from matchmaking.models import MeetingBlock

    MeetingBlock.objects.create(
        event=kic,
        label="Afternoon",
        date=kic.start_date,
        start_time=dt.time(13, 30),
        end_time=dt.time(17, 30),
    )
    changes = _changes(
        organiser_client.get("/en/organiser/kic-2027/audit/").content.decode()
    )
    assert any(c.endswith("→ 13:30") for c in changes), changes
    assert not any("13:30:00" in c for c in changes)
