"""The organiser's figures: requests, acceptance by kind, meetings, outcomes."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from events.exports import DATETIME, Column
from events.models import Event, Organisation
from matchmaking.enums import MeetingStatus, Outcome, RequestStatus
from matchmaking.models import Meeting, MeetingFeedback, MeetingRequest

KIND = "sender__registration__user__organisation__kind"


def dashboard(*, event: Event) -> dict:
    requests = MeetingRequest.objects.filter(event=event)
    by_status = dict(
        requests.values_list("status").annotate(n=Count("pk")).order_by("status")
    )
    by_kind = []
    rows = (
        requests.values(KIND)
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(status=RequestStatus.ACCEPTED)),
            declined=Count("pk", filter=Q(status=RequestStatus.DECLINED)),
        )
        .order_by(KIND)
    )
    for row in rows:
        answered = row["accepted"] + row["declined"]
        rate = round(100 * row["accepted"] / answered) if answered else None
        by_kind.append({**row, "kind": row[KIND] or "-", "rate": rate})
    meetings = Meeting.objects.filter(event=event)
    counts = meetings.aggregate(
        total=Count("pk", filter=~Q(status=MeetingStatus.CANCELLED)),
        scheduled=Count(
            "pk",
            filter=Q(slot__isnull=False) & ~Q(status=MeetingStatus.CANCELLED),
        ),
        held=Count("pk", filter=Q(status=MeetingStatus.HELD)),
        no_show=Count("pk", filter=Q(status=MeetingStatus.NO_SHOW)),
        cancelled=Count("pk", filter=Q(status=MeetingStatus.CANCELLED)),
    )
    outcomes = dict(
        MeetingFeedback.objects.filter(meeting__event=event)
        .values_list("outcome")
        .annotate(n=Count("meeting", distinct=True))
        .order_by("outcome")
    )
    taking_part = Organisation.objects.filter(
        people__registrations__participant__event=event,
        people__registrations__participant__is_active=True,
    ).distinct()
    return {
        "organisations": {
            "taking_part": taking_part.count(),
            "with_profile": taking_part.filter(
                partnering_profile__isnull=False
            ).count(),
        },
        "requests": {s: by_status.get(s, 0) for s in RequestStatus.values},
        "requests_total": sum(by_status.values()),
        "by_kind": by_kind,
        "meetings": counts,
        "outcomes": [
            {"outcome": o, "label": o.label, "n": outcomes.get(o.value, 0)}
            for o in Outcome
        ],
    }


EXPORT_COLUMNS = [
    Column(_("Meeting")),
    Column(_("Status")),
    Column(_("Start"), DATETIME),
    Column(_("Table")),
    Column(_("Participants")),
    Column(_("Participants (Korean names)")),
    Column(_("Organisations")),
    Column(_("Organisations (Korean)")),
    Column(_("Priority")),
    Column(_("Must meet")),
    Column(_("Outcomes")),
]


def _names(values) -> str:
    return "; ".join(v for v in values if v)


def meeting_export_rows(*, event: Event) -> list[list]:
    """One row per meeting for CSV/XLSX (`EXPORT_COLUMNS`): times aware (the
    export puts them on the event's clock), choices by their labels, each name in
    English and in Korean."""
    meetings = (
        Meeting.objects.filter(event=event)
        .select_related("slot", "table")
        .prefetch_related("participants__registration__user__organisation", "feedback")
        .order_by("slot__start", "table__number", "pk")
    )
    outcome_labels = dict(Outcome.choices)
    rows = []
    for m in meetings:
        users = [p.user for p in m.participants.all()]
        orgs = [u.organisation for u in users if u.organisation]
        outcomes = sorted({f.outcome for f in m.feedback.all()})
        rows.append(
            [
                m.pk,
                m.get_status_display(),
                m.slot.start if m.slot else None,
                m.table.code if m.table else "",
                _names(u.display_name("en") for u in users),
                _names(u.display_name("ko") for u in users),
                _names(o.name_en for o in orgs),
                _names(o.name_ko for o in orgs),
                m.get_priority_display(),
                m.required,
                _names(str(outcome_labels.get(o, o)) for o in outcomes),
            ]
        )
    return rows


def partnering_numbers(*, events: list[Event]) -> dict[int, tuple[int, int]]:
    """Per event id: meetings scheduled (not cancelled) and requests waiting for
    an answer, in two queries for all events."""
    numbers = {event.pk: [0, 0] for event in events}
    meetings = (
        Meeting.objects.filter(event__in=events)
        .exclude(status=MeetingStatus.CANCELLED)
        .values("event_id")
        .annotate(n=Count("id"))
    )
    for row in meetings:
        numbers[row["event_id"]][0] = row["n"]
    waiting = (
        MeetingRequest.objects.filter(
            event__in=events,
            status__in=[RequestStatus.PENDING, RequestStatus.PROPOSED],
        )
        .values("event_id")
        .annotate(n=Count("id"))
    )
    for row in waiting:
        numbers[row["event_id"]][1] = row["n"]
    return {pk: (scheduled, pending) for pk, (scheduled, pending) in numbers.items()}
