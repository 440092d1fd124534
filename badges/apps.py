from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    """Badge PDFs, QR secrets, tickets, check-in."""

    name = "badges"
    verbose_name = _("Badges and check-in")

    def ready(self) -> None:
        from accounts import privacy
        from badges import privacy as ours
        from badges import tickets
        from registration.signals import ticket_attachments

        privacy.register(ours.SECTION)
        ticket_attachments.connect(
            tickets.ticket_attachments, dispatch_uid="badges.ticket_pdf"
        )
