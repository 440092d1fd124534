"""The registration exports an organiser downloads, read as Excel reads them:
attendees (the desk), orders (the Django admin), tickets and vouchers (the Wagtail
lists). CSV starts with a BOM and keeps Hangul; XLSX has numbers as numbers and
times as dates on the event's clock, the zone named in the heading."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from registration.enums import OrderStatus, RegistrationStatus, VoucherKind
from tests.factories.accounts import UserFactory
from tests.factories.admin import admin_organiser
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory
from tests.spreadsheets import by_heading, csv_rows, xlsx_rows, xlsx_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PAID_UTC = dt.datetime(2027, 3, 2, 15, 30, tzinfo=dt.UTC)  # 00:30 KST on the 3rd
PAID_IN_SEOUL = dt.datetime.fromisoformat("2027-03-03T00:30")


@pytest.fixture
def kic(db):
    return EventFactory(slug="kic-2027", name_en="KIC 2027", currency="KRW")


@pytest.fixture
def attendee(kic):
    ticket = TicketTypeFactory(
        event=kic, name_en="Early bird", name_ko="얼리버드", price=Decimal("350000")
    )
    order = OrderFactory(
        event=kic,
        total=Decimal("350000"),
        refunded_amount=Decimal("0"),
        paid_at=PAID_UTC,
        buyer=UserFactory(
            email="minji@example.org",
            first_name="Minji",
            last_name="Kim",
            name_ko="김민지",
        ),
    )
    reg = RegistrationFactory(
        event=kic,
        user=order.buyer,
        order=order,
        ticket_type=ticket,
        price=Decimal("350000.00"),
        dietary_needs="=cmd|' /C calc'!A0",
        status=RegistrationStatus.CONFIRMED,
    )
    type(reg).objects.filter(pk=reg.pk).update(created_at=PAID_UTC)
    return reg


@pytest.fixture
def organiser_client(client, kic):
    client.force_login(admin_organiser(kic, email="olga@example.org"))
    return client


def test_attendees_csv_is_excel_ready(organiser_client, attendee):
    response = organiser_client.get("/en/organiser/kic-2027/attendees.csv")
    (row,) = by_heading(csv_rows(response))
    assert response["Content-Disposition"] == (
        'attachment; filename="kic-2027-attendees.csv"'
    )
    assert row["Name in Korean"] == "김민지"
    assert (row["Ticket (English)"], row["Ticket (Korean)"]) == (
        "Early bird",
        "얼리버드",
    )
    assert row["Registration status"] == "Confirmed"
    assert row["Price paid"] == "350000"
    assert row["Registered (KST)"] == "2027-03-03 00:30"
    assert row["Dietary needs"] == "'=cmd|' /C calc'!A0"
    assert row["In the partnering directory"] == "No"


def test_attendees_xlsx_has_numbers_and_local_dates(organiser_client, attendee):
    response = organiser_client.get("/en/organiser/kic-2027/attendees.xlsx")
    sheet = xlsx_sheet(response)
    (row,) = by_heading(list(sheet.values))
    assert row["Price paid"] == 350000
    assert sheet["J2"].number_format == "#,##0"
    assert row["Registered (KST)"] == PAID_IN_SEOUL
    assert row["Dietary needs"] == "=cmd|' /C calc'!A0"
    assert sheet["M2"].data_type == "s"
    assert sheet.freeze_panes == "A2"


def test_attendee_export_stays_with_the_events_organisers(client, attendee):
    client.force_login(UserFactory())
    assert client.get("/en/organiser/kic-2027/attendees.csv").status_code == 404


def test_orders_export_in_the_admin_has_money_as_numbers(attendee):
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    order = attendee.order
    url = reverse("admin:registration_order_changelist")
    data = {"_selected_action": [order.pk]}
    csv_response = admin.post(url, {**data, "action": "export_csv"})
    xlsx_response = admin.post(url, {**data, "action": "export_xlsx"})

    (row,) = by_heading(csv_rows(csv_response))
    (cells,) = by_heading(xlsx_rows(xlsx_response))
    assert csv_response["Content-Disposition"] == (
        'attachment; filename="kic-2027-orders.csv"'
    )
    assert (row["Order"], row["Status"], row["Total"]) == (order.code, "Paid", "350000")
    assert row["Paid (KST)"] == "2027-03-03 00:30"
    assert (cells["Total"], cells["Refunded"]) == (350000, 0)
    assert cells["Paid (KST)"] == PAID_IN_SEOUL


def test_orders_of_two_zones_each_on_their_own_clock(attendee):
    berlin = EventFactory(slug="berlin", timezone="Europe/Berlin", currency="EUR")
    other = OrderFactory(
        event=berlin,
        currency="EUR",
        total=Decimal("12.50"),
        status=OrderStatus.PAID,
        paid_at=PAID_UTC,
    )
    admin = Client()
    admin.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:registration_order_changelist")
    response = admin.post(
        url,
        {"action": "export_xlsx", "_selected_action": [attendee.order.pk, other.pk]},
    )
    sheet = xlsx_sheet(response)
    rows = {r["Order"]: r for r in by_heading(list(sheet.values))}
    assert response["Content-Disposition"] == 'attachment; filename="orders.xlsx"'
    assert rows[other.code]["Paid (local time)"] == dt.datetime.fromisoformat(
        "2027-03-02T16:30"
    )
    assert rows[other.code]["Total"] == 12.5
    assert rows[attendee.order.code]["Paid (local time)"] == PAID_IN_SEOUL


def test_ticket_and_voucher_lists_export_with_numbers(organiser_client, kic):
    TicketTypeFactory(event=kic, name_en="Regular", name_ko="일반", capacity=800)
    VoucherFactory(event=kic, code="PARTNER20", kind=VoucherKind.PERCENT, value=20)
    VoucherFactory(
        event=kic,
        code="MINUS50K",
        kind=VoucherKind.FIXED,
        value=Decimal("50000"),
        valid_until=PAID_UTC,
    )
    tickets = organiser_client.get(
        "/admin/snippets/registration/tickettype/?export=xlsx"
    )
    vouchers = organiser_client.get("/admin/snippets/registration/voucher/?export=xlsx")

    (ticket,) = by_heading(xlsx_rows(tickets))
    by_code = {v["Code"]: v for v in by_heading(xlsx_rows(vouchers))}
    assert tickets["Content-Disposition"].endswith('filename="kic-2027-tickets.xlsx"')
    assert (ticket["Name (English)"], ticket["Name (Korean)"]) == ("Regular", "일반")
    assert (ticket["Price"], ticket["Capacity"], ticket["Sold or held"]) == (
        150000,
        800,
        0,
    )
    assert (
        by_code["PARTNER20"]["Percent off"],
        by_code["PARTNER20"]["Amount off"],
    ) == (
        20,
        None,
    )
    assert by_code["MINUS50K"]["Amount off"] == 50000
    assert by_code["MINUS50K"]["Valid until (KST)"] == PAID_IN_SEOUL
