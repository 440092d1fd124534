"""The Django admin's list columns and read-only fields of date-times on the row's
event's clock, labelled ("2027-09-14 09:00 KST"), where Django would show the
server's UTC without a zone.

One mixin for every event-bound `ModelAdmin` (and inline): each date-time named
in `list_display`, `readonly_fields` or `fieldsets` is swapped for a column of the
same label and ordering that reads it on the event's clock. Editable date-times
are the form's business (`events.wagtail_forms.EventLocalTimesAdminForm`).
"""

from __future__ import annotations

from functools import cached_property
from zoneinfo import ZoneInfo

from django.contrib import admin
from django.db import models

from events import authority
from events.localtime import local_text

SUFFIX = "_local"


def _follow(obj, path: str):
    for hop in path.split("__"):
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return obj


class LocalTimesAdmin:
    """Mixed in before `admin.ModelAdmin` / `InlineModelAdmin`.

    `local_times_event` names the lookup from a row to its event when
    `events.authority` does not know it (a waiting-list entry's is
    `ticket_type__event`); `local_times_zone` fixes one clock instead (a
    delegation's deadlines and submissions are Korea's)."""

    local_times_event: str | None = None
    local_times_zone: str | None = None

    def local_zone(self, obj) -> ZoneInfo | None:
        if self.local_times_zone:
            return ZoneInfo(self.local_times_zone)
        path = self.local_times_event or authority.event_path(type(obj))
        if path is None:
            return None
        event = obj if path == "pk" else _follow(obj, path)
        return event.tz if event is not None else None

    @cached_property
    def _datetime_names(self) -> set[str]:
        return {
            f.name
            for f in self.model._meta.get_fields()
            if isinstance(f, models.DateTimeField)
        }

    def _swap(self, names):
        return [
            f"{n}{SUFFIX}" if isinstance(n, str) and n in self._datetime_names else n
            for n in names
        ]

    def get_list_display(self, request):
        return self._swap(super().get_list_display(request))

    def get_readonly_fields(self, request, obj=None):
        return self._swap(super().get_readonly_fields(request, obj))

    def get_exclude(self, request, obj=None):
        """The swapped read-only times stay off the form, as Django keeps a
        read-only field off it."""
        readonly = super().get_readonly_fields(request, obj)
        swapped = [n for n in readonly if n in self._datetime_names]
        return [*(super().get_exclude(request, obj) or ()), *swapped] or None

    def get_fieldsets(self, request, obj=None):
        readonly = set(super().get_readonly_fields(request, obj)) & self._datetime_names
        return [
            (
                name,
                {**options, "fields": self._swap_nested(options["fields"], readonly)},
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    def _swap_nested(self, fields, readonly):
        out = []
        for field in fields:
            if isinstance(field, list | tuple):
                out.append(type(field)(self._swap_nested(field, readonly)))
            else:
                out.append(f"{field}{SUFFIX}" if field in readonly else field)
        return out

    def __getattr__(self, name: str):
        """`<field>_local`: the column of that date-time, made on demand."""
        if not name.endswith(SUFFIX):
            raise AttributeError(name)
        base = name.removesuffix(SUFFIX)
        if base not in self._datetime_names:
            raise AttributeError(name)
        field = self.model._meta.get_field(base)

        @admin.display(description=field.verbose_name, ordering=base)
        def column(obj):
            value = getattr(obj, base)
            zone = self.local_zone(obj) if value is not None else None
            return local_text(value, zone) if zone is not None else value

        column.__name__ = name
        return column
