"""The attendee's side: sign-in links, the confirmation with tickets and the
event's calendar, colleagues completing their own details, tickets to download."""

import datetime as dt
import re
import uuid
from decimal import Decimal
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from icalendar import Calendar

from accounts import services as signin
from accounts.models import User
from registration import services as registration
from registration.enums import PaymentMethod
from registration.services import Attendee, OrderItem
from registration.services import changes as order_manage
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_link_limits():
    """The limit lives in the cache (Redis on the CI's PostgreSQL run), which
    outlives a test run: forget the addresses these tests use."""
    emails = ["buyer@example.org", "new.person@example.org"]
    yield
    cache.delete_many([signin.throttle_key(e) for e in emails])


LINK = re.compile(
    r"http://testserver(/en/accounts/login/link/[^/\s]+/[^/\s]+/)\?next=(\S+)"
)


def _link(client, email, next_url=""):
    query = f"?next={next_url}" if next_url else ""
    client.post(f"/en/accounts/login/link/{query}", {"email": email})
    path, next_part = LINK.search(mail.outbox[-1].body).groups()
    return path, next_part


def test_sign_in_link_signs_in_once(client, buyer):
    path, _next = _link(client, "Buyer@Example.org")
    assert mail.outbox[-1].to == [buyer.email]
    assert client.get(path).status_code == 200  # a confirm button, nothing spent
    response = client.post(path, {"next": "/en/me/registrations/"})
    assert response["Location"] == "/en/me/registrations/"
    assert client.get("/en/me/registrations/").status_code == 200
    client.logout()
    again = client.post(path)
    assert again.status_code == 400
    assert "does not work" in again.content.decode()


def test_sign_in_link_creates_the_account_of_a_new_address(client):
    path, _next = _link(client, "new.person@example.org")
    assert client.post(path)["Location"] == "/en/me/registrations/"
    user = User.objects.get(email="new.person@example.org")
    assert user.has_usable_password() is False


def test_sign_in_link_expires(client, buyer):
    path, _next = _link(client, buyer.email)
    later = signin.tokens._now() + signin.LINK_VALID + dt.timedelta(seconds=5)
    with mock.patch.object(signin.tokens, "_now", return_value=later):
        assert client.post(path).status_code == 400


def test_sign_in_link_never_redirects_off_site(client, buyer):
    path, next_part = _link(client, buyer.email, "https://evil.example/")
    assert "evil" not in next_part
    assert client.post(path, {"next": "https://evil.example/"})["Location"] == (
        "/en/me/registrations/"
    )


def test_garbled_link_is_a_400_page(client):
    assert client.get("/en/accounts/login/link/zz/nope/").status_code == 400


def test_confirmation_carries_tickets_ics_and_colleagues_get_their_own(
    event, ticket, buyer, django_capture_on_commit_callbacks
):
    free = TicketTypeFactory(event=event, name_en="Guest", price=Decimal("0"))
    with django_capture_on_commit_callbacks(execute=True):
        order = registration.order_create(
            event=event,
            buyer=buyer,
            items=[
                OrderItem(free.pk, Attendee(buyer.email, "Min", "Kim")),
                OrderItem(free.pk, Attendee("colleague@example.org", "Ji", "Lee")),
            ],
            method=PaymentMethod.CARD,
        )
    to_buyer, to_colleague = mail.outbox
    assert to_buyer.to == [buyer.email]
    names = [name for name, _content, _type in to_buyer.attachments]
    tickets = [n for n in names if n.startswith(f"ticket-{order.code}-")]
    assert len(tickets) == 2
    assert f"{event.slug}.ics" in names
    ics = {n: c for n, c, _t in to_buyer.attachments}[f"{event.slug}.ics"]
    calendar = Calendar.from_ical(ics)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [event.name_en]
    assert "/en/me/registrations/" in to_buyer.body

    assert to_colleague.to == ["colleague@example.org"]
    assert len(to_colleague.attachments) == 2  # their own ticket and the .ics
    colleague_reg = order.registrations.get(user__email="colleague@example.org")
    assert (
        f"/en/me/registrations/{colleague_reg.pk}/edit/"
        in to_colleague.body.replace("%2F", "/")
    )
    assert to_colleague.attachments[0][1].startswith(b"%PDF")


def test_colleague_completes_their_own_details(client, event, ticket, buyer, organiser):
    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[
            OrderItem(ticket.pk, Attendee(buyer.email)),
            OrderItem(ticket.pk, Attendee("colleague@example.org", "Ji", "Lee")),
        ],
        method=PaymentMethod.INVOICE,
    )
    reg = order.registrations.get(user__email="colleague@example.org")
    client.force_login(User.objects.get(email="colleague@example.org"))
    url = f"/en/me/registrations/{reg.pk}/edit/"
    assert "Ji" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "first_name": "Jiyeon",
            "last_name": "Lee",
            "organisation_name": "Seoul Bio",
            "job_role": "CMO",
            "dietary_needs": "Halal",
            "directory_consent": "on",
        },
    )
    assert response["Location"] == "/en/me/registrations/"
    reg.refresh_from_db()
    assert (reg.organisation_name, reg.dietary_needs, reg.directory_consent) == (
        "Seoul Bio",
        "Halal",
        True,
    )
    assert reg.user.first_name == "Jiyeon"
    # Not a ticket before it is paid; then a PDF.
    assert client.get(f"/en/me/registrations/{reg.pk}/ticket.pdf").status_code == 404
    registration.invoice_mark_paid(order=order, actor=organiser)
    pdf = client.get(f"/en/me/registrations/{reg.pk}/ticket.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    # Someone else sees neither.
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.get(f"/en/me/registrations/{reg.pk}/ticket.pdf").status_code == 404


def test_missing_name_is_a_form_error(client, event, ticket, buyer):
    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email))],
        method=PaymentMethod.INVOICE,
    )
    reg = order.registrations.get()
    client.force_login(buyer)
    response = client.post(f"/en/me/registrations/{reg.pk}/edit/", {"first_name": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_buyer_may_not_rename_a_colleague(event, ticket, buyer):
    order = registration.order_create(
        event=event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee("c@example.org", "Ji", "Lee"))],
        method=PaymentMethod.INVOICE,
    )
    reg = order.registrations.get()
    order_manage.registration_answers_update(
        reg=reg,
        actor=buyer,
        first_name="X",
        last_name="Y",
        answers={"job_role": "CFO"},
    )
    reg.refresh_from_db()
    assert (reg.job_role, reg.user.first_name) == ("CFO", "Ji")
    with pytest.raises(registration.NotAllowed):
        order_manage.registration_answers_update(
            reg=reg, actor=UserFactory(), first_name="", last_name="", answers={}
        )


def test_bad_attendee_count_is_not_a_500(client, event, ticket, buyer):
    client.force_login(buyer)
    assert client.get(f"/en/register/{event.slug}/?attendees=lots").status_code == 200


def test_sign_in_links_are_limited_per_address(client):
    email = f"{uuid.uuid4().hex}@example.org"
    for _attempt in range(signin.LINKS_PER_HOUR + 2):
        response = client.post("/en/accounts/login/link/", {"email": email})
        assert "We have sent a sign-in link" in response.content.decode()
    assert len(mail.outbox) == signin.LINKS_PER_HOUR
    cache.delete(signin.throttle_key(email))


def test_invalid_address_is_a_form_error(client):
    response = client.post("/en/accounts/login/link/", {"email": "nope"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []
