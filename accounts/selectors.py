"""Reads about people's accounts: who must use two-factor sign-in, their devices."""

import datetime as dt
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from events.enums import TeamRole
from events.models import Event, EventTeamMember
from matchmaking.models import ScheduleRun
from registration.models import Order, Payment, Registration


def two_factor_required_for(*, user: User) -> bool:
    """Staff of the admin and every event's organisers."""
    if user.is_staff or user.is_superuser:
        return True
    return EventTeamMember.objects.filter(user=user, role=TeamRole.ORGANISER).exists()


def two_factor_enabled(*, user: User) -> bool:
    """A confirmed authenticator: then every sign-in asks for a code."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_pending(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(*, user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name="recovery").first()
    return device.token_set.count() if device else 0


def audit_entries_for_event(*, event: Event):
    """The audit log of one event: orders, payments, registrations, team, the
    agenda, tickets, badges, partnering set-up and schedules, whoever changed
    them and wherever (pages, API, either admin), newest first. Entries carry
    their event's id (accounts.audit); older ones are found by their object."""
    kinds = [
        (Order, Order.objects.filter(event=event)),
        (Payment, Payment.objects.filter(order__event=event)),
        (Registration, Registration.objects.filter(event=event)),
        (EventTeamMember, EventTeamMember.objects.filter(event=event)),
        (ScheduleRun, ScheduleRun.objects.filter(event=event)),
    ]
    where = Q(additional_data__event_id=event.pk)
    for model, objects in kinds:
        where |= Q(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=objects.values("pk"),
        )
    return (
        LogEntry.objects.filter(where)
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
