"""The Django admin (superusers') reads and shows an event's times on its clock."""

import datetime as dt

import pytest

from registration.enums import WaitlistStatus
from registration.models import Order, WaitlistEntry
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory
from tests.factories.delegations import ApplicationFactory, ProgrammeFactory
from tests.factories.events import SessionFactory, local
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_session_edits_on_the_events_clock(superuser_client, event):
    session = SessionFactory(event=event, start=local(event, 0, 9))  # 00:00 UTC
    url = f"/django-admin/events/session/{session.pk}/change/"
    html = superuser_client.get(url).content.decode()
    assert 'name="start_1" value="09:00:00"' in html
    assert "zone (KST (Asia/Seoul))." in html
    data = {
        "event": event.pk,
        "kind": session.kind,
        "title_en": session.title_en,
        "title_ko": session.title_ko,
        "start_0": "2027-09-14",
        "start_1": "14:20",
        "end_0": "2027-09-14",
        "end_1": "15:05",
        "language": session.language,
        "status": session.status,
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.start == dt.datetime(2027, 9, 14, 5, 20, tzinfo=dt.UTC)


def test_a_programmes_deadline_edits_in_korea_time(superuser_client):
    programme = ProgrammeFactory()  # the event is in Chicago; the deadline Seoul's
    url = f"/django-admin/delegations/delegationprogramme/{programme.pk}/change/"
    html = superuser_client.get(url).content.decode()
    assert 'name="application_deadline_1" value="23:59:00"' in html
    assert "KST (Asia/Seoul)" in html


MIDNIGHT_UTC = dt.datetime(2027, 9, 14, 0, 0, tzinfo=dt.UTC)  # 09:00 in Seoul


def test_list_columns_show_times_on_the_events_clock(
    superuser_client, event, django_assert_max_num_queries
):
    for n in range(3):
        SessionFactory(event=event, start=local(event, 0, 9 + n))
    with django_assert_max_num_queries(12):
        html = superuser_client.get("/django-admin/events/session/").content.decode()
    assert "2027-09-14 09:00 KST" in html
    assert "2027-09-14 11:00 KST" in html
    assert 'class="sortable column-start_local' in html  # sorts by the stored time


def test_read_only_times_and_lists_of_orders_are_local(superuser_client, event):
    order = _paid_order(event)
    listing = superuser_client.get("/django-admin/registration/order/").content.decode()
    change = superuser_client.get(
        f"/django-admin/registration/order/{order.pk}/change/"
    ).content.decode()
    assert "2027-09-14 09:00 KST" in listing  # created
    assert "2027-09-14 09:00 KST" in change  # paid, read-only
    assert "Sept. 14, 2027" not in change
    assert "midnight" not in change


def test_a_waiting_list_entry_reads_its_event_through_its_ticket(
    superuser_client, event
):
    entry = WaitlistEntry.objects.create(
        ticket_type=TicketTypeFactory(event=event),
        user=UserFactory(),
        status=WaitlistStatus.OFFERED,
        offered_at=MIDNIGHT_UTC,
        offer_expires_at=MIDNIGHT_UTC,
    )
    listing = superuser_client.get(
        "/django-admin/registration/waitlistentry/"
    ).content.decode()
    change = superuser_client.get(
        f"/django-admin/registration/waitlistentry/{entry.pk}/change/"
    ).content.decode()
    assert "2027-09-14 09:00 KST" in listing
    assert "2027-09-14 09:00 KST" in change


def test_a_delegation_applications_submission_is_on_koreas_clock(superuser_client):
    application = ApplicationFactory(submitted_at=MIDNIGHT_UTC)
    listing = superuser_client.get(
        "/django-admin/delegations/delegationapplication/"
    ).content.decode()
    change = superuser_client.get(
        f"/django-admin/delegations/delegationapplication/{application.pk}/change/"
    ).content.decode()
    assert "2027-09-14 09:00 KST" in listing
    assert "2027-09-14 09:00 KST" in change


def _paid_order(event):
    order = OrderFactory(event=event)
    Order.objects.filter(pk=order.pk).update(
        created_at=MIDNIGHT_UTC, paid_at=MIDNIGHT_UTC
    )
    return order
