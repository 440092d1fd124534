"""Waiting lists: when a ticket is sold out, people queue for it; freed seats are
offered in the order people joined, each offer holding a seat until it expires.

Offers are made by a periodic job (`waitlist_offer_due`, every minute with the
hold expiry), under the same ticket row lock as purchases, so an offered seat is
never also sold. An offered seat counts as taken for everyone but the person it
is offered to (`registration.seats_taken`, `registration.order_create`).
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from config.queue import enqueue
from registration.enums import RegistrationStatus, WaitlistStatus
from registration.models import EventBilling, Registration, TicketType, WaitlistEntry
from registration.services import NotAllowed, RegistrationError, seats_taken


class StillAvailable(RegistrationError):
    status = 409


def _offer_hours(ticket: TicketType) -> int:
    billing = EventBilling.objects.filter(event_id=ticket.event_id).first()
    return billing.waitlist_offer_hours if billing else 48


@transaction.atomic
def waitlist_join(
    *, ticket_type: TicketType, user: User, access_code: str = ""
) -> WaitlistEntry:
    """Queue for a sold-out ticket. Refused while seats are left, for people
    already registered, and for hidden tickets without their access code."""
    ticket = TicketType.objects.select_for_update().get(pk=ticket_type.pk)
    if ticket.access_code and not ticket.accepts_code(access_code):
        raise NotAllowed(
            _("%(ticket)s needs a valid access code.") % {"ticket": ticket.name}
        )
    registered = Registration.objects.filter(event_id=ticket.event_id, user=user)
    if registered.exclude(status=RegistrationStatus.CANCELLED).exists():
        raise RegistrationError(_("You are already registered for this event."))
    if seats_taken(ticket_type=ticket) < ticket.capacity:
        raise StillAvailable(
            _("%(ticket)s is not sold out: register now.") % {"ticket": ticket.name}
        )
    active = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)
    existing = ticket.waitlist.filter(user=user, status__in=active).first()
    if existing is not None:
        return existing
    entry = WaitlistEntry(ticket_type=ticket, user=user)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def waitlist_leave(*, entry: WaitlistEntry, user: User) -> WaitlistEntry:
    entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.user_id != user.pk:
        raise NotAllowed(_("This is not your place on the waiting list."))
    if entry.status in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
        entry.status = WaitlistStatus.CANCELLED
        entry.save(update_fields=["status"])
    return entry


def waitlist_position(*, entry: WaitlistEntry) -> int:
    """1 for the first in line among those still waiting."""
    ahead = WaitlistEntry.objects.filter(
        ticket_type_id=entry.ticket_type_id,
        status=WaitlistStatus.WAITING,
        created_at__lt=entry.created_at,
    )
    return ahead.count() + 1


def waitlist_offer_due(*, now: dt.datetime | None = None) -> int:
    """Expire offers that have passed, then offer each ticket's free seats to the
    next people in line. Returns how many offers were made."""
    now = now or timezone.now()
    WaitlistEntry.objects.filter(
        status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
    ).update(status=WaitlistStatus.EXPIRED)
    queued = (
        WaitlistEntry.objects.filter(status=WaitlistStatus.WAITING)
        .values_list("ticket_type_id", flat=True)
        .distinct()
    )
    return sum(_offer_seats(pk, now) for pk in sorted(set(queued)))


@transaction.atomic
def _offer_seats(ticket_id: int, now: dt.datetime) -> int:
    ticket = TicketType.objects.select_for_update().get(pk=ticket_id)
    if not ticket.on_sale(now):
        return 0
    free = ticket.capacity - seats_taken(ticket_type=ticket, now=now)
    if free <= 0:
        return 0
    waiting = ticket.waitlist.select_for_update().filter(status=WaitlistStatus.WAITING)
    expires = now + dt.timedelta(hours=_offer_hours(ticket))
    offered = 0
    for entry in waiting.select_related("ticket_type").order_by("created_at", "id"):
        if offered >= free:
            break
        if _registered(entry):
            entry.status = WaitlistStatus.CANCELLED
            entry.save(update_fields=["status"])
            continue
        entry.status, entry.offered_at = WaitlistStatus.OFFERED, now
        entry.offer_expires_at = expires
        entry.save(update_fields=["status", "offered_at", "offer_expires_at"])
        _notify(entry)
        offered += 1
    return offered


def _registered(entry: WaitlistEntry) -> bool:
    """Registered since joining (another ticket, a colleague's order)."""
    return (
        Registration.objects.filter(
            event_id=entry.ticket_type.event_id, user_id=entry.user_id
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    )


def _notify(entry: WaitlistEntry) -> None:
    pk = entry.pk
    transaction.on_commit(
        lambda: enqueue("registration.tasks.waitlist_offer_email", pk)
    )
