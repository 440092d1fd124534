from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Security around people's accounts: two-factor sign-in, the audit log's pages,
    and personal-data export and deletion."""

    name = "accounts"
    verbose_name = _("Accounts and security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts import audit  # noqa: F401  (tags audit entries with their event)
