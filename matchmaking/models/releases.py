"""Releases of the published meeting schedule, and the words for one person's changes.

A release is each time the published schedule changed: a run published, or one
meeting moved or cancelled by hand. It keeps who did it, when, and the counts the
organiser confirmed. A person told gets their own changes as `changes` in the
notification's params (`change_entry`), written when read or mailed, in the reader's
language and on the event's clock (`change_lines`, `change_subject`).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from events.dates import date_text
from events.localtime import zone_label
from matchmaking.enums import ChangeKind, ReleaseKind


class ScheduleRelease(models.Model):
    """One change of the published schedule, as the organiser confirmed it."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="schedule_releases",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=ReleaseKind.choices, default="schedule"
    )
    run = models.ForeignKey(
        "matchmaking.ScheduleRun",
        verbose_name=_("run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    scheduled = models.PositiveIntegerField(_("meetings in the schedule"), default=0)
    moved = models.PositiveIntegerField(_("moved"), default=0)
    added = models.PositiveIntegerField(_("added"), default=0)
    unscheduled = models.PositiveIntegerField(_("taken off"), default=0)
    cancelled = models.PositiveIntegerField(_("cancelled"), default=0)
    people_told = models.PositiveIntegerField(_("people told"), default=0)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("schedule release")
        verbose_name_plural = _("schedule releases")

    def __str__(self) -> str:
        return f"{self.event} · {self.get_kind_display()} · {self.pk}"


def person_names(user) -> dict[str, str]:
    """ "Name (Organisation)" in every site language, kept in a notification so it
    reads in its reader's language without a query."""
    out = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            org = user.organisation
            name = user.display_name(code)
            out[code] = f"{name} ({org})" if org else name
    return out


def _place(slot, table) -> dict | None:
    if slot is None:
        return None
    return {"start": slot.start.isoformat(), "table": table.number if table else None}


def change_entry(*, kind: str, others, old, new) -> dict:
    """One meeting's change for one person: `others` are the counterparts (users),
    `old` and `new` (slot, table) pairs, either (None, None)."""
    return {
        "kind": kind,
        "with": [person_names(u) for u in others],
        "old": _place(*old),
        "new": _place(*new),
    }


def when_text(iso: str, zone) -> str:
    """ "Tue 16 Mar 10:00 KST" ("3월 16일 (화) 10:00 KST") in the active language,
    on the event's clock."""
    moment = dt.datetime.fromisoformat(iso)
    return f"{date_text(moment, 'DAY_TIME_FORMAT', zone)} {zone_label(moment, zone)}"


def _where(place: dict | None, zone) -> str:
    if not place:
        return ""
    when = when_text(place["start"], zone)
    if place.get("table") is None:
        return when
    table = gettext("Table %(number)s") % {"number": place["table"]}
    return gettext("%(when)s at %(table)s") % {"when": when, "table": table}


def _with(change: dict) -> str:
    language = translation.get_language() or settings.LANGUAGE_CODE
    names = [n.get(language) or n.get("en") or "" for n in change.get("with", [])]
    return ", ".join(names) or "-"


def change_line(change: dict, zone) -> str:
    """One change in the active language."""
    values = {
        "with": _with(change),
        "old": _where(change.get("old"), zone),
        "new": _where(change.get("new"), zone),
    }
    texts = {
        ChangeKind.MOVED: gettext(
            "Your meeting with %(with)s moves from %(old)s to %(new)s."
        ),
        ChangeKind.ADDED: gettext("Your meeting with %(with)s is on %(new)s."),
        ChangeKind.UNSCHEDULED: gettext(
            "Your meeting with %(with)s on %(old)s is no longer in the schedule."
        ),
        ChangeKind.CANCELLED: gettext(
            "The organisers cancelled your meeting with %(with)s on %(old)s."
        ),
    }
    return texts.get(change.get("kind"), texts[ChangeKind.MOVED]) % values


def change_lines(changes: list[dict], zone) -> list[str]:
    return [change_line(c, zone) for c in changes]


def change_subject(changes: list[dict], event) -> str:
    """What happened, in a few words: the one change, or how many."""
    values = {"event": event.name}
    if len(changes) != 1:
        n = len(changes)
        return ngettext(
            "%(event)s: %(n)s change to your meeting schedule",
            "%(event)s: %(n)s changes to your meeting schedule",
            n,
        ) % {**values, "n": n}
    change = changes[0]
    values["with"] = _with(change)
    if change.get("new"):
        values["when"] = when_text(change["new"]["start"], event)
    texts = {
        ChangeKind.MOVED: gettext(
            "%(event)s: your meeting with %(with)s moves to %(when)s"
        ),
        ChangeKind.ADDED: gettext(
            "%(event)s: your meeting with %(with)s is on %(when)s"
        ),
        ChangeKind.UNSCHEDULED: gettext(
            "%(event)s: your meeting with %(with)s is off the schedule"
        ),
        ChangeKind.CANCELLED: gettext(
            "%(event)s: your meeting with %(with)s is cancelled"
        ),
    }
    return texts.get(change.get("kind"), texts[ChangeKind.MOVED]) % values
