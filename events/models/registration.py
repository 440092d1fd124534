from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.enums import RegistrationCategory, RegistrationStatus


class Registration(models.Model):
    """A person's place at an event. Tickets, orders and payments attach to it."""

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="registrations"
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
