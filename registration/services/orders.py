"""Placing an order: seats are claimed under lock, priced, and given to each
attendee in one transaction, so a failed check leaves nothing behind.

The ticket rows are locked only while the seats are counted. Before the lock, what
a cheap read can refuse (sold out, not on sale, a wrong code) is refused outside any
transaction; then the attendees' accounts, the order and its seats are drafted from
the unlocked rows, validated and written (nobody else sees them before the commit).
Under the lock: the rows read again, the seats counted again with this order's
among them (the truth), and the commit. If the locked rows are not the ones the
order was priced from (an organiser changed a price a moment ago), the buyer is
asked to look again rather than charged what they did not see.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DecimalField
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.compiled import ANY_ID, ANY_OTHER_ID, Compiled, instances, model_columns
from events.models import Event
from events.money import quantize
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    WaitlistStatus,
)
from registration.models import Order, Registration, TicketType, Voucher, WaitlistEntry
from registration.services.common import (
    Attendee,
    Billing,
    OrderItem,
    RegistrationError,
    notify,
)
from registration.services.pricing import (
    Priced,
    find_voucher,
    lock_voucher,
    price_items,
)
from registration.services.seats import (
    check_tickets,
    hold_until,
    lock_tickets,
    seats_counter,
    tickets_with_seats_taken,
)


@dataclass(frozen=True)
class _Request:
    """What the buyer asked for, as `order_create` received it."""

    event: Event
    buyer: User
    items: Sequence[OrderItem]
    method: str
    billing: Billing
    created_by: User | None
    complimentary: bool
    now: dt.datetime

    @property
    def wanted(self) -> Counter:
        return Counter(i.ticket_type_id for i in self.items)


@dataclass(frozen=True)
class _Draft:
    """An order and its seats, validated; `source`: the rows it was priced from."""

    order: Order
    seats: list[Registration]
    source: tuple


def order_create(
    *,
    event: Event,
    buyer: User,
    items: Sequence[OrderItem],
    method: str,
    voucher_code: str | None = None,
    access_code: str = "",
    billing: Billing | None = None,
    created_by: User | None = None,
    complimentary: bool = False,
) -> Order:
    """Hold seats for `items` (one per attendee); a free order is confirmed at once,
    unless a ticket in it needs the organiser's approval.

    `created_by` (an organiser, checked by the caller) registers someone by hand:
    sale windows, access codes and approval then do not apply, capacity does;
    `complimentary` makes the seats free.

    Raises `SoldOut`, `SaleClosed`, `VoucherInvalid`, `NotAllowed` or
    `RegistrationError`, all with a message for the buyer.
    """
    asked = _Request(
        event=event,
        buyer=buyer,
        items=items,
        method=method,
        billing=billing or Billing(),
        created_by=created_by,
        complimentary=complimentary,
        now=timezone.now(),
    )
    _check_attendees(items)
    tickets, offers = _refuse_early(asked, access_code)
    voucher = (
        find_voucher(event=event, code=voucher_code, now=asked.now)
        if voucher_code
        else None
    )
    with transaction.atomic():
        seats = [_registration(event, _attendee_user(i.attendee, buyer)) for i in items]
        draft = _draft(asked, tickets, voucher, seats)
        order = _insert(draft)
        count = seats_counter(event=event, ids=list(asked.wanted), now=asked.now)
        # The critical section: from here to the commit the ticket rows are locked.
        tickets = _claim_seats(asked, access_code, offers, count)
        if voucher_code:
            voucher = lock_voucher(event=event, code=voucher_code, now=asked.now, own=1)
        if _source(tickets, voucher) != draft.source:
            raise RegistrationError(
                _("The tickets changed just now: check them again.")
            )
        notify(
            order, "confirmation" if order.status == OrderStatus.PAID else "received"
        )
    _as_loaded(order, draft.seats)
    return order


def _as_loaded(order: Order, seats: list[Registration]) -> None:
    """The order as loading it again would give it, without the queries: its and
    its seats' amounts to their columns' places, and `order.registrations.all()`
    listing the seats just written, with their people and tickets (as
    `prefetch_related` leaves it). The buyer's answer shows them."""
    for row in (order, *seats):
        for field in row._meta.concrete_fields:
            value = getattr(row, field.attname)
            if isinstance(field, DecimalField) and value is not None:
                places = Decimal(1).scaleb(-field.decimal_places)
                setattr(row, field.attname, Decimal(value).quantize(places))
    listed = order.registrations.all()
    listed._result_cache = sorted(seats, key=lambda seat: seat.pk)
    listed._prefetch_done = True
    order._prefetched_objects_cache = {"registrations": listed}


