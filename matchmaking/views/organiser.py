"""Organisers' partnering pages: dashboard, exports, scheduling and its review."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config import confirm
from events import exports
from events.authority import is_organiser
from events.models import Event
from matchmaking import selectors, services
from matchmaking.enums import RunStatus
from matchmaking.forms import FULL, ImportForm, MustMeetForm, RunForm
from matchmaking.models import Participant, ScheduleRun
from matchmaking.services import PartneringError, scheduling
from matchmaking.views.attendee import _event


def _organised(request: HttpRequest, slug: str) -> Event:
    event = _event(request, slug)
    if not is_organiser(user=request.user, event=event):
        raise Http404
    return event


def _participants(event: Event):
    return Participant.objects.filter(event=event, is_active=True).select_related(
        "registration__user__organisation"
    )


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    figures = selectors.dashboard(event=event)
    top = max([r["sent"] for r in figures["by_kind"]] or [1])
    context = {
        "event": event,
        "figures": figures,
        "top": top,
        "must_meet_form": MustMeetForm(participants=_participants(event)),
        "organisations": selectors.organisation_list_visible(viewer=None, event=event),
    }
    return render(request, "matchmaking/dashboard.html", context)


@login_required
def export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    event = _organised(request, slug)
    if fmt not in exports.FORMATS:
        raise Http404
    sheet = exports.Sheet(
        title=_("Meetings"),
        columns=selectors.EXPORT_COLUMNS,
        rows=selectors.meeting_export_rows(event=event),
        zone=event,
    )
    return exports.export_response(sheet, fmt=fmt, filename=f"{event.slug}-meetings")


@require_POST
@login_required
def must_meet(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    form = MustMeetForm(request.POST, participants=_participants(event))
    if form.is_valid():
        try:
            services.meeting_create_by_organiser(
                event=event,
                user=request.user,
                participants=[form.cleaned_data["first"], form.cleaned_data["second"]],
            )
        except PartneringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The meeting is added; run the scheduler."))
    return redirect("matchmaking:dashboard", slug=slug)


def _schedule_url(slug: str, run_id: int) -> str:
    return reverse("matchmaking:schedule", kwargs={"slug": slug}) + f"?run={run_id}"


def _run(event: Event, run_id: int) -> ScheduleRun:
    try:
        return _alive(selectors.run_get(event=event, run_id=run_id))
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _alive(run: ScheduleRun | None) -> ScheduleRun | None:
    """A run whose process died shows as failed. Without Redis there is no periodic
    job to notice it, so the page the organiser watches does (writes only then)."""
    if run is None or run.status != RunStatus.RUNNING:
        return run
    beat = run.heartbeat_at or run.started_at
    if beat and timezone.now() - beat > scheduling.STALE_AFTER:
        scheduling.schedule_run_fail_stale()
        run.refresh_from_db()
    return run


def _words(say, n) -> str:
    """A count in words, plural by the count when it is a whole number."""
    count = n if isinstance(n, int) else 0
    return say(count) % {"n": n}


def _describe(value) -> str | None:
    """An objective or bound in words: a dict by level, or a solver's raw number."""
    if value in (None, {}, ""):
        return None
    if not isinstance(value, dict):
        return str(value)
    words = {
        "scheduled_priority": lambda n: _("priority %(n)s"),
        "breaks": lambda n: ngettext("%(n)s break", "%(n)s breaks", n),
        "table_changes": lambda n: ngettext(
            "%(n)s table change", "%(n)s table changes", n
        ),
    }
    # In the objective's order: PostgreSQL's jsonb does not keep the keys' order.
    known = [_words(words[k], value[k]) for k in words if k in value]
    return ", ".join(known + [f"{k} {v}" for k, v in value.items() if k not in words])


def progress_of(run: ScheduleRun) -> dict:
    """Best so far, bound, time left and a percentage, for the page and its poll."""
    progress = dict(run.progress or {})
    if run.status == RunStatus.RUNNING and run.started_at:
        elapsed = (timezone.now() - run.started_at).total_seconds()
        progress["time_left"] = round(max(0.0, run.time_limit - elapsed), 1)
    left = progress.get("time_left")
    done = run.status not in (RunStatus.QUEUED, RunStatus.RUNNING)
    if done and (run.solution or {}).get("objective"):
        progress["best"] = run.solution["objective"]
        progress["bound"] = run.solution.get("bound") or None
    percent = 100 if done else 0
    if not done and left is not None and run.time_limit:
        percent = round(100 * (1 - left / run.time_limit))
    return {
        "status": run.status,
        "status_display": run.get_status_display(),
        "best": _describe(progress.get("best", progress.get("objective"))),
        "bound": _describe(progress.get("bound")),
        "time_left": left,
        "percent": percent,
        "done": done,
        "error": run.error,
    }


def _start(request: HttpRequest, event: Event, form: RunForm) -> HttpResponse | None:
    """Start a run: a repair at once; a full re-plan of a published schedule only
    once the organiser has confirmed what it may do."""
    full = form.cleaned_data["mode"] == FULL
    published = selectors.schedule_is_published(event=event)
    if full and published and not confirm.asked(request):
        return _confirm_full(request, event, form)
    try:
        run = services.schedule_run_start(
            event=event,
            user=request.user,
            time_limit=form.cleaned_data["time_limit"],
            incremental=not full,
        )
    except PartneringError as exc:
        messages.error(request, str(exc))
        return None
    return redirect(_schedule_url(event.slug, run.pk))


