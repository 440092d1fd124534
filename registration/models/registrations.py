from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.enums import RegistrationCategory, RegistrationStatus


class Registration(models.Model):
    """A person's place at an event: one seat of a ticket type, bought in an order.

    The buyer of a group order registers colleagues; each gets their own
    registration. Registrations made by organisers (speakers, staff) may have no
    order and no ticket type.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    category = models.CharField(
        _("category"),
        max_length=20,
        choices=RegistrationCategory.choices,
        default=RegistrationCategory.ATTENDEE,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    order = models.ForeignKey(
        "registration.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    ticket_type = models.ForeignKey(
        "registration.TicketType",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
    )
    price = models.DecimalField(
        _("price paid"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The ticket's price after any voucher, in the order's currency."),
    )
    list_price = models.DecimalField(
        _("list price"),
        max_digits=13,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The ticket's price before any voucher, as the order counted it."),
    )
    # The event's registration questions; the attendee may edit them later.
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    job_role = models.CharField(_("job role"), max_length=200, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=200, blank=True)
    directory_consent = models.BooleanField(
        _("appear in the partnering directory"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["event", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"], name="registration_once_per_event"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}"
