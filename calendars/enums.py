from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarFeedKind(models.TextChoices):
    PERSONAL = "personal", _("My agenda")
    COMPANY = "company", _("Company schedule")