def _check_attendees(items: Sequence[OrderItem]) -> None:
    if not items:
        raise RegistrationError(_("Choose at least one ticket."))
    emails = [item.attendee.email.strip().lower() for item in items]
    if len(set(emails)) != len(emails):
        raise RegistrationError(_("Each attendee needs their own e-mail address."))


def _refuse_early(
    asked: _Request, access_code: str
) -> tuple[dict[int, TicketType], list[WaitlistEntry]]:
    """The tickets and the attendees' live waiting-list offers, read without a lock
    and outside any transaction, and every refusal that read can already give: in
    a rush most buyers arrive after the last seat, and their answer waits for no
    lock. A refusal here is what the count under the lock would have said a moment
    earlier; a seat let through here is counted again under the lock."""
    tickets = tickets_with_seats_taken(
        event=asked.event, ids=list(asked.wanted), now=asked.now
    )
    offered = any(ticket.offers_live for ticket in tickets.values())
    offers = _own_offers(asked.items, asked.now) if offered else []
    check_tickets(
        tickets,
        asked.wanted,
        access_code=access_code,
        now=asked.now,
        offered=Counter(o.ticket_type_id for o in offers),
        by_organiser=asked.created_by is not None,
        taken={pk: ticket.seats_taken for pk, ticket in tickets.items()},
    )
    return tickets, offers


def _claim_seats(
    asked: _Request,
    access_code: str,
    offers: list[WaitlistEntry],
    count: Callable[[], dict[int, int]],
) -> dict[int, TicketType]:
    """Lock the ticket rows, and `count` their seats (`seats_counter`, built before
    the lock) with this order's already written among them. The attendees' waiting-list offers become these seats, so
    they stop being counted on their own; they are updated after the ticket rows
    are locked, the order the waiting-list job locks them in, so the two never
    deadlock. (An offer made for an attendee after the early read is left alone:
    it keeps its seat until it expires, and the order is counted beside it.)"""
    tickets = lock_tickets(event=asked.event, ids=list(asked.wanted))
    if offers:
        WaitlistEntry.objects.filter(
            pk__in=[o.pk for o in offers],
            status=WaitlistStatus.OFFERED,
            offer_expires_at__gt=asked.now,
        ).update(status=WaitlistStatus.ACCEPTED)
    check_tickets(
        tickets,
        asked.wanted,
        access_code=access_code,
        now=asked.now,
        by_organiser=asked.created_by is not None,
        taken=count(),
        included=True,
    )
    return tickets


def _own_offers(items: Sequence[OrderItem], now: dt.datetime) -> list[WaitlistEntry]:
    """The attendees' live waiting-list offers for the tickets they are buying."""
    wanted = {(i.attendee.email.strip().lower(), i.ticket_type_id) for i in items}
    offers = WaitlistEntry.objects.filter(
        status=WaitlistStatus.OFFERED,
        offer_expires_at__gt=now,
        ticket_type_id__in={t for _e, t in wanted},
        user__email__in={e for e, _t in wanted},
    )
    return [
        o
        for o in offers.select_related("user")
        if (o.user.email.lower(), o.ticket_type_id) in wanted
    ]


def _source(tickets: dict[int, TicketType], voucher: Voucher | None) -> tuple:
    """What a draft takes from the ticket and voucher rows."""
    rows = tuple(
        (t.pk, t.price, t.category, t.requires_approval)
        for _pk, t in sorted(tickets.items())
    )
    return rows, (voucher.pk, voucher.kind, voucher.value) if voucher else None


# The order and its seats are validated field by field and by their `clean()`, but
# not by queries: every relation is a row this request has just read, and the
# database's constraints stand behind the rest (foreign keys, the order's unique
# code and total of zero or more, one registration per person and event; a second
# click for the same person meets that one in `_save_seat`).
_WITHOUT_QUERIES = {
    "exclude": ["event", "buyer", "created_by", "voucher"]  # the order's
    + ["user", "ticket_type", "order"],  # the seat's
    "validate_unique": False,
    "validate_constraints": False,
}


def _draft(
    asked: _Request,
    tickets: dict[int, TicketType],
    voucher: Voucher | None,
    seats: list[Registration],
) -> _Draft:
    """The order and its seats, priced from `tickets` and `voucher` and validated
    (`_WITHOUT_QUERIES`) but not saved."""
    event = asked.event
    priced = price_items(asked.items, tickets, voucher, event.currency)
    priced = priced.waived() if asked.complimentary else priced
    needs_approval = asked.created_by is None and any(
        tickets[i.ticket_type_id].requires_approval for i in asked.items
    )
    order = Order(
        event=event,
        buyer=asked.buyer,
        voucher=voucher,
        needs_approval=needs_approval,
        created_by=asked.created_by,
        **_order_terms(
            event, asked.method, priced, needs_approval=needs_approval, now=asked.now
        ),
        **_billing_fields(asked.billing, asked.buyer),
    )
    order.full_clean(**_WITHOUT_QUERIES)
    paid = order.status == OrderStatus.PAID
    status = RegistrationStatus.CONFIRMED if paid else RegistrationStatus.PENDING
    prices = zip(priced.lines, priced.list_prices, strict=True)
    for seat, item, (price, list_price) in zip(seats, asked.items, prices, strict=True):
        _seat(seat, tickets[item.ticket_type_id], item.attendee, (price, list_price))
        seat.status = status
        seat.full_clean(**_WITHOUT_QUERIES)
    return _Draft(order, seats, _source(tickets, voucher))


