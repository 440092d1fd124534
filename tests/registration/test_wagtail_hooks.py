"""Tickets, vouchers, invoicing and team in the Wagtail admin: an organiser of
event A works on A's rows and never sees, opens or reaches B's."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.enums import TeamRole
from events.models import EventTeamMember
from registration.enums import RegistrationStatus
from registration.models import EventBilling, TicketType, Voucher
from tests.factories.accounts import UserFactory
from tests.factories.admin import admin_organiser
from tests.factories.badges import RegistrationFactory
from tests.factories.delegations import ProgrammeFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory, VoucherFactory
from tests.spreadsheets import csv_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SNIPPETS = "/admin/snippets/events"
TICKETS = "/admin/snippets/registration"


def _snippets(model: str) -> str:
    return SNIPPETS if model == "eventteammember" else TICKETS


@pytest.fixture
def alpha(db):
    return EventFactory(slug="alpha", name_en="Alpha Summit", currency="KRW")


@pytest.fixture
def beta(db):
    return EventFactory(
        slug="beta", name_en="Beta Forum", currency="EUR", timezone="Europe/Berlin"
    )


@pytest.fixture
def olivia(alpha):
    return admin_organiser(alpha, email="olivia@example.org")


@pytest.fixture
def client_a(client, olivia):
    client.force_login(olivia)
    return client


@pytest.fixture
def rows(alpha, beta):
    """One of each row in A and in B; the names say whose."""
    billing = {}
    for event, name in ((alpha, "Alpha"), (beta, "Beta")):
        ticket = TicketTypeFactory(event=event, name_en=f"{name} regular")
        VoucherFactory(event=event, code=f"{name.upper()}10")
        billing[name] = EventBilling.objects.create(
            event=event, issuer_name=f"{name} Issuer Ltd"
        )
        EventTeamMember.objects.create(
            event=event,
            user=UserFactory(email=f"{name.lower()}-door@example.org"),
            role=TeamRole.CHECKIN,
        )
        billing[f"{name} ticket"] = ticket
    return billing


def _ticket_form(event, **changes) -> dict:
    data = {
        "event": event.pk,
        "name_en": "Student",
        "name_ko": "학생",
        "description_en": "",
        "description_ko": "",
        "price": "50000",
        "capacity": "20",
        "category": "attendee",
        "max_per_order": "1",
        "sale_starts_at": "2027-09-01 09:00",
        "sale_ends_at": "2027-09-13 18:00",
        "access_code": "",
        "order": "0",
    }
    return {**data, **changes}


def _voucher_form(event, **changes) -> dict:
    data = {
        "event": event.pk,
        "code": "EARLY",
        "kind": "percent",
        "value": "15",
        "max_uses": "10",
        "valid_from": "",
        "valid_until": "",
    }
    return {**data, **changes}


def _billing_form(event, **changes) -> dict:
    data = {
        "event": event.pk,
        "issuer_name": "Alpha Events Co.",
        "issuer_address": "Seoul",
        "issuer_tax_id": "123-45-67890",
        "bank_details": "",
        "invoice_hold_days": "10",
        "invoice_reminder_days": "3",
        "attendee_cancel_until": "2027-09-10 23:59",
        "attendee_refund_percent": "80",
        "waitlist_offer_hours": "24",
    }
    return {**data, **changes}


def _text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize(
    ("model", "mine", "theirs"),
    [
        ("tickettype", "Alpha regular", "Beta regular"),
        ("voucher", "ALPHA10", "BETA10"),
        ("eventbilling", "Alpha Issuer Ltd", "Beta Issuer Ltd"),
        ("eventteammember", "alpha-door@example.org", "beta-door@example.org"),
    ],
)
def test_lists_show_only_the_organisers_events(client_a, rows, model, mine, theirs):
    html = _text(client_a.get(f"{_snippets(model)}/{model}/"))
    assert mine in html
    assert theirs not in html
    assert "Beta Forum" not in html


@pytest.mark.parametrize(
    ("model", "mine", "theirs"),
    [("tickettype", "Alpha regular", "Beta regular"), ("voucher", "ALPHA10", "BETA10")],
)
def test_exports_hold_only_the_organisers_events(client_a, rows, model, mine, theirs):
    response = client_a.get(f"{_snippets(model)}/{model}/?export=csv")
    body = str(csv_rows(response))
    assert mine in body
    assert theirs not in body


@pytest.mark.parametrize(
    ("model", "key"),
    [
        ("tickettype", "Beta ticket"),
        ("eventbilling", "Beta"),
    ],
)
@pytest.mark.parametrize("view", ["edit", "delete", "history", "usage"])
def test_another_events_rows_are_not_found(client_a, rows, model, key, view):
    url = f"{_snippets(model)}/{model}/{view}/{rows[key].pk}/"
    response = client_a.get(url)
    assert response.status_code == 404
    assert client_a.post(url).status_code == 404


@pytest.mark.parametrize("view", ["edit", "delete"])
def test_another_events_vouchers_and_team_are_not_found(client_a, rows, beta, view):
    voucher = Voucher.objects.get(event=beta)
    member = EventTeamMember.objects.get(event=beta)
    assert client_a.get(f"{TICKETS}/voucher/{view}/{voucher.pk}/").status_code == 404
    url = f"{SNIPPETS}/eventteammember/{view}/{member.pk}/"
    assert client_a.post(url).status_code == 404
    assert EventTeamMember.objects.filter(pk=member.pk).exists()


def test_organiser_adds_a_ticket_type_in_the_events_zone_and_currency(client_a, alpha):
    response = client_a.post(f"{TICKETS}/tickettype/add/", _ticket_form(alpha))

    ticket = TicketType.objects.get(event=alpha, name_en="Student")
    assert response.status_code == 302
    assert ticket.name_ko == "학생"
    assert ticket.price == Decimal("50000")
    # 09:00 in Seoul (UTC+9), whatever the admin's own zone.
    assert ticket.sale_starts_at == dt.datetime(2027, 9, 1, 0, 0, tzinfo=dt.UTC)
    edit = _text(client_a.get(f"{TICKETS}/tickettype/edit/{ticket.pk}/"))
    assert "Price (KRW)" in edit
    assert "Time in the event&#x27;s zone (KST (Asia/Seoul))." in edit
    assert 'value="2027-09-01 09:00"' in edit


def test_a_won_price_with_cents_is_refused(client_a, alpha):
    response = client_a.post(
        f"{TICKETS}/tickettype/add/", _ticket_form(alpha, price="50000.50")
    )
    assert response.status_code == 200
    assert "This currency has no smaller unit than that." in _text(response)
    assert not TicketType.objects.filter(name_en="Student").exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("capacity", "99999999999999999999"), ("price", "1e20"), ("name_en", "Nul\x00")],
)
def test_out_of_range_input_is_a_form_error(client_a, alpha, field, value):
    response = client_a.post(
        f"{TICKETS}/tickettype/add/", _ticket_form(alpha, **{field: value})
    )
    assert response.status_code == 200
    assert "error-message" in _text(response)
    assert not TicketType.objects.filter(event=alpha).exists()


def test_organiser_edits_their_ticket_type(client_a, rows, alpha):
    ticket = rows["Alpha ticket"]
    data = _ticket_form(alpha, name_en="Alpha regular", capacity="99")
    response = client_a.post(f"{TICKETS}/tickettype/edit/{ticket.pk}/", data)
    ticket.refresh_from_db()
    assert response.status_code == 302
    assert ticket.capacity == 99


def test_the_list_shows_price_and_seats_sold_or_held(client_a, rows, alpha):
    ticket = rows["Alpha ticket"]
    RegistrationFactory(event=alpha, ticket_type=ticket)
    RegistrationFactory(
        event=alpha, ticket_type=ticket, status=RegistrationStatus.CANCELLED
    )
    html = " ".join(_text(client_a.get(f"{TICKETS}/tickettype/")).split())
    assert "Sold or held" in html
    # Price, capacity, then one seat sold (the cancelled one is free again).
    assert "<td > KRW 150,000 </td> <td > 10 </td> <td > 1 </td>" in html


def test_a_new_ticket_type_cannot_go_to_another_event(client_a, beta):
    response = client_a.post(f"{TICKETS}/tickettype/add/", _ticket_form(beta))
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not TicketType.objects.filter(event=beta, name_en="Student").exists()


def test_a_ticket_type_cannot_be_moved_to_another_event(client_a, rows, alpha, beta):
    ticket = rows["Alpha ticket"]
    data = _ticket_form(beta, name_en="Alpha regular")
    response = client_a.post(f"{TICKETS}/tickettype/edit/{ticket.pk}/", data)
    ticket.refresh_from_db()
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert ticket.event == alpha


def test_organiser_adds_a_voucher_for_their_ticket_type(client_a, rows, alpha):
    ticket = rows["Alpha ticket"]
    data = _voucher_form(
        alpha, ticket_types=[ticket.pk], valid_until="2027-09-01 00:00"
    )
    response = client_a.post(f"{TICKETS}/voucher/add/", data)
    voucher = Voucher.objects.get(event=alpha, code="EARLY")
    assert response.status_code == 302
    assert list(voucher.ticket_types.all()) == [ticket]
    assert voucher.valid_until == dt.datetime(2027, 8, 31, 15, 0, tzinfo=dt.UTC)


def test_the_voucher_form_offers_only_the_organisers_ticket_types(client_a, rows):
    html = _text(client_a.get(f"{TICKETS}/voucher/add/"))
    assert "Alpha regular" in html
    assert "Beta regular" not in html
    assert "Beta Forum" not in html


def test_a_voucher_cannot_pick_another_events_ticket_type(client_a, rows, alpha):
    data = _voucher_form(alpha, ticket_types=[rows["Beta ticket"].pk])
    response = client_a.post(f"{TICKETS}/voucher/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not Voucher.objects.filter(code="EARLY").exists()


def test_a_voucher_cannot_mix_two_organised_events(client_a, olivia, rows, alpha):
    """Olivia organises both: a ticket of her other event is still refused."""
    gamma = EventFactory(slug="gamma")
    EventTeamMember.objects.create(event=gamma, user=olivia, role=TeamRole.ORGANISER)
    other = TicketTypeFactory(event=gamma, name_en="Gamma regular")
    data = _voucher_form(alpha, ticket_types=[other.pk])
    response = client_a.post(f"{TICKETS}/voucher/add/", data)
    assert response.status_code == 200
    assert "Only this event&#x27;s ticket types" in _text(response)
    assert not Voucher.objects.filter(code="EARLY").exists()


def test_organiser_sets_up_invoicing_in_the_events_zone(client_a, alpha):
    response = client_a.post(f"{TICKETS}/eventbilling/add/", _billing_form(alpha))
    billing = EventBilling.objects.get(event=alpha)
    assert response.status_code == 302
    assert billing.issuer_tax_id == "123-45-67890"
    assert billing.attendee_cancel_until == dt.datetime(
        2027, 9, 10, 14, 59, tzinfo=dt.UTC
    )


def test_invoicing_cannot_be_set_for_another_event(client_a, beta):
    response = client_a.post(f"{TICKETS}/eventbilling/add/", _billing_form(beta))
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not EventBilling.objects.filter(event=beta).exists()


def test_organiser_adds_a_team_role_by_e_mail(client_a, alpha):
    colleague = UserFactory(email="Minji.Kim@example.org")
    data = {"event": alpha.pk, "email": "minji.kim@EXAMPLE.org", "role": "checkin"}
    response = client_a.post(f"{SNIPPETS}/eventteammember/add/", data)
    assert response.status_code == 302
    member = EventTeamMember.objects.get(event=alpha, user=colleague)
    assert member.role == TeamRole.CHECKIN


def test_an_organiser_may_make_another_organiser(client_a, alpha):
    colleague = UserFactory(email="second@example.org")
    data = {"event": alpha.pk, "email": "second@example.org", "role": "organiser"}
    client_a.post(f"{SNIPPETS}/eventteammember/add/", data)
    assert EventTeamMember.objects.filter(
        event=alpha, user=colleague, role=TeamRole.ORGANISER
    ).exists()


def test_an_unknown_address_is_a_form_error(client_a, alpha):
    data = {"event": alpha.pk, "email": "nobody@example.org", "role": "editor"}
    response = client_a.post(f"{SNIPPETS}/eventteammember/add/", data)
    assert response.status_code == 200
    assert "No active account uses this e-mail address." in _text(response)
    assert EventTeamMember.objects.filter(event=alpha).count() == 1


def test_the_same_role_twice_is_a_form_error(client_a, alpha, olivia):
    data = {"event": alpha.pk, "email": olivia.email, "role": "organiser"}
    response = client_a.post(f"{SNIPPETS}/eventteammember/add/", data)
    assert response.status_code == 200
    assert "This person already has this role here." in _text(response)


def test_no_role_can_be_granted_on_another_event(client_a, beta, olivia):
    data = {"event": beta.pk, "email": olivia.email, "role": "organiser"}
    response = client_a.post(f"{SNIPPETS}/eventteammember/add/", data)
    assert response.status_code == 200
    assert "Select a valid choice" in _text(response)
    assert not EventTeamMember.objects.filter(event=beta, user=olivia).exists()


def test_the_team_form_lists_no_accounts(client_a, rows):
    UserFactory(email="stranger@example.org")
    html = _text(client_a.get(f"{SNIPPETS}/eventteammember/add/"))
    assert 'name="email"' in html
    assert "stranger@example.org" not in html
    assert "alpha-door@example.org" not in html
    assert 'name="user"' not in html
    for flag in ("is_staff", "is_superuser", "groups", "user_permissions"):
        assert f'name="{flag}"' not in html


def test_organiser_edits_and_removes_a_role_on_their_event(client_a, rows, alpha):
    member = EventTeamMember.objects.get(event=alpha, role=TeamRole.CHECKIN)
    url = f"{SNIPPETS}/eventteammember/edit/{member.pk}/"
    assert 'value="alpha-door@example.org"' in _text(client_a.get(url))
    data = {"event": alpha.pk, "email": "alpha-door@example.org", "role": "editor"}
    assert client_a.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.role == TeamRole.EDITOR
    client_a.post(f"{SNIPPETS}/eventteammember/delete/{member.pk}/")
    assert not EventTeamMember.objects.filter(pk=member.pk).exists()


def test_the_events_list_links_each_organised_event_only(client_a, alpha, beta):
    html = _text(client_a.get("/admin/events/", follow=True))
    assert "Alpha Summit" in html
    assert 'href="/admin/events/alpha/"' in html
    assert "Beta Forum" not in html
    assert "/admin/events/beta/" not in html


def test_the_old_desk_page_leads_to_the_events_list(client_a):
    response = client_a.get("/admin/organiser-desk/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/events/"


def test_the_hub_links_the_registrations_desk(client_a, alpha, beta):
    html = _text(client_a.get("/admin/events/alpha/"))
    assert 'href="/en/organiser/alpha/registrations/"' in html
    assert "/organiser/beta/" not in html
    assert client_a.get("/admin/events/beta/").status_code == 404


def test_the_desk_page_links_a_delegation_programme(client_a, olivia):
    programme = ProgrammeFactory(event__slug="mission", event__name_en="Mission")
    EventTeamMember.objects.create(
        event=programme.event, user=olivia, role=TeamRole.ORGANISER
    )
    html = _text(client_a.get("/admin/events/mission/"))
    assert 'href="/en/delegation/organise/mission/"' in html
    assert 'href="/en/organiser/mission/registrations/"' in html
    assert "/delegation/organise/alpha/" not in _text(
        client_a.get("/admin/events/alpha/")
    )


def test_the_admin_menu_has_tickets_and_my_events(client_a):
    html = _text(client_a.get("/admin/"))
    assert "Tickets and invoicing" in html
    assert "/admin/events/alpha/" in html
    assert f"{SNIPPETS}/eventteammember/" in html


def test_organisers_cannot_edit_accounts_or_groups_in_wagtail(client_a):
    """Wagtail's user form has an "Administrator" box and the groups for anyone
    who may change users: an organiser must not reach it."""
    colleague = UserFactory(email="colleague@example.org")
    client_a.post(
        f"/admin/users/edit/{colleague.pk}/",
        {
            "email": colleague.email,
            "first_name": "C",
            "last_name": "C",
            "is_active": "on",
            "is_superuser": "on",
        },
    )
    colleague.refresh_from_db()
    assert not colleague.is_superuser
    assert client_a.get("/admin/users/").status_code != 200
    assert client_a.get("/admin/groups/").status_code != 200


def test_a_form_with_a_choice_no_event_owns_opens(client_a, alpha):
    """A sponsor's organisation belongs to no event: its choice is left whole
    (organisations are shared); the event is still chosen from the user's."""
    html = _text(client_a.get(f"{SNIPPETS}/sponsor/add/"))
    assert 'name="organisation"' in html
    assert 'name="event"' in html


def test_the_event_chooser_offers_only_organised_events(client_a, alpha, beta):
    response = client_a.get("/admin/snippets/choose/events/event/")
    html = response.json()["html"]
    assert "Alpha Summit" in html
    assert "Beta Forum" not in html


def test_the_ticket_list_counts_seats_without_a_query_per_row(client_a, alpha):
    url = f"{TICKETS}/tickettype/"

    def listed() -> int:
        with CaptureQueriesContext(connection) as queries:
            client_a.get(url)
        return len(queries)

    TicketTypeFactory(event=alpha, name_en="First")
    client_a.get(url)  # caches (permissions, content types) filled
    few = listed()
    for n in range(3):
        ticket = TicketTypeFactory(event=alpha, name_en=f"Extra {n}")
        RegistrationFactory(event=alpha, ticket_type=ticket)
    assert listed() == few
