"""The event's audit log: each entry carries the id of its object's event, and
reads in the organiser's words.

Tagging: the entry is written once, with its event id. django-auditlog sends
`pre_log` with the object just before it creates the entry; the object is kept
for the entry's own `pre_save`, which adds the id (on a deletion the object is
no longer in the database, so it must come from the signal). Tagging after the
entry was written cost a second write per logged save.

Reading (`audit_rows`): what changed, as the admin forms name it, in the page's
language; no primary keys, reverse relations, automatic timestamps or the event
itself; choices by their labels, yes/no, amounts in the event's currency, times
on the event's clock with the zone, related rows by name (one query per kind of
related row on the page, whatever the number of entries), personal answers
hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from events.authority import event_id_of
from events.localtime import local_text
from events.money import format_money

_logged: ContextVar[models.Model | None] = ContextVar("audit_logged", default=None)


@receiver(pre_log)
def _remember_the_object(sender, instance, **kwargs) -> None:
    _logged.set(instance)


@receiver(pre_save, sender=LogEntry)
def _tag_with_event(sender, instance: LogEntry, **kwargs) -> None:
    if instance.pk is not None or (instance.additional_data or {}).get("event_id"):
        return
    obj = _logged.get()
    _logged.set(None)
    if not _is_the_object(obj, instance):
        obj = _load(instance)  # many-to-many changes send no pre_log
    event_id = event_id_of(obj) if obj is not None else None
    if event_id is not None:
        instance.additional_data = {
            **(instance.additional_data or {}),
            "event_id": event_id,
        }


def _is_the_object(obj, entry: LogEntry) -> bool:
    return (
        obj is not None
        and obj._meta.label_lower
        == f"{entry.content_type.app_label}.{entry.content_type.model}"
        and str(obj.pk) == str(entry.object_pk)
    )


def _load(entry: LogEntry):
    model = entry.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=entry.object_pk).first()


# Reading -----------------------------------------------------------------------

EMPTY = "—"
_HIDDEN_EMPTY = {"", "None", "**ne"}  # "**ne": None as the default mask wrote it


@dataclass(frozen=True)
class AuditChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditRow:
    entry: LogEntry
    when: str
    subject: str
    changes: list[AuditChange]


def mask(value: str) -> str:
    """How a personal answer is kept in the log (AUDITLOG's mask_callable): that
    it changed, not what it says; empty stays empty (not "**ne" for None)."""
    return "" if value in ("", "None") else "***"


def _language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def _translated_base(model, name: str) -> models.Field | None:
    """`title` for `title_ko` (django-modeltranslation's column of one language)."""
    base, _sep, code = name.rpartition("_")
    if code not in _language_names():
        return None
    try:
        field = model._meta.get_field(base)
    except FieldDoesNotExist:
        return None
    return field if hasattr(model, f"{base}_{code}") else None


def _is_translated(model, field: models.Field) -> bool:
    """`title` itself, which repeats one of `title_en` / `title_ko`."""
    return all(
        any(f.name == f"{field.name}_{code}" for f in model._meta.concrete_fields)
        for code in _language_names()
    )


def _label(model, field: models.Field) -> str:
    base = _translated_base(model, field.name)
    if base is not None:
        language = _language_names()[field.name.rpartition("_")[2]]
        return f"{capfirst(_label(model, base))} ({language})"
    name = field.verbose_name
    if not isinstance(name, Promise) and field.is_relation and field.related_model:
        name = field.related_model._meta.verbose_name  # "user" → "person", translated
    return capfirst(str(name))


def _shown_fields(model) -> dict[str, models.Field]:
    """The fields an organiser reads: set by people, not by the machinery."""
    shown = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "auto_now", False):
            continue
        if getattr(field, "auto_now_add", False) or _is_translated(model, field):
            continue
        if field.is_relation and field.related_model._meta.label == "events.Event":
            continue  # the log is the event's
        shown[field.name] = field
    for field in model._meta.many_to_many:
        shown[field.name] = field
    return shown


def _masked(model) -> set[str]:
    return set(auditlog.get_model_fields(model).get("mask_fields") or [])


@dataclass
class _Context:
    event: object
    names: dict[tuple[type, str], str]


def _money(value, event) -> str:
    try:
        return format_money(Decimal(str(value)), event.currency)
    except (InvalidOperation, ValueError):
        return str(value)


def _moment(value, event) -> str:
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return local_text(moment, event)


def _shown(field: models.Field, value, context: _Context, *, masked: bool) -> str:
    if value is None or value in ("None", ""):
        return EMPTY
    if masked:
        return EMPTY if str(value) in _HIDDEN_EMPTY else _("(hidden)")
    if isinstance(value, dict) and value.get("type") == "m2m":
        return "; ".join(value.get("objects") or []) or EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("Yes") if str(value) in ("True", "true", "1") else _("No")
    if isinstance(field, models.DateTimeField):
        return _moment(value, context.event)
    if isinstance(field, models.DecimalField) and field.decimal_places == 2:
        return _money(value, context.event)
    if isinstance(field, models.TimeField) and len(str(value)) == 8:
        return str(value)[:5]  # a wall-clock time as typed: "13:30", not "13:30:00"
    if field.is_relation:
        return context.names.get((field.related_model, str(value)), f"#{value}")
    return str(value)


def _m2m_change(label: str, value: dict) -> AuditChange:
    objects = "; ".join(value.get("objects") or []) or EMPTY
    if value.get("operation") == "delete":
        return AuditChange(label, objects, EMPTY)
    return AuditChange(label, EMPTY, objects)


def _entry_changes(entry: LogEntry, context: _Context) -> list[AuditChange]:
    model = entry.content_type.model_class()
    if model is None:
        return []
    fields = _shown_fields(model)
    masked = _masked(model)
    rows = []
    for name, values in (entry.changes_dict or {}).items():
        field = fields.get(name)
        if field is None:
            continue
        label = _label(model, field)
        if isinstance(values, dict):
            rows.append(_m2m_change(label, values))
            continue
        before, after = (list(values) + [None, None])[:2]
        hide = name in masked
        rows.append(
            AuditChange(
                label,
                _shown(field, before, context, masked=hide),
                _shown(field, after, context, masked=hide),
            )
        )
    return [r for r in rows if (r.before, r.after) != (EMPTY, EMPTY)]


def _related_names(entries: list[LogEntry]) -> dict[tuple[type, str], str]:
    """The current names, in the page's language, of the entries' rows and of
    the rows their changes point at: one query per kind of row (orders, people,
    tickets, rooms…), whatever the number of entries."""
    wanted: dict[type, set[str]] = defaultdict(set)
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None:
            continue
        wanted[model].add(str(entry.object_pk))
        for name, values in (entry.changes_dict or {}).items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.many_to_one or field.one_to_one) or isinstance(values, dict):
                continue
            if field.related_model._meta.label == "events.Event":
                continue
            wanted[field.related_model].update(
                str(v) for v in values if v not in (None, "None", "")
            )
    language = get_language()
    names = {}
    for model, keys in wanted.items():
        for obj in model._default_manager.filter(pk__in=keys).select_related():
            named = getattr(obj, "display_name", None)  # a person's Korean name
            names[(model, str(obj.pk))] = named(language) if named else str(obj)
    return names


def _subject(entry: LogEntry, context: _Context) -> str:
    """ "Order · QSM8DA4MDBYT": the kind of row and its name now (as it was
    written, once deleted)."""
    model = entry.content_type.model_class()
    kind = model._meta.verbose_name if model else entry.content_type.name
    name = context.names.get((model, str(entry.object_pk)), entry.object_repr)
    return f"{capfirst(str(kind))} · {name}"


def audit_rows(*, entries, event) -> list[AuditRow]:
    """The page's entries as the organiser reads them, in the active language."""
    entries = list(entries)
    context = _Context(event=event, names=_related_names(entries))
    return [
        AuditRow(
            entry=entry,
            when=local_text(entry.timestamp, event),
            subject=_subject(entry, context),
            changes=_entry_changes(entry, context),
        )
        for entry in entries
    ]
