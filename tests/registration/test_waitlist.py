"""Waiting lists: a sold-out ticket queues people, freed seats are offered in the
order they joined, an offer holds its seat for them until it expires."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from events.localtime import local_text
from registration import services as registration
from registration.enums import OrderStatus, PaymentMethod, WaitlistStatus
from registration.models import WaitlistEntry
from registration.services import Attendee, OrderItem, waitlist
from tests.confirm import confirm_fields
from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _buy(ticket, user, method=PaymentMethod.INVOICE):
    return registration.order_create(
        event=ticket.event,
        buyer=user,
        items=[OrderItem(ticket_type_id=ticket.pk, attendee=Attendee(user.email))],
        method=method,
    )


@pytest.fixture
def full(event):
    """One seat, taken by a pending invoice order."""
    ticket = TicketTypeFactory(event=event, name_en="Regular", capacity=1)
    holder = UserFactory()
    return ticket, _buy(ticket, holder), holder


def test_join_only_when_sold_out(event, buyer):
    ticket = TicketTypeFactory(event=event, capacity=1)
    with pytest.raises(waitlist.StillAvailable, match="not sold out"):
        waitlist.waitlist_join(ticket_type=ticket, user=buyer)


def test_joining_twice_keeps_one_place(full, buyer):
    ticket, _order, _holder = full
    first = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    again = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    assert first.pk == again.pk
    assert waitlist.waitlist_position(entry=first) == 1


def test_freed_seats_are_offered_in_order_and_held(
    full, buyer, django_capture_on_commit_callbacks
):
    ticket, order, holder = full
    second = UserFactory()
    first_entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    second_entry = waitlist.waitlist_join(ticket_type=ticket, user=second)
    assert waitlist.waitlist_position(entry=second_entry) == 2
    assert waitlist.waitlist_offer_due() == 0  # nothing free yet

    registration.order_cancel(order=order, actor=holder)
    with django_capture_on_commit_callbacks(execute=True):
        assert waitlist.waitlist_offer_due() == 1
    first_entry.refresh_from_db()
    second_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.OFFERED
    assert second_entry.status == WaitlistStatus.WAITING
    assert mail.outbox[-1].to == [buyer.email]
    assert "held for you until" in mail.outbox[-1].body

    # The offered seat is taken for everyone else...
    with pytest.raises(registration.SoldOut):
        _buy(ticket, UserFactory())
    # ...but not for the person it is offered to.
    mine = _buy(ticket, buyer)
    first_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.ACCEPTED
    assert mine.status == OrderStatus.PENDING
    assert registration.seats_taken(ticket_type=ticket) == 1


def test_expired_offer_passes_to_the_next_in_line(full, buyer):
    ticket, order, holder = full
    second = UserFactory()
    first_entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    second_entry = waitlist.waitlist_join(ticket_type=ticket, user=second)
    registration.order_cancel(order=order, actor=holder)
    waitlist.waitlist_offer_due()
    later = timezone.now() + dt.timedelta(hours=49)
    assert waitlist.waitlist_offer_due(now=later) == 1
    first_entry.refresh_from_db()
    second_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.EXPIRED
    assert second_entry.status == WaitlistStatus.OFFERED
    assert second_entry.offer_expires_at == later + dt.timedelta(hours=48)


def test_expired_hold_frees_a_seat_for_the_list(full, buyer):
    ticket, order, _holder = full
    entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    later = timezone.now() + dt.timedelta(days=15)
    registration.order_expire_due(now=later)
    assert waitlist.waitlist_offer_due(now=later) == 1
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED


def test_leaving_the_list(full, buyer):
    ticket, _order, _holder = full
    entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    with pytest.raises(registration.NotAllowed):
        waitlist.waitlist_leave(entry=entry, user=UserFactory())
    waitlist.waitlist_leave(entry=entry, user=buyer)
    assert WaitlistEntry.objects.get().status == WaitlistStatus.CANCELLED


def test_offer_job_task_runs(full, buyer):
    from registration.tasks import waitlist_offer_due

    ticket, order, holder = full
    waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    registration.order_cancel(order=order, actor=holder)
    assert waitlist_offer_due.enqueue().return_value == 1


def test_register_page_offers_the_list_and_shows_the_offer(client, full, buyer):
    ticket, order, holder = full
    client.force_login(buyer)
    page = client.get(f"/en/register/{ticket.event.slug}/").content.decode()
    assert "Join the waiting list" in page
    response = client.post(f"/en/register/{ticket.event.slug}/waitlist/{ticket.pk}/")
    assert response["Location"] == "/en/me/registrations/"
    area = client.get("/en/me/registrations/").content.decode()
    assert "Leave the waiting list" in area
    registration.order_cancel(order=order, actor=holder)
    waitlist.waitlist_offer_due()
    page = client.get(f"/en/register/{ticket.event.slug}/").content.decode()
    assert "A seat is held for you until" in page


def test_joining_an_open_ticket_shows_a_message_not_an_error(client, event, buyer):
    ticket = TicketTypeFactory(event=event, name_en="Open", capacity=5)
    client.force_login(buyer)
    response = client.post(
        f"/en/register/{event.slug}/waitlist/{ticket.pk}/", follow=True
    )
    assert response.status_code == 200
    assert "Open is not sold out: register now." in response.content.decode()


def test_api_join_and_refusal(client, full, buyer):
    ticket, order, holder = full
    client.force_login(buyer)
    url = f"/api/registration/events/{ticket.event.slug}/tickets/{ticket.pk}/waitlist"
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "waiting"
    open_ticket = TicketTypeFactory(event=ticket.event, name_en="Open")
    refused = client.post(
        f"/api/registration/events/{ticket.event.slug}/tickets/{open_ticket.pk}/waitlist",
        {},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == "Open is not sold out: register now."


def test_leaving_the_list_asks_first_with_the_place_in_line(client, full, buyer):
    ticket, _order, _holder = full
    entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    client.force_login(buyer)
    area = client.get("/en/me/registrations/").content.decode()
    url = f"/en/me/waitlist/{entry.pk}/leave/"
    assert f'href="{url}"' in area

    asked = client.get(url).content.decode()
    posted_without_confirming = client.post(url)
    entry.refresh_from_db()
    assert "Leave the waiting list for Regular" in asked
    assert "You are number 1 in line." in asked
    assert "joining again puts you at the back" in asked
    assert posted_without_confirming.status_code == 200
    assert entry.status == WaitlistStatus.WAITING

    done = client.post(url, confirm_fields(asked))
    entry.refresh_from_db()
    assert done["Location"] == "/en/me/registrations/"
    assert entry.status == WaitlistStatus.CANCELLED


def test_leaving_names_the_held_seat_on_the_event_clock(client, full, buyer):
    ticket, order, holder = full
    entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    registration.order_cancel(order=order, actor=holder)
    waitlist.waitlist_offer_due()
    entry.refresh_from_db()
    client.force_login(buyer)
    asked = client.get(f"/en/me/waitlist/{entry.pk}/leave/").content.decode()
    until = local_text(entry.offer_expires_at, ticket.event)
    assert f"The seat offered to you until {until} goes to the next person." in asked
    assert until in client.get("/en/me/registrations/").content.decode()


def test_a_stale_leave_confirmation_does_nothing_and_others_cannot_leave(
    client, full, buyer
):
    ticket, _order, _holder = full
    entry = waitlist.waitlist_join(ticket_type=ticket, user=buyer)
    url = f"/en/me/waitlist/{entry.pk}/leave/"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(buyer)
    fields = confirm_fields(client.get(url).content.decode())
    fields["state"] = ["offered"]
    client.post(url, fields)
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING
