from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Partnering")

    def ready(self) -> None:
        from accounts import privacy
        from matchmaking import privacy as ours

        privacy.register(ours.SECTION)
