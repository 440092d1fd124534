"""The organiser's meetings: list them by person or day, move one to another time
and table (checked against every rule the scheduler keeps), cancel one (asked
first). The two people are told either way."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from config import confirm
from matchmaking import selectors, services
from matchmaking.forms import MeetingFilterForm, MoveForm
from matchmaking.models import Meeting
from matchmaking.models.releases import when_text
from matchmaking.services import PartneringError
from matchmaking.views.organiser import _organised, _participants

PER_PAGE = 50


def _list_url(request: HttpRequest, slug: str) -> str:
    """Back to the list as the organiser left it (filters, page)."""
    back = request.POST.get("next") or request.GET.get("next") or ""
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts=None):
        return back
    return reverse("matchmaking:organiser_meetings", kwargs={"slug": slug})


@login_required
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised(request, slug)
    form = MeetingFilterForm(
        request.GET or None, event=event, participants=_participants(event)
    )
    chosen = form.cleaned_data if form.is_valid() else {}
    rows = selectors.meeting_list_for_organiser(
        event=event, person=chosen.get("person"), day=chosen.get("day")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "event": event,
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "here": request.get_full_path(),
    }
    return render(request, "matchmaking/organiser_meetings.html", context)


def _meeting(event, meeting_id: int) -> Meeting:
    try:
        return selectors.meeting_list_for_event(event=event).get(pk=meeting_id)
    except Meeting.DoesNotExist as exc:
        raise Http404 from exc


def _names(meeting: Meeting) -> str:
    return " – ".join(str(p) for p in meeting.participants.all())


def _place(meeting: Meeting, event) -> str:
    if meeting.slot is None:
        return _("not scheduled")
    return _("%(when)s at %(table)s") % {
        "when": when_text(meeting.slot.start.isoformat(), event),
        "table": meeting.table or "-",
    }


@login_required
def meeting_move(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    event = _organised(request, slug)
    meeting = _meeting(event, meeting_id)
    initial = {"slot": meeting.slot_id, "table": meeting.table_id}
    form = MoveForm(request.POST or None, event=event, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_move(
                meeting=meeting, user=request.user, **form.cleaned_data
            )
        except PartneringError as exc:
            form.add_error(None, _("Not moved. %(why)s") % {"why": exc})
            status = 400
        else:
            messages.success(
                request, _("The meeting is moved; both people are told by e-mail.")
            )
            return redirect(_list_url(request, slug))
    elif request.method == "POST":
        status = 400
    context = {
        "event": event,
        "meeting": meeting,
        "names": _names(meeting),
        "place": _place(meeting, event),
        "form": form,
        "back": _list_url(request, slug),
    }
    return render(request, "matchmaking/meeting_move.html", context, status=status)


@login_required
def meeting_cancel(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Asked first: whose meeting, when and where, and that both are told."""
    event = _organised(request, slug)
    meeting = _meeting(event, meeting_id)
    back = _list_url(request, slug)
    if not confirm.confirmed(request, meeting.status):
        if confirm.asked(request):
            confirm.stale_message(request, _("The meeting"))
            return redirect(back)
        return confirm.confirm_page(
            request,
            question=_("Cancel the meeting of %(names)s?") % {"names": _names(meeting)},
            details=[
                _place(meeting, event),
                _("Both people are told by e-mail, in their language."),
            ],
            warning=_("This cannot be undone; they may ask to meet again."),
            confirm_label=_("Cancel the meeting"),
            back_url=back,
            fields=[("next", back)],
            state=meeting.status,
        )
    try:
        services.meeting_cancel_by_organiser(meeting=meeting, user=request.user)
    except PartneringError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The meeting is cancelled; both people are told."))
    return redirect(back)
