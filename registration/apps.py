from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Tickets, orders, payments, vouchers, waiting lists, invoices, the desk."""

    name = "registration"
    verbose_name = _("Registration")

    def ready(self) -> None:
        from accounts import privacy
        from registration import privacy as ours

        privacy.register(ours.SECTION)
