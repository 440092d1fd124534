from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationCategory(models.TextChoices):
    """Who the person is at this event; drives badge colours and partnering roles."""

    ATTENDEE = "attendee", _("Attendee")
    SPEAKER = "speaker", _("Speaker")
    INVESTOR = "investor", _("Investor")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    PRESS = "press", _("Press")
    STAFF = "staff", _("Staff")
    DELEGATION = "delegation", _("Delegation member")


class OrderStatus(models.TextChoices):
    """An order's life: pending holds seats until it is paid or its hold expires."""

    PENDING = "pending", _("Pending payment")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUNDED = "refunded", _("Refunded")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    INVOICE = "invoice", _("Invoice / bank transfer")
    FREE = "free", _("Free")


class PaymentState(models.TextChoices):
    """Mirrors the provider's state; for Stripe, the PaymentIntent's as last fetched."""

    CREATED = "created", _("Created")
    PROCESSING = "processing", _("Processing")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Canceled")
    REFUNDED = "refunded", _("Refunded")


class VoucherKind(models.TextChoices):
    PERCENT = "percent", _("Percentage off")
    FIXED = "fixed", _("Fixed amount off each ticket")


class WaitlistStatus(models.TextChoices):
    """A place in a sold-out ticket's queue: waiting, then offered a seat that is
    held for them until the offer expires."""

    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Seat offered")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Offer expired")
    CANCELLED = "cancelled", _("Left the list")