def _confirm_full(request: HttpRequest, event: Event, form: RunForm) -> HttpResponse:
    placed = selectors.meeting_list_for_organiser(event=event).exclude(slot=None)
    n = placed.count()
    return confirm.confirm_page(
        request,
        question=_("Plan the whole meeting schedule of %(event)s again from scratch?")
        % {"event": event.name},
        details=[
            ngettext(
                "%(n)s meeting is published; it may move.",
                "%(n)s meetings are published; any of them may move.",
                n,
            )
            % {"n": n},
            _(
                "You see what moves, and who would be told, before you publish; "
                "nobody is told until then."
            ),
        ],
        warning=_(
            "A full re-plan usually moves most published meetings, and each person "
            "whose meeting moves gets an e-mail when you publish. To change only what "
            "must change, repair the published schedule instead."
        ),
        confirm_label=_("Plan everything again"),
        back_url=reverse("matchmaking:schedule", kwargs={"slug": event.slug}),
        fields=[(name, form.data.get(name)) for name in ("time_limit", "mode")],
        state=str(n),
    )


@login_required
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _start(request, event, form)
        if response is not None:
            return response
    run_id = request.GET.get("run", "")
    run = (
        _run(event, int(run_id))
        if run_id.isdigit()
        else _alive(selectors.run_latest(event=event))
    )
    review = diff = None
    if run is not None and run.solution.get("assignments"):
        review = selectors.run_review(run=run)
    if run is not None and run.status == RunStatus.DRAFT:
        diff = selectors.run_diff(run=run)
    context = {
        "event": event,
        "form": form,
        "run": run,
        "progress": progress_of(run) if run else None,
        "review": review,
        "summary": selectors.run_summary(review=review) if review else "",
        "diff": diff,
        "diff_counts": _diff_counts(diff) if diff else [],
        "runs": event.schedule_runs.all()[:10],
        "releases": selectors.release_list(event=event),
        "import_form": ImportForm(),
    }
    return render(request, "matchmaking/schedule.html", context)


@login_required
def run_progress(request: HttpRequest, slug: str, run_id: int) -> JsonResponse:
    event = _organised(request, slug)
    return JsonResponse(progress_of(_run(event, run_id)))


def _diff_counts(diff: selectors.Diff) -> list[str]:
    """The draft against the published schedule, in counts ("3 meetings move")."""
    c = diff.counts
    return [
        ngettext("%(n)s meeting moves", "%(n)s meetings move", c["moved"])
        % {"n": c["moved"]},
        ngettext(
            "%(n)s meeting gets its first time",
            "%(n)s meetings get their first time",
            c["added"],
        )
        % {"n": c["added"]},
        ngettext(
            "%(n)s meeting leaves the schedule",
            "%(n)s meetings leave the schedule",
            c["unscheduled"],
        )
        % {"n": c["unscheduled"]},
        ngettext(
            "%(n)s meeting was cancelled since the last release (already told)",
            "%(n)s meetings were cancelled since the last release (already told)",
            c["cancelled"],
        )
        % {"n": c["cancelled"]},
    ]


def _headline(diff: selectors.Diff) -> str:
    """ "3 meetings move, 6 people told", the figure the organiser confirms."""
    c = diff.counts
    return _("%(moves)s, %(told)s") % {
        "moves": ngettext("%(n)s meeting moves", "%(n)s meetings move", c["moved"])
        % {"n": c["moved"]},
        "told": ngettext("%(n)s person told", "%(n)s people told", c["people"])
        % {"n": c["people"]},
    }


@login_required
def run_publish(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Asked first (`config.confirm`), with what changes for how many; a page
    that showed other changes than publishing would make does nothing."""
    event = _organised(request, slug)
    run = _run(event, run_id)
    back = _schedule_url(slug, run_id)
    if run.status != RunStatus.DRAFT:
        messages.error(request, _("Only a draft schedule can be published."))
        return redirect(back)
    diff = selectors.run_diff(run=run)
    if not confirm.confirmed(request, diff.state):
        if confirm.asked(request):
            confirm.stale_message(request, _("The published schedule"))
            return redirect(back)
        return confirm.confirm_page(
            request,
            question=_("Publish run %(id)s as the meeting schedule of %(event)s?")
            % {"id": run.pk, "event": event.name},
            title=_headline(diff),
            details=[
                ngettext(
                    "%(n)s meeting in the schedule.",
                    "%(n)s meetings in the schedule.",
                    diff.scheduled,
                )
                % {"n": diff.scheduled},
                *_diff_counts(diff),
            ],
            warning=ngettext(
                "%(n)s person is told at once, by e-mail, of their own changes.",
                "%(n)s people are told at once, by e-mail, each of their own changes.",
                diff.counts["people"],
            )
            % {"n": diff.counts["people"]},
            confirm_label=_("Publish the schedule"),
            back_url=back,
            state=diff.state,
        )
    try:
        services.schedule_publish(run=run, user=request.user)
    except PartneringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The schedule is published: %(what)s.") % {"what": _headline(diff)},
        )
    return redirect(back)


@login_required
def instance_export(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    try:
        data = selectors.schedule_instance(event=event)
    except ValidationError as exc:  # no grid yet: say so
        messages.error(request, " ".join(exc.messages))
        return redirect("matchmaking:schedule", slug=slug)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{event.slug}-instance.json"'
    )
    return response


@require_POST
@login_required
def solution_import(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a solution file."))
        return redirect("matchmaking:schedule", slug=slug)
    try:
        data = json.loads(form.cleaned_data["solution"].read().decode("utf-8"))
        run = services.schedule_import(event=event, user=request.user, data=data)
    except (ValueError, PartneringError) as exc:
        messages.error(request, _("The solution was not imported: %(e)s") % {"e": exc})
        return redirect("matchmaking:schedule", slug=slug)
    return redirect(_schedule_url(slug, run.pk))
