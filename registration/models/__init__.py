from registration.models.orders import Order, Payment, StripeEvent
from registration.models.registrations import Registration
from registration.models.tickets import EventBilling, TicketType, Voucher
from registration.models.waitlist import WaitlistEntry

__all__ = [
    "EventBilling",
    "Order",
    "Payment",
    "Registration",
    "StripeEvent",
    "TicketType",
    "Voucher",
    "WaitlistEntry",
]
