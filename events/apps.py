from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """The event core: organisations, events, venues, rooms, tracks, sessions,
    speakers, sponsors, team roles and the public agenda API."""

    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from accounts import privacy, selectors
        from events import (
            audit,  # noqa: F401  (tags audit entries with their event)
            authority,
        )
        from events import privacy as ours

        privacy.register(ours.SECTION)
        selectors.two_factor_rule_register(authority.organises_any)
