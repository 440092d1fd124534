import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.enums import OrderStatus, PaymentMethod, PaymentState

# No 0/O, 1/I/L: codes are read aloud and typed from bank statements.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_order_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))


class Order(models.Model):
    """One purchase by a buyer: one registration (seat) per attendee.

    `code` is public and unguessable: it is the bank-transfer reference and appears
    in URLs. Amounts are in `currency` (the event's at the time of purchase).
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    code = models.CharField(
        _("code"), max_length=20, unique=True, default=new_order_code, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OrderStatus.choices,
        default=OrderStatus.PENDING,
    )
    method = models.CharField(
        _("payment method"), max_length=20, choices=PaymentMethod.choices
    )
    currency = models.CharField(_("currency"), max_length=3)
    subtotal = models.DecimalField(_("subtotal"), max_digits=13, decimal_places=2)
    discount = models.DecimalField(
        _("discount"), max_digits=13, decimal_places=2, default=0
    )
    total = models.DecimalField(_("total"), max_digits=13, decimal_places=2)
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=13, decimal_places=2, default=0
    )
    voucher = models.ForeignKey(
        "registration.Voucher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
    )
    expires_at = models.DateTimeField(
        _("hold expires"),
        null=True,
        blank=True,
        help_text=_("A pending order holds its seats until then."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by organiser"),
        help_text=_("Set when an organiser registered the buyer by hand."),
    )
    needs_approval = models.BooleanField(
        _("needs approval"),
        default=False,
        help_text=_("A ticket in it needs the organiser's approval before payment."),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("payment reminder sent"), null=True, blank=True
    )
    billing_name = models.CharField(_("billing name"), max_length=200, blank=True)
    billing_organisation = models.CharField(
        _("billing organisation"), max_length=200, blank=True
    )
    billing_address = models.TextField(_("billing address"), blank=True)
    billing_tax_id = models.CharField(_("buyer tax id"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    closed_at = models.DateTimeField(
        _("cancelled, expired or refunded"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        indexes = [models.Index(fields=["status", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(total__gte=0), name="order_total_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("registration:order_detail", kwargs={"code": self.code})

    @property
    def awaiting_approval(self) -> bool:
        return self.needs_approval and self.approved_at is None

    @property
    def is_holding(self) -> bool:
        return self.status == OrderStatus.PENDING and (
            self.expires_at is None or self.expires_at > timezone.now()
        )


class Payment(models.Model):
    """One attempt to pay an order: a Stripe PaymentIntent or a bank transfer."""

    EVENT_PATH = "order__event"  # how events.authority scopes it

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("provider"), max_length=20)
    intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=100, unique=True, null=True, blank=True
    )
    amount = models.DecimalField(_("amount"), max_digits=13, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=PaymentState.choices,
        default=PaymentState.CREATED,
    )
    refunded_amount = models.DecimalField(
        _("refunded"), max_digits=13, decimal_places=2, default=0
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return f"{self.order} · {self.provider} · {self.get_state_display()}"


class StripeEvent(models.Model):
    """A Stripe webhook event, stored once by its id: a replay changes nothing."""

    stripe_id = models.CharField(_("Stripe event"), max_length=100, unique=True)
    type = models.CharField(_("type"), max_length=100)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.stripe_id} ({self.type})"
