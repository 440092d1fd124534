from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CalendarsConfig(AppConfig):
    """.ics building, personal agendas, feeds and their tokens."""

    name = "calendars"
    verbose_name = _("Calendars")

    def ready(self) -> None:
        from accounts import privacy
        from calendars import privacy as ours
        from calendars import selectors, signals  # noqa: F401  (connects receivers)
        from registration.signals import ticket_attachments

        ticket_attachments.connect(
            selectors.event_ics_attachment, dispatch_uid="calendars.event_ics"
        )
        privacy.register(ours.SECTION)
