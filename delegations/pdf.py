"""The delegation handbook (reportlab platypus): itinerary, roster, contacts and
venue notes, printable on A4.

Set in NanumSquare, registered by `typeset` with the site's other PDFs, which
also covers Latin script, so Korean and English names mix on one line. Times are the host city's, with Korea time beside them.
"""

import io
from xml.sax.saxutils import escape

from django.utils.text import slugify
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import KeepTogether

from config import typeset
from delegations import selectors
from delegations.models import Delegate, DelegationProgramme
from events.dates import date_text

FONT, BOLD = typeset.HANGUL, typeset.HANGUL_BOLD


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    return {
        "body": base,
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=20, leading=25),
        "h2": ParagraphStyle(
            "h2", base, fontName=BOLD, fontSize=14, leading=18, spaceBefore=10
        ),
        "h3": ParagraphStyle(
            "h3", base, fontName=BOLD, fontSize=11, leading=14, spaceBefore=6
        ),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
    }


def _p(text, style) -> Paragraph:
    lines = escape(str(text or "")).splitlines() or [""]
    return Paragraph("<br/>".join(lines), style)


TABLE_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef6")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8c959f")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def handbook_filename(programme: DelegationProgramme) -> str:
    return f"{slugify(programme.event.slug)}-handbook.pdf"


def handbook_pdf(
    *, programme: DelegationProgramme, delegate: Delegate | None = None
) -> bytes:
    """The whole delegation's handbook; with `delegate`, their own itinerary."""
    typeset.register_fonts()
    st = _styles()
    event = programme.event
    story = [
        _p(event.name, st["title"]),
        _p(
            f"{programme.host_congress} · {programme.host_city} · "
            f"{date_text(programme.host_start_date, 'MEDIUM_DATE_FORMAT')} – "
            f"{date_text(programme.host_end_date, 'MEDIUM_DATE_FORMAT')}",
            st["body"],
        ),
    ]
    if delegate is not None:
        story.append(
            _p(
                _("Personal itinerary of %(name)s (%(company)s)")
                % {"name": delegate.user, "company": delegate.application.organisation},
                st["body"],
            )
        )
    story += _itinerary(programme, delegate, st)
    story += _roster(programme, st)
    story += _contacts(programme, st)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{event.name} handbook",
        invariant=1,
    )
    doc.build(story)
    return buffer.getvalue()


def _entries(programme, delegate) -> list[tuple]:
    """(start, end, what, where, start in Korea): the items, and with `delegate`
    their scheduled meetings, in time order."""
    event = programme.event
    sessions = selectors.itinerary_sessions(event=event, delegate=delegate)
    entries = [
        (
            r.start,
            r.end,
            f"{r.session.title} ({r.session.get_kind_display()})",
            r.session.room.name if r.session.room else "",
            r.start_korea,
        )
        for r in selectors.itinerary_rows(event=event, sessions=sessions)
    ]
    entries += [
        (
            m.start,
            m.end,
            _("Meeting with %(whom)s") % {"whom": m.with_whom},
            m.where,
            m.start_korea,
        )
        for m in selectors.delegate_meeting_rows(event=event, delegate=delegate)
    ]
    return sorted(entries, key=lambda e: e[0])


def _itinerary(programme, delegate, st) -> list:
    event = programme.event
    out = [
        _p(_("Itinerary"), st["h2"]),
        _p(
            _("Times in %(zone)s; Korea time (KST) in the last column.")
            % {"zone": event.timezone},
            st["body"],
        ),
    ]
    by_day: dict = {}
    for entry in _entries(programme, delegate):
        by_day.setdefault(entry[0].date(), []).append(entry)
    for day, items in by_day.items():
        header = [_("Time"), _("Item"), _("Where"), _("Korea time")]
        data = [header] + [
            [
                f"{start:%H:%M}–{end:%H:%M}",
                _p(what, st["cell"]),
                _p(where, st["cell"]),
                date_text(korea, "MONTH_DAY_TIME_FORMAT"),
            ]
            for start, end, what, where, korea in items
        ]
        table = Table(data, colWidths=[25 * mm, 85 * mm, 45 * mm, 25 * mm])
        table.setStyle(TABLE_STYLE)
        out.append(KeepTogether([_p(date_text(day, "DAY_FORMAT"), st["h3"]), table]))
    if not by_day:
        out.append(_p(_("The itinerary is not published yet."), st["body"]))
    return out


def _bilingual_name(user) -> str:
    """The name as the handbook's language writes it, the other form beside it
    when it differs: "Minji Kim (김민지)", "김민지 (Minji Kim)"."""
    name, korean = user.display_name(), user.name_ko.strip()
    if not korean:
        return name
    other = korean if name != korean else user.display_name("en")
    return f"{name} ({other})" if other != name else name


def _roster(programme, st) -> list:
    out = [_p(_("Member companies and delegates"), st["h2"])]
    data = [[_("Company"), _("Delegate"), _("Role"), _("E-mail")]]
    for member in selectors.roster(programme=programme):
        for d in member.delegates.all():
            name = _bilingual_name(d.user)
            data.append(
                [
                    _p(member.organisation.name, st["cell"]),
                    _p(name, st["cell"]),
                    _p(d.get_role_display(), st["cell"]),
                    _p(d.user.email, st["cell"]),
                ]
            )
    if len(data) == 1:
        return [*out, _p(_("Members are announced after selection."), st["body"])]
    table = Table(data, colWidths=[45 * mm, 45 * mm, 40 * mm, 50 * mm], repeatRows=1)
    table.setStyle(TABLE_STYLE)
    return [*out, table]


def _contacts(programme, st) -> list:
    out = [_p(_("Contacts"), st["h2"])]
    for line in (
        programme.contact_name,
        programme.contact_email,
        programme.contact_phone,
    ):
        if line:
            out.append(_p(line, st["body"]))
    venue = programme.event.venue
    out.append(_p(_("Venue and travel notes"), st["h2"]))
    if venue:
        out.append(_p(f"{venue.name}, {venue.address}", st["body"]))
    out += [Spacer(1, 2 * mm), _p(programme.venue_notes, st["body"])]
    return out
