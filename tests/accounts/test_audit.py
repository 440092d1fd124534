"""The audit log: organisers' actions on orders, payments and schedules leave an
entry (who, what, when, before → after), readable per event by its organisers."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.selectors import audit_entries_for_event
from cms.demo.pages import build_site
from cms.models import EventPage, StandardPage
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking.enums import RunStatus
from matchmaking.models import ScheduleRun
from registration.enums import OrderStatus, PaymentMethod
from tests.cms.conftest import publish_child
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory, RoomFactory, SessionFactory
from tests.factories.matchmaking import partnering_event

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event(db):
    return EventFactory(slug="kic-audit", timezone="Asia/Seoul")


@pytest.fixture
def organiser(event):
    user = UserFactory(email="olga@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user


@pytest.fixture
def invoice_order(event):
    order = OrderFactory(
        event=event,
        status=OrderStatus.PENDING,
        method=PaymentMethod.INVOICE,
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    RegistrationFactory(event=event, order=order, user=order.buyer)
    return order


def _entries(obj):
    return LogEntry.objects.get_for_object(obj).order_by("pk")


def _act(client, event, order, action, **data):
    url = f"/en/organiser/{event.slug}/orders/{order.code}/{action}/"
    return confirm_post(client, url, data)


def test_marking_an_order_paid_is_logged_with_who_and_before_after(
    client, organiser, event, invoice_order
):
    client.force_login(organiser)
    _act(client, event, invoice_order, "mark-paid")
    entry = _entries(invoice_order).last()
    assert (entry.action, entry.actor, entry.changes_dict["status"]) == (
        LogEntry.Action.UPDATE,
        organiser,
        ["pending", "paid"],
    )


def test_refunding_is_logged(client, organiser, event, invoice_order):
    client.force_login(organiser)
    _act(client, event, invoice_order, "mark-paid")
    _act(client, event, invoice_order, "refund", amount="")
    invoice_order.refresh_from_db()
    assert invoice_order.status == OrderStatus.REFUNDED
    changes = [e.changes_dict for e in _entries(invoice_order) if e.actor == organiser]
    assert {"refunded_amount": ["0.00", "150000"]} in changes
    assert changes[-1]["status"] == ["paid", "refunded"]


def test_publishing_a_schedule_is_logged(client):
    setup = partnering_event(slots=2, tables=1)
    boss = UserFactory()
    EventTeamMember.objects.create(
        event=setup.event, user=boss, role=TeamRole.ORGANISER
    )
    run = ScheduleRun.objects.create(
        event=setup.event, status=RunStatus.DRAFT, solution={"assignments": []}
    )
    client.force_login(boss)
    confirm_post(
        client,
        f"/en/partnering/{setup.event.slug}/organiser/schedule/{run.pk}/publish/",
    )
    entry = _entries(run).last()
    assert (entry.actor, entry.changes_dict["status"]) == (boss, ["draft", "published"])


def test_the_organiser_reads_the_log_of_their_event(
    client, organiser, event, invoice_order, django_assert_max_num_queries
):
    client.force_login(organiser)
    _act(client, event, invoice_order, "mark-paid")
    other = OrderFactory(event=EventFactory(), status=OrderStatus.PENDING)
    other.status = OrderStatus.CANCELLED
    other.save()
    # The frame (account menu, an organiser's Wagtail user bar) takes a few, and
    # one query per kind of row the page names (orders, payments, people,
    # tickets…); the next test checks that entries add none.
    with django_assert_max_num_queries(26):
        page = client.get(f"/en/organiser/{event.slug}/audit/")
    assert page.status_code == 200
    assert "olga@example.org" in page.text
    assert "Status: Pending payment → Paid" in page.text
    assert other.code not in page.text


def test_the_log_page_query_count_does_not_grow_with_entries(
    client, organiser, event, django_assert_max_num_queries
):
    OrderFactory(event=event, buyer=organiser)  # created: one entry
    client.force_login(organiser)
    url = f"/en/organiser/{event.slug}/audit/"
    client.get(url)  # caches (content types, site chrome) filled
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(14):
        OrderFactory(event=event, buyer=organiser)
    with CaptureQueriesContext(connection) as fifteen:
        page = client.get(url)
    # header, the event, the organiser role, 15 orders
    assert page.text.count("<tr>") == 18
    assert len(fifteen) == len(one)


def test_someone_else_cannot_read_the_log(client, event):
    client.force_login(UserFactory())
    assert client.get(f"/en/organiser/{event.slug}/audit/").status_code == 404


def test_personal_answers_are_masked_in_the_log(event):
    reg = RegistrationFactory(event=event, dietary_needs="")
    reg.dietary_needs = "vegan"
    reg.save()
    change = _entries(reg).last().changes_dict["dietary_needs"]
    assert "vegan" not in change[1]


def test_times_show_in_the_event_zone(client, organiser, event, invoice_order):
    client.force_login(organiser)
    _act(client, event, invoice_order, "mark-paid")
    invoice_order.refresh_from_db()
    local = invoice_order.paid_at.astimezone(event.tz).strftime("%Y-%m-%d %H:%M")
    page = client.get(f"/en/organiser/{event.slug}/audit/")
    assert f"→ {local}" in page.text


def test_admin_edits_and_deletions_land_in_the_events_log_with_their_actor(
    client, organiser, event
):
    room = RoomFactory(event=event, name_en="Hall A")
    session = SessionFactory(event=event, room=room, title_en="Opening")
    client.force_login(organiser)
    form = client.get(f"/admin/snippets/events/room/edit/{room.pk}/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(name_en="Grand Hall", name_ko="대강당")
    client.post(f"/admin/snippets/events/room/edit/{room.pk}/", data)
    session.room = None
    session.save()
    client.post(f"/admin/snippets/events/room/delete/{room.pk}/")

    entries = audit_entries_for_event(event_id=event.pk).filter(
        content_type__model="room"
    )
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.DELETE, organiser),
        (LogEntry.Action.UPDATE, organiser),
        (LogEntry.Action.CREATE, None),
    ]
    other = audit_entries_for_event(event_id=EventFactory().pk)
    assert other.filter(content_type__model="room").count() == 0


def test_page_changes_in_wagtail_land_in_the_events_log(client, organiser, event):
    home = build_site()
    landing = publish_child(home, EventPage(title="Landing", slug="land", event=event))
    faq = publish_child(landing, StandardPage(title="FAQ", slug="faq"))
    client.force_login(organiser)
    client.post(f"/admin/pages/{faq.pk}/delete/")
    client.post(f"/admin/pages/{landing.pk}/unpublish/")

    entries = audit_entries_for_event(event_id=event.pk).filter(
        content_type__app_label="cms"
    )
    assert [(e.object_repr, e.action, e.actor) for e in entries] == [
        ("Landing", LogEntry.Action.UPDATE, organiser),
        ("FAQ", LogEntry.Action.DELETE, organiser),
    ]
