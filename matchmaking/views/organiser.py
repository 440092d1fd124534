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

from events import confirm, exports
from events.authority import is_organiser
from events.models import Event
from matchmaking import selectors, services
from matchmaking.enums import RunStatus
from matchmaking.forms import ImportForm, MustMeetForm, RunForm
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


@login_required
def schedule(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.schedule_run_start(
                event=event, user=request.user, **form.cleaned_data
            )
        except PartneringError as exc:
            messages.error(request, str(exc))
        else:
            return redirect(_schedule_url(slug, run.pk))
    run_id = request.GET.get("run", "")
    run = (
        _run(event, int(run_id))
        if run_id.isdigit()
        else _alive(selectors.run_latest(event=event))
    )
    review = None
    if run is not None and run.solution.get("assignments"):
        review = selectors.run_review(run=run)
    context = {
        "event": event,
        "form": form,
        "run": run,
        "progress": progress_of(run) if run else None,
        "review": review,
        "runs": event.schedule_runs.all()[:10],
        "import_form": ImportForm(),
    }
    return render(request, "matchmaking/schedule.html", context)


@login_required
def run_progress(request: HttpRequest, slug: str, run_id: int) -> JsonResponse:
    event = _organised(request, slug)
    return JsonResponse(progress_of(_run(event, run_id)))


def _publish_details(run: ScheduleRun) -> list[str]:
    """What publishing this draft does, in counts (issue 17 adds the diff)."""
    review = selectors.run_review(run=run)
    scheduled, unscheduled = len(review.scheduled), len(review.unscheduled)
    moved, people = len(review.moved), len(review.load)
    return [
        ngettext(
            "%(n)s meeting gets its slot and table.",
            "%(n)s meetings get their slot and table.",
            scheduled,
        )
        % {"n": scheduled},
        ngettext(
            "%(n)s meeting stays unscheduled.",
            "%(n)s meetings stay unscheduled.",
            unscheduled,
        )
        % {"n": unscheduled},
        ngettext(
            "%(n)s meeting moves from the published schedule.",
            "%(n)s meetings move from the published schedule.",
            moved,
        )
        % {"n": moved},
        ngettext(
            "%(n)s participant is notified.", "%(n)s participants are notified.", people
        )
        % {"n": people},
    ]


@login_required
def run_publish(request: HttpRequest, slug: str, run_id: int) -> HttpResponse:
    """Asked first (`events.confirm`), with what changes for how many."""
    event = _organised(request, slug)
    run = _run(event, run_id)
    back = _schedule_url(slug, run_id)
    if run.status != RunStatus.DRAFT:
        messages.error(request, _("Only a draft schedule can be published."))
        return redirect(back)
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Publish run %(id)s as the meeting schedule of %(event)s?")
            % {"id": run.pk, "event": event.name},
            details=_publish_details(run),
            warning=_(
                "It replaces the published schedule, and participants are told at once."
            ),
            confirm_label=_("Publish the schedule"),
            back_url=back,
            state=run.status,
        )
    try:
        services.schedule_publish(run=run, user=request.user)
    except PartneringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The schedule is published."))
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
