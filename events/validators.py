import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    if value not in _zones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone such as Asia/Seoul."),
            params={"value": value},
            code="invalid_timezone",
        )


# The e-mail columns' length (Django's model EmailField default, RFC 5321's path
# limit). Django's form EmailField allows 320, so every e-mail form field says 254
# itself: a longer address is a form error, not a failed save.
EMAIL_MAX_LENGTH = 254
