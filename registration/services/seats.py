"""Seats: how many are taken, how long a pending order holds them, and whether
the ones asked for may be sold.

Never oversold: every write that takes or returns seats runs in one transaction
with the ticket type rows locked (`select_for_update`, in primary-key order so two
orders for the same tickets never deadlock); the capacity check counts paid seats
plus seats held by pending orders whose hold has not expired. On SQLite the whole
database is locked by the IMMEDIATE transaction instead.

The lock is held from `lock_tickets` to the end of the transaction, so callers take
it as late as they can: what does not depend on the count (validation, people,
prices) is done before it. With DEBUG on this module's logger each lock
logs how long it was waited for and held (the purchase benchmark turns it on).
"""

import datetime as dt
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from config.compiled import (
    ANY_ID,
    ANY_OTHER_ID,
    ANY_TIME,
    Compiled,
    instances,
    model_columns,
)
from events.models import Event
from registration.enums import (
    OrderStatus,
    PaymentMethod,
    RegistrationStatus,
    WaitlistStatus,
)
from registration.models import EventBilling, Registration, TicketType, WaitlistEntry
from registration.services.common import (
    NotAllowed,
    RegistrationError,
    SaleClosed,
    SoldOut,
)

CARD_HOLD = dt.timedelta(minutes=30)
logger = logging.getLogger(__name__)


def seats_taken(*, ticket_type: TicketType, now: dt.datetime | None = None) -> int:
    """Confirmed seats, seats held by live pending orders, and seats held for
    waiting-list offers that have not expired."""
    now = now or timezone.now()
    seats = ticket_type.registrations.filter(_live_seat(now)).count()
    return seats + live_offers(ticket_type=ticket_type, now=now).count()


def _live_seat(now: dt.datetime) -> Q:
    """A registration whose seat counts: confirmed, or pending on a live hold."""
    return Q(status=RegistrationStatus.CONFIRMED) | Q(
        status=RegistrationStatus.PENDING,
        order__status=OrderStatus.PENDING,
    ) & (Q(order__expires_at__isnull=True) | Q(order__expires_at__gt=now))


def ticket_types_with_seats_taken(queryset, *, now: dt.datetime | None = None):
    """`queryset` annotated with `seats_taken`, counted as `seats_taken()` counts
    it, in the one query of a list (no lock: for showing, not for selling)."""
    seats, offers = _counts(now or timezone.now())
    return queryset.annotate(seats_taken=seats + offers)


def _counts(now: dt.datetime):
    """Per ticket type (a subquery each): the seats of registrations that count
    (`_live_seat`) and the seats held for live waiting-list offers."""

    def count(rows):
        per_ticket = rows.filter(ticket_type=OuterRef("pk")).values("ticket_type")
        return Coalesce(Subquery(per_ticket.annotate(n=Count("pk")).values("n")), 0)

    seats = count(Registration.objects.filter(_live_seat(now)))
    offers = count(
        WaitlistEntry.objects.filter(
            status=WaitlistStatus.OFFERED, offer_expires_at__gt=now
        )
    )
    return seats, offers


def live_offers(*, ticket_type: TicketType, now: dt.datetime):
    return WaitlistEntry.objects.filter(
        ticket_type=ticket_type,
        status=WaitlistStatus.OFFERED,
        offer_expires_at__gt=now,
    )


# Asked in every purchase, as the early refusal and the count are (below).
_HOLD_DAYS = Compiled(
    lambda event: EventBilling.objects.filter(event_id=event).values_list(
        "invoice_hold_days"
    )
)
# One ticket type, locked: in every purchase, once per ticket type asked for.
_LOCK_ONE = Compiled(
    lambda event, ticket: (
        TicketType.objects.rewrite(False)
        .select_for_update()
        .filter(event_id=event, pk=ticket)
        .values_list(*model_columns(TicketType))
    ),
    placeholders=(ANY_ID, ANY_OTHER_ID),
)


def hold_until(event: Event, method: str, now: dt.datetime) -> dt.datetime | None:
    if method == PaymentMethod.CARD:
        return now + CARD_HOLD
    days = _HOLD_DAYS.rows(event.pk)
    return now + dt.timedelta(days=days[0][0] if days else 14)


def lock_tickets(*, event: Event, ids: Sequence[int]) -> dict[int, TicketType]:
    asked = time.perf_counter()
    tickets = {}
    for pk in sorted(set(ids)):  # in primary-key order: two orders never deadlock
        for row in _LOCK_ONE.rows(event.pk, pk):
            (tickets[pk],) = instances(row, TicketType)
    if len(tickets) != len(set(ids)):
        raise RegistrationError(_("That ticket is not sold for this event."))
    _log_lock(asked, sorted(tickets))
    return tickets


