from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: the user model, sign-up, sign-in and sign-in links, two-factor
    sign-in, the audit log's reading, and personal-data export and deletion."""

    name = "accounts"
    verbose_name = _("Accounts and security")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from config import ratelimit

        # Failed sign-ins count against the client's address (config/ratelimit.py).
        user_login_failed.connect(
            ratelimit.sign_in_failed, dispatch_uid="ratelimit.sign_in_failed"
        )
        from accounts import signals  # noqa: F401  (connects its receiver)
