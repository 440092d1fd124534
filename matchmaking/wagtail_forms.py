"""Wagtail admin forms for the partnering set-up: the event's zone is named on
every time, and a table's host or a meeting block stays inside its event."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.localtime import zone_caption
from events.wagtail_forms import EventLocalTimesForm, event_of
from matchmaking.models import MeetingBlock


class PartneringSetupForm(EventLocalTimesForm):
    """Request window in the event's zone (see `EventLocalTimesForm`)."""


class MeetingBlockForm(WagtailAdminModelForm):
    """A block's day and times are wall-clock times at the event's place (the grid
    is cut in `event.tz`); blocks of one event may not overlap, or two slots
    would share a table's time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = event_of(self.instance)
        if event is None:
            zone = _("Local time at the event, in the event's zone.")
        else:
            zone = _("Local time at the event (%(zone)s).") % {
                "zone": zone_caption(event, event.starts_at)
            }
        for name in ("start_time", "end_time"):
            if name in self.fields:
                self.fields[name].help_text = zone

    def clean(self):
        cleaned = super().clean()
        event, day = cleaned.get("event"), cleaned.get("date")
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if event is None or day is None or start is None or end is None:
            return cleaned
        overlapping = MeetingBlock.objects.filter(
            event=event, date=day, start_time__lt=end, end_time__gt=start
        ).exclude(pk=self.instance.pk)
        if overlapping.exists():
            raise ValidationError(_("This block overlaps another block of the day."))
        return cleaned


class TableForm(WagtailAdminModelForm):
    """A host must take part in the table's own event."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        host = self.fields.get("host")
        if host is not None:
            host.queryset = host.queryset.select_related(
                "registration__user__organisation"
            )
            event = event_of(self.instance)
            if event is not None:
                host.queryset = host.queryset.filter(event=event)

    def clean(self):
        cleaned = super().clean()
        event, host = cleaned.get("event"), cleaned.get("host")
        if event is not None and host is not None and host.event_id != event.pk:
            self.add_error("host", _("The host takes part in another event."))
        return cleaned