# The early refusal and the count under the lock run in every purchase, and
# building their subqueries cost more than running them: the query is compiled
# once per process (`config.compiled`), over all of an event's ticket types (a few).
_EVENT_TICKETS = Compiled(
    lambda event, now: (
        TicketType.objects.rewrite(False)
        .filter(event_id=event)
        .order_by("pk")
        .annotate(seats_held=_counts(now)[0], offers_live=_counts(now)[1])
        .values_list(*model_columns(TicketType), "seats_held", "offers_live")
    ),
    placeholders=(ANY_ID, ANY_TIME),
)


def tickets_with_seats_taken(
    *, event: Event, ids: Sequence[int], now: dt.datetime
) -> dict[int, TicketType]:
    """The ticket types asked for, each with `seats_taken` as counted at this moment
    and `offers_live` (the part of it held for waiting-list offers), in one query
    and without a lock: for refusing early, never for selling."""
    tickets = {}
    for row in _EVENT_TICKETS.rows(event.pk, now):
        (ticket,) = instances(row, TicketType)
        if ticket.pk in ids:
            ticket.seats_held, ticket.offers_live = row[-2:]
            ticket.seats_taken = ticket.seats_held + ticket.offers_live
            tickets[ticket.pk] = ticket
    if len(tickets) != len(set(ids)):
        raise RegistrationError(_("That ticket is not sold for this event."))
    return tickets


def seats_counter(
    *, event: Event, ids: Sequence[int], now: dt.datetime
) -> Callable[[], dict]:
    """A count of `seats_taken` per ticket type, to be run later, under the lock,
    as a statement of its own: a statement sees what was committed before it
    began, so the count must not share the statement that waited for the lock."""
    wanted = set(ids)

    def count() -> dict[int, int]:
        rows = _EVENT_TICKETS.rows(event.pk, now)
        # The id is the first column; seats held and for offers the last two.
        return {row[0]: row[-2] + row[-1] for row in rows if row[0] in wanted}

    return count


def _log_lock(asked: float, ids: list[int]) -> None:
    """How long the lock was waited for and held, logged once the transaction
    commits (the lock's end); nothing at all unless DEBUG is on for this logger."""
    if not logger.isEnabledFor(logging.DEBUG):
        return
    got = time.perf_counter()

    def log() -> None:
        wait, held = (got - asked) * 1000, (time.perf_counter() - got) * 1000
        logger.debug(
            "ticket lock: waited %.2f ms, held %.2f ms",
            wait,
            held,
            extra={"tickets": ids, "lock_wait_ms": wait, "lock_held_ms": held},
        )

    transaction.on_commit(log)


def check_tickets(
    tickets: dict[int, TicketType],
    wanted: Counter,
    *,
    access_code: str,
    now: dt.datetime,
    offered: Counter | None = None,
    by_organiser: bool = False,
    taken: Mapping[int, int] | None = None,
    included: bool = False,
) -> None:
    """`taken`: the seats taken per ticket, if already counted; `included`: this
    order's own seats are in that count (written before the count)."""
    for pk, count in wanted.items():
        ticket = tickets[pk]
        seats = {
            "now": now,
            "own": (offered or Counter())[pk] + (count if included else 0),
            "taken": None if taken is None else taken[pk],
        }
        if by_organiser:
            check_capacity(ticket, count, **seats)
            continue
        if not ticket.on_sale(now):
            raise SaleClosed(
                _("%(ticket)s is not on sale now.") % {"ticket": ticket.name}
            )
        if ticket.access_code and not ticket.accepts_code(access_code):
            raise NotAllowed(
                _("%(ticket)s needs a valid access code.") % {"ticket": ticket.name}
            )
        if count > ticket.max_per_order:
            raise RegistrationError(
                _("At most %(n)s of %(ticket)s per order.")
                % {"n": ticket.max_per_order, "ticket": ticket.name}
            )
        check_capacity(ticket, count, **seats)


def check_capacity(
    ticket: TicketType,
    count: int,
    *,
    now: dt.datetime,
    own: int = 0,
    taken: int | None = None,
) -> None:
    """`own`: seats in the count that are this buyer's (held for their own
    waiting-list offers, or already written for this order), which count as taken
    for everyone else; `taken`: the seats taken if already counted."""
    if taken is None:
        taken = seats_taken(ticket_type=ticket, now=now)
    left = ticket.capacity - taken + own
    if count > left:
        if left <= 0:
            message = _("%(ticket)s is sold out.") % {"ticket": ticket.name}
        else:
            message = _("Only %(n)s of %(ticket)s left.") % {
                "n": left,
                "ticket": ticket.name,
            }
        raise SoldOut(message)