def _order_terms(
    event: Event,
    method: str,
    priced: Priced,
    *,
    needs_approval: bool,
    now: dt.datetime,
) -> dict[str, object]:
    """A free order that needs no approval is paid the moment it is placed."""
    total = quantize(sum(priced.lines, Decimal(0)), event.currency)
    method = _payment_method(method, total)
    terms = {
        "method": method,
        "currency": event.currency,
        "subtotal": quantize(priced.subtotal, event.currency),
        "discount": quantize(priced.discount, event.currency),
        "total": total,
        "expires_at": _hold(event, method, now, total=total, approval=needs_approval),
    }
    if total == 0 and not needs_approval:
        terms.update(status=OrderStatus.PAID, paid_at=now)
    return terms


def _billing_fields(billing: Billing, buyer: User) -> dict[str, str]:
    return {
        "billing_name": billing.name or str(buyer),
        "billing_organisation": billing.organisation,
        "billing_address": billing.address,
        "billing_tax_id": billing.tax_id,
    }


def _payment_method(method: str, total: Decimal) -> str:
    """Nothing to pay is settled as free, whatever the buyer picked."""
    if total == 0:
        return PaymentMethod.FREE
    if method not in (PaymentMethod.CARD, PaymentMethod.INVOICE):
        raise RegistrationError(_("Choose how to pay."))
    return method


def _hold(event, method, now, *, total: Decimal, approval: bool):
    """Free orders hold nothing unless they wait for approval; orders awaiting
    approval hold as long as an invoice does, so the organiser has time to look."""
    if approval:
        return hold_until(event, PaymentMethod.INVOICE, now)
    return None if total == 0 else hold_until(event, method, now)


def _insert(draft: _Draft) -> Order:
    """The order and its seats, written before the lock: nobody counts them until
    the commit, and the count under the lock includes them."""
    order = draft.order
    order.save()
    for seat in draft.seats:
        seat.order = order
        _save_seat(seat)
    return order


def _save_seat(seat: Registration) -> None:
    """The attendee was checked before the lock; the same person registered in
    the meantime (a second click) meets the database's constraint instead."""
    try:
        seat.save()
    except IntegrityError as exc:
        diag = getattr(exc.__cause__, "diag", None)
        if getattr(diag, "constraint_name", None) != "registration_once_per_event":
            raise
        raise RegistrationError(_already_registered(seat.user)) from exc


def _already_registered(user: User) -> str:
    return _("%(email)s is already registered for this event.") % {"email": user.email}


def _seat(seat: Registration, ticket, attendee: Attendee, prices: tuple) -> None:
    """`prices`: what the seat costs after the voucher, and before it."""
    seat.ticket_type = ticket
    seat.category = ticket.category
    seat.price, seat.list_price = prices
    seat.organisation_name = attendee.organisation_name
    seat.job_role = attendee.job_role
    seat.dietary_needs = attendee.dietary_needs
    seat.directory_consent = attendee.directory_consent


# Asked for every seat of every purchase: compiled once (`config.compiled`).
_OWN_SEAT = Compiled(
    lambda event, user: (
        Registration.objects.select_for_update(of=("self",))
        .filter(event_id=event, user_id=user)
        .values_list(*model_columns(Registration))
    ),
    placeholders=(ANY_ID, ANY_OTHER_ID),
)


def _registration(event: Event, user: User) -> Registration:
    """A new seat, or the person's cancelled one taken again (locked, so a second
    order for the same person waits here and then finds it taken)."""
    rows = _OWN_SEAT.rows(event.pk, user.pk)
    if not rows:
        return Registration(event=event, user=user)
    (existing,) = instances(rows[0], Registration)
    if existing.status != RegistrationStatus.CANCELLED:
        raise RegistrationError(_already_registered(user))
    return existing


def _attendee_user(attendee: Attendee, buyer: User) -> User:
    email = attendee.email.strip().lower()
    if email == buyer.email.lower():
        return buyer
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = user_upsert(
            email=email, first_name=attendee.first_name, last_name=attendee.last_name
        )
    return user
