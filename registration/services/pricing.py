"""What an order costs: ticket prices less a voucher, which is locked while it is
counted so two buyers cannot both take its last use."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from events.models import Event
from events.money import percent_of, quantize
from registration.enums import OrderStatus, VoucherKind
from registration.models import TicketType, Voucher
from registration.services.common import OrderItem, VoucherInvalid


@dataclass
class Priced:
    subtotal: Decimal = Decimal(0)
    discount: Decimal = Decimal(0)
    lines: list[Decimal] = field(default_factory=list)

    def waived(self) -> "Priced":
        """Complimentary seats: the whole subtotal shows as the discount, so the
        invoice still says what the seats were worth."""
        return Priced(self.subtotal, self.subtotal, [Decimal(0)] * len(self.lines))


def _holding(now: dt.datetime) -> Q:
    """Orders whose seats count: paid, or pending with a live hold."""
    return Q(status=OrderStatus.PAID) | (
        Q(status=OrderStatus.PENDING)
        & (Q(expires_at__isnull=True) | Q(expires_at__gt=now))
    )


def lock_voucher(*, event: Event, code: str, now: dt.datetime) -> Voucher:
    voucher = (
        Voucher.objects.select_for_update()
        .filter(event=event, code__iexact=code.strip())
        .first()
    )
    if voucher is None or not voucher.is_valid_at(now):
        raise VoucherInvalid(_("This voucher code is not valid."))
    if voucher.orders.filter(_holding(now)).count() >= voucher.max_uses:
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
    if voucher and not priced.discount and allowed:
        raise VoucherInvalid(_("This voucher is not valid for these tickets."))
    return priced
