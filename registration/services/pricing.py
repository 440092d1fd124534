"""What an order costs: ticket prices less a voucher, which is locked while it is
counted so two buyers cannot both take its last use.

`price_items` is the one place an order is priced: the order form's summary
(`order_quote`), the order itself (`services.orders`) and the order page and
invoice (`order_summary`, from what the order stored) all read the same figures.
No ticket carries tax today, so the summary has no tax line.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from events.money import percent_of, quantize
from registration.enums import OrderStatus, VoucherKind
from registration.models import Order, TicketType, Voucher
from registration.services.common import OrderItem, VoucherInvalid


@dataclass
class Priced:
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    lines: list[Decimal] = field(default_factory=list)
    list_prices: list[Decimal] = field(default_factory=list)

    def waived(self) -> "Priced":
        """Complimentary seats: the whole subtotal shows as the discount, so the
        invoice still says what the seats were worth."""
        free = [Decimal(0)] * len(self.lines)
        return Priced(self.subtotal, self.subtotal, free, list(self.list_prices))


@dataclass
class SummaryLine:
    name: str
    count: int
    unit: Decimal
    amount: Decimal


@dataclass
class Summary:
    """Lines at list price, their subtotal, the discount and the total: the lines
    add up to the subtotal, and subtotal less discount is the total."""

    currency: str
    lines: list[SummaryLine] = field(default_factory=list)
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    total: Decimal = Decimal(0)
    voucher_code: str = ""


def _holding(now: dt.datetime) -> Q:
    """Orders whose seats count: paid, or pending with a live hold."""
    return Q(status=OrderStatus.PAID) | (
        Q(status=OrderStatus.PENDING)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


def lock_voucher(*, event: Event, code: str, now: dt.datetime, own: int = 0) -> Voucher:
    return find_voucher(event=event, code=code, now=now, lock=True, own=own)


def find_voucher(
    *, event: Event, code: str, now: dt.datetime, lock: bool = False, own: int = 0
) -> Voucher:
    """The event's voucher of that code if it can still be used (`lock` inside
    the order's transaction, so its last use is taken once); `own`: this
    transaction's orders already written with it, which its uses count."""
    vouchers = Voucher.objects.select_for_update() if lock else Voucher.objects
    voucher = vouchers.filter(event=event, code__iexact=code.strip()).first()
    if voucher is None or not voucher.is_valid_at(now):
        raise VoucherInvalid(_("This voucher code is not valid."))
    if voucher.orders.filter(_holding(now)).count() - own >= voucher.max_uses:
        raise VoucherInvalid(_("This voucher has been used up."))
    return voucher


def price_items(
    items: Sequence[OrderItem],
    tickets: dict[int, TicketType],
    voucher: Voucher | None,
    currency: str,
) -> Priced:
    allowed = set(voucher.ticket_types.values_list("pk", flat=True)) if voucher else ()
    priced = Priced()
    for item in items:
        price = tickets[item.ticket_type_id].price
        off = Decimal(0)
        if voucher and (not allowed or item.ticket_type_id in allowed):
            if voucher.kind == VoucherKind.PERCENT:
                off = percent_of(price, voucher.value, currency)
            else:
                off = min(price, voucher.value)
        priced.subtotal += price
        priced.discount += off
        priced.lines.append(quantize(price - off, currency))
        priced.list_prices.append(quantize(price, currency))
    if voucher and not priced.discount and allowed:
        raise VoucherInvalid(_("This voucher is not valid for these tickets."))
    return priced


def _summary(currency: str, named: list[tuple[str, Decimal]], priced: Priced):
    """Equal tickets at the same price are one line: "Regular × 2"."""
    summary = Summary(currency=currency)
    grouped: dict[tuple[str, Decimal], SummaryLine] = {}
    for name, unit in named:
        line = grouped.get((name, unit))
        if line is None:
            line = grouped[(name, unit)] = SummaryLine(name, 0, unit, Decimal(0))
            summary.lines.append(line)
        line.count += 1
        line.amount += unit
    summary.subtotal = quantize(sum(priced.list_prices, Decimal(0)), currency)
    summary.total = quantize(sum(priced.lines, Decimal(0)), currency)
    summary.discount = summary.subtotal - summary.total
    return summary


def order_quote(
    *,
    event: Event,
    items: Sequence[OrderItem],
    tickets: dict[int, TicketType],
    voucher_code: str = "",
) -> Summary:
    """What the order form would cost now: no lock, nothing stored. Raises
    `VoucherInvalid` for a code that the order would refuse."""
    voucher = None
    if voucher_code.strip():
        voucher = find_voucher(event=event, code=voucher_code, now=timezone.now())
    priced = price_items(items, tickets, voucher, event.currency)
    named = [
        (tickets[i.ticket_type_id].name, p)
        for i, p in zip(items, priced.list_prices, strict=True)
    ]
    summary = _summary(event.currency, named, priced)
    summary.voucher_code = voucher.code if voucher else ""
    return summary


def order_summary(*, order: Order) -> Summary:
    """An order's figures as it stored them (prices may have changed since)."""
    regs = list(order.registrations.all())
    paid = [r.price or Decimal(0) for r in regs]
    listed = [
        p if r.list_price is None else r.list_price
        for r, p in zip(regs, paid, strict=True)
    ]
    priced = Priced(lines=paid, list_prices=listed)
    named = [
        (r.ticket_type.name if r.ticket_type else r.get_category_display(), p)
        for r, p in zip(regs, listed, strict=True)
    ]
    summary = _summary(order.currency, named, priced)
    summary.voucher_code = order.voucher.code if order.voucher_id else ""
    return summary
