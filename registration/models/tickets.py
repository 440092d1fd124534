from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.money import quantize
from registration.enums import RegistrationCategory, VoucherKind


class TicketType(models.Model):
    """What a seat costs and how many there are.

    The price is in the event's currency (`Event.currency`). `capacity` counts paid
    seats plus seats held by pending orders whose hold has not expired; the count is
    re-checked under a row lock on this ticket type (see `registration.services`).
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="ticket_types",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    price = models.DecimalField(
        _("price"),
        max_digits=13,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    capacity = models.PositiveIntegerField(_("capacity"))
    category = models.CharField(
        _("registration category"),
        max_length=20,
        choices=RegistrationCategory.choices,
        default=RegistrationCategory.ATTENDEE,
    )
    sale_starts_at = models.DateTimeField(_("sale starts"), null=True, blank=True)
    sale_ends_at = models.DateTimeField(_("sale ends"), null=True, blank=True)
    is_hidden = models.BooleanField(
        _("hidden"),
        default=False,
        help_text=_("Not listed; sold only to buyers who enter the access code."),
    )
    access_code = models.CharField(
        _("access code"),
        max_length=40,
        blank=True,
        help_text=_("If set, buyers must enter it (members, students, speakers…)."),
    )
    requires_approval = models.BooleanField(
        _("needs the organiser's approval"),
        default=False,
        help_text=_(
            "Orders wait for an organiser to approve them (members, students, "
            "delegation members) before they can be paid or confirmed."
        ),
    )
    max_per_order = models.PositiveIntegerField(_("max per order"), default=10)
    order = models.PositiveIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

    class Meta:
        ordering = ["event", "order", "id"]
        verbose_name = _("ticket type")
        verbose_name_plural = _("ticket types")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price__gte=0), name="ticket_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.event})"

    def clean(self) -> None:
        if self.price is not None and self.event_id is not None:
            if quantize(self.price, self.event.currency) != self.price:
                raise ValidationError(
                    {"price": _("This currency has no smaller unit than that.")}
                )
        if self.sale_starts_at and self.sale_ends_at:
            if self.sale_ends_at <= self.sale_starts_at:
                raise ValidationError(
                    {"sale_ends_at": _("The sale must end after it starts.")}
                )

    @property
    def currency(self) -> str:
        return self.event.currency

    def accepts_code(self, code: str) -> bool:
        """Whether `code` is this ticket's access code; spaces around it and
        letter case do not matter, as people type codes read from an e-mail."""
        return bool(self.access_code) and (
            code.strip().casefold() == self.access_code.strip().casefold()
        )

    def on_sale(self, at=None) -> bool:
        at = at or timezone.now()
        if self.sale_starts_at and at < self.sale_starts_at:
            return False
        return not (self.sale_ends_at and at >= self.sale_ends_at)


class Voucher(models.Model):
    """A discount code. `max_uses` counts orders that are paid or still holding."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="vouchers",
    )
    code = models.CharField(_("code"), max_length=40)
    kind = models.CharField(_("kind"), max_length=10, choices=VoucherKind.choices)
    value = models.DecimalField(
        _("value"),
        max_digits=13,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Percent (0–100) or an amount in the event's currency."),
    )
    max_uses = models.PositiveIntegerField(_("max uses"), default=1)
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"), null=True, blank=True)
    ticket_types = models.ManyToManyField(
        TicketType,
        blank=True,
        related_name="vouchers",
        verbose_name=_("restricted to"),
        help_text=_("Empty: valid for every ticket of the event."),
    )

    class Meta:
        ordering = ["event", "code"]
        verbose_name = _("voucher")
        verbose_name_plural = _("vouchers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "code"], name="voucher_code_unique_per_event"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self) -> None:
        if self.kind == VoucherKind.PERCENT and self.value is not None:
            if self.value > 100:
                raise ValidationError({"value": _("A percentage is at most 100.")})

    def is_valid_at(self, at) -> bool:
        if self.valid_from and at < self.valid_from:
            return False
        return not (self.valid_until and at >= self.valid_until)


class EventBilling(models.Model):
    """Who sells an event's tickets: the invoice issuer, bank details and policy."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="billing",
    )
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_address = models.TextField(_("issuer address"), blank=True)
    issuer_tax_id = models.CharField(_("issuer tax id"), max_length=50, blank=True)
    bank_details = models.TextField(_("bank details"), blank=True)
    invoice_hold_days = models.PositiveIntegerField(
        _("days to pay an invoice"), default=14
    )
    attendee_cancel_until = models.DateTimeField(
        _("attendees may cancel until"),
        null=True,
        blank=True,
        help_text=_("Empty: attendees may cancel until the event starts."),
    )
    attendee_refund_percent = models.PositiveSmallIntegerField(
        _("refund to attendees who cancel (%)"),
        default=100,
        validators=[MaxValueValidator(100)],
        help_text=_("100: a full refund; less keeps a cancellation fee."),
    )
    invoice_reminder_days = models.PositiveIntegerField(
        _("remind unpaid invoices this many days before they expire"), default=3
    )
    waitlist_offer_hours = models.PositiveIntegerField(
        _("hours a waiting-list offer is held"), default=48
    )

    class Meta:
        verbose_name = _("billing details")
        verbose_name_plural = _("billing details")

    def __str__(self) -> str:
        return f"{self.issuer_name} · {self.event}"
