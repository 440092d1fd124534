from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Badges and check-in")

    def ready(self) -> None:
        from badges import tickets
        from registration import signals

        signals.ticket_attachments.connect(
            tickets.ticket_attachments, dispatch_uid="badges.ticket_pdf"
        )
