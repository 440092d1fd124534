from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    """Delegation programmes: applications, reviews, itinerary, outcomes, handbook."""

    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self) -> None:
        from accounts import privacy
        from calendars import sources
        from delegations import feeds
        from delegations import privacy as ours

        privacy.register(ours.SECTION)
        sources.register(feeds.PERSONAL_SOURCE)
