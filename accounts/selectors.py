"""Reads about people's accounts: who must use two-factor sign-in, their devices."""

import hashlib
from collections.abc import Callable

from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from config.compiled import Compiled, instances, model_columns

# Every signed-in request loads its person: compiled once (`config.compiled`), as
# building the query cost more than a third of a signed-in request's bare work.
_USER = Compiled(
    lambda pk: User._default_manager.filter(pk=pk).values_list(*model_columns(User))
)


def user_by_session_id(user_id) -> User | None:
    """The person a session names (its id as stored, text), or None."""
    try:
        pk = User._meta.pk.to_python(user_id)
    except ValidationError:
        return None
    rows = _USER.rows(pk)
    return instances(rows[0], User)[0] if rows else None


# Who else must use two-factor sign-in besides staff: rules the apps above add
# (events: whoever organises an event), so accounts never imports them.
_TWO_FACTOR_RULES: list[Callable[[User], bool]] = []


def two_factor_rule_register(rule: Callable[[User], bool]) -> None:
    if rule not in _TWO_FACTOR_RULES:
        _TWO_FACTOR_RULES.append(rule)


def two_factor_required_for(*, user: User) -> bool:
    """Staff of the admin, and whoever a registered rule names."""
    if user.is_staff or user.is_superuser:
        return True
    return any(rule(user) for rule in _TWO_FACTOR_RULES)


def two_factor_enabled(*, user: User) -> bool:
    """A confirmed authenticator: then every sign-in asks for a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(*, user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name="recovery").first()
    return device.token_set.count() if device else 0


def recovery_codes_state(*, user: User) -> str:
    """A fingerprint of the recovery codes a person holds now (of the rows, never
    the codes): a confirmation to replace them is stale once it changes."""
    pks = StaticDevice.objects.filter(user=user, name="recovery").values_list(
        "token_set__pk", flat=True
    )
    text = ",".join(str(pk) for pk in sorted(pk for pk in pks if pk is not None))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def audit_entries_for_event(*, event_id: int):
    """The audit log of one event: every change to its data, whoever made it and
    wherever (pages, API, either admin), newest first. Each entry carries its
    event's id (events.audit tags it as it is written)."""
    return (
        LogEntry.objects.filter(additional_data__event_id=event_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )
