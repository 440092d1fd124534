"""The Wagtail admin lists' "Download CSV / XLSX" through `events.exports`.

Wagtail's own export writes times in UTC, amounts as text and CSV without a
byte-order mark. A viewset with `SheetExportMixin` says what its sheet holds in
`export_sheet(queryset)` instead; the list's filters and the organiser's scope
still choose the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import IndexView

from events import exports
from events.exports import DATETIME, Column
from events.localtime import naive_local
from events.models import Session, SessionSpeaker


class SheetIndexView(IndexView):
    export_sheet: Callable | None = None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        sheet, filename = self.export_sheet(queryset)
        return exports.export_response(sheet, fmt=spreadsheet_format, filename=filename)


class SheetExportMixin:
    """For a snippet viewset: `export_sheet(queryset)` → (Sheet, file name)."""

    index_view_class = SheetIndexView
    # Wagtail shows its download buttons for a non-empty list_export; the
    # columns themselves are export_sheet's.
    list_export = ["export_sheet"]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(export_sheet=self.export_sheet, **kwargs)

    def export_sheet(self, queryset) -> tuple[exports.Sheet, str]:
        raise NotImplementedError


def event_sheet(
    objects: Sequence,
    *,
    name: str,
    title: str,
    columns: Sequence[Column],
    row: Callable[[object, Callable], list],
) -> tuple[exports.Sheet, str]:
    """A sheet of rows that each belong to an event (`obj.event`). Times go on the
    event's clock: named in the heading when the rows share a zone, else each row
    on its own event's (the heading then says "local time"). The file is named
    after the event when there is one ("kic-2027-sessions")."""
    events = {obj.event.pk: obj.event for obj in objects}.values()
    zone = exports.shared_zone(events)

    def moment_for(obj):
        def moment(value):
            if value is None or zone is not None:
                return value
            return naive_local(value, obj.event)

        return moment

    rows = [row(obj, moment_for(obj)) for obj in objects]
    slugs = [e.slug for e in events]
    filename = f"{slugs[0]}-{name}" if len(slugs) == 1 else name
    sheet = exports.Sheet(title=title, columns=columns, rows=rows, zone=zone)
    return sheet, filename


SESSION_COLUMNS = [
    Column(_("Event")),
    Column(_("Title (English)")),
    Column(_("Title (Korean)")),
    Column(_("Kind")),
    Column(_("Start"), DATETIME),
    Column(_("End"), DATETIME),
    Column(_("Room (English)")),
    Column(_("Room (Korean)")),
    Column(_("Track")),
    Column(_("Speakers")),
    Column(_("Speakers (Korean names)")),
    Column(_("Language")),
    Column(_("Capacity")),
]


def _joined(values: Iterable[str]) -> str:
    return "; ".join(v for v in values if v)


def _session_row(session: Session, moment) -> list:
    people = [link.speaker.user for link in session.session_speakers.all()]
    room = session.room
    return [
        session.event.name,
        session.title_en,
        session.title_ko,
        session.get_kind_display(),
        moment(session.start),
        moment(session.end),
        room.name_en if room else "",
        room.name_ko if room else "",
        session.track.name if session.track else "",
        _joined(p.get_full_name() or p.email for p in people),
        _joined(p.name_ko for p in people),
        session.get_language_display(),
        session.capacity,
    ]


def session_sheet(queryset) -> tuple[exports.Sheet, str]:
    """The agenda as its organisers plan it: event, both titles, local times,
    both room names and the speakers in English and Korean. Four queries."""
    speakers = SessionSpeaker.objects.select_related("speaker__user").order_by(
        "order", "id"
    )
    sessions = list(
        queryset.select_related("event", "room", "track").prefetch_related(
            Prefetch("session_speakers", queryset=speakers)
        )
    )
    return event_sheet(
        sessions,
        name="sessions",
        title=_("Sessions"),
        columns=SESSION_COLUMNS,
        row=_session_row,
    )
