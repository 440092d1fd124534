from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    """Tickets, orders, payments, vouchers, waiting lists, invoices, the desk."""

    name = "registration"
    verbose_name = _("Registration")
