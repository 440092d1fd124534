from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registration.enums import WaitlistStatus


class WaitlistEntry(models.Model):
    """A person's place in a sold-out ticket's queue, served first come first served.

    An offered entry holds one seat (it counts against the ticket's capacity) until
    `offer_expires_at`; the person takes it by registering before then.
    """

    ticket_type = models.ForeignKey(
        "registration.TicketType", on_delete=models.CASCADE, related_name="waitlist"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WaitlistStatus.choices,
        default=WaitlistStatus.WAITING,
    )
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)
    offered_at = models.DateTimeField(_("offered"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)

    class Meta:
        ordering = ["ticket_type", "created_at", "id"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting list")
        indexes = [models.Index(fields=["status", "offer_expires_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["ticket_type", "user"],
                condition=models.Q(status__in=["waiting", "offered"]),
                name="waitlist_once_per_ticket",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.ticket_type} · {self.get_status_display()}"

    @property
    def offer_is_live(self) -> bool:
        return (
            self.status == WaitlistStatus.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )
