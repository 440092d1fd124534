"""Reads about people's accounts: who must use two-factor sign-in, their devices."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

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


def audit_entries_for_event(*, event_id: int):
    """The audit log of one event: every change to its data, whoever made it and
    wherever (pages, API, either admin), newest first. Each entry carries its
    event's id (events.audit tags it as it is written)."""
    return (
        LogEntry.objects.filter(additional_data__event_id=event_id)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class AuditChange:
    field: str
    before: str
    after: str


def _shown(field, value, tz) -> str:
    if value is None or value == "None":
        return "—"
    choices = dict(getattr(field, "choices", None) or [])
    if choices:
        return str(choices.get(value, value))
    if isinstance(field, models.DateTimeField):
        try:
            moment = dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    if field is not None and field.is_relation:
        return f"#{value}"
    return str(value)


def audit_changes(*, entry: LogEntry, tz) -> list[AuditChange]:
    """An entry's before → after, labelled as the model names its fields, times in
    the event's zone; no query (related objects are shown by id)."""
    model = entry.content_type.model_class()
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name) if model else None
        except FieldDoesNotExist:
            field = None
        label = str(getattr(field, "verbose_name", name))
        before, after = (list(values) + [None, None])[:2]
        rows.append(
            AuditChange(label, _shown(field, before, tz), _shown(field, after, tz))
        )
    return rows
