"""Registration writes: orders, seats held and released, vouchers, cancellations.

Every write that takes or returns seats locks the ticket type rows it touches
(see `seats`). The topic modules import one another one way only: `orders` and
`lifecycle` use `seats` and `pricing`, which use `common`; `upsert` stands alone.
"""

from registration.services.common import (
    Attendee,
    Billing,
    NotAllowed,
    OrderItem,
    RegistrationError,
    SaleClosed,
    SoldOut,
    VoucherInvalid,
    notify,
)
from registration.services.lifecycle import (
    attendee_refund_amount,
    check_refund_allowed,
    invoice_mark_paid,
    order_cancel,
    order_expire_due,
    order_mark_paid,
    order_refund_record,
)
from registration.services.orders import order_create
from registration.services.pricing import (
    Summary,
    find_voucher,
    order_quote,
    order_summary,
)
from registration.services.seats import (
    hold_until,
    seats_taken,
    ticket_types_with_seats_taken,
)
from registration.services.upsert import registration_upsert

__all__ = [
    "Attendee",
    "Billing",
    "NotAllowed",
    "OrderItem",
    "RegistrationError",
    "SaleClosed",
    "SoldOut",
    "Summary",
    "VoucherInvalid",
    "attendee_refund_amount",
    "check_refund_allowed",
    "find_voucher",
    "hold_until",
    "invoice_mark_paid",
    "notify",
    "order_cancel",
    "order_create",
    "order_expire_due",
    "order_mark_paid",
    "order_quote",
    "order_refund_record",
    "order_summary",
    "registration_upsert",
    "seats_taken",
    "ticket_types_with_seats_taken",
]
