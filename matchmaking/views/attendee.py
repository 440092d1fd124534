"""Participants' partnering pages: thin views over `services` and `selectors`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config import confirm
from events import selectors as event_selectors
from events.authority import is_organiser
from events.enums import OrganisationKind
from events.localtime import local_text
from events.models import Event
from matchmaking import selectors, services
from matchmaking.enums import MeetingStatus, RequestStatus, TagCategory
from matchmaking.forms import (
    ColleagueForm,
    DeclineForm,
    FeedbackForm,
    ProfileForm,
    ProposeForm,
    RequestForm,
)
from matchmaking.models import Participant, Tag
from matchmaking.models.meetings import CHECK_IN_OPENS_BEFORE
from matchmaking.services import PartneringError
from registration.models import Registration


def _event(request: HttpRequest, slug: str) -> Event:
    visible = event_selectors.event_list_visible(user=request.user)
    return get_object_or_404(visible.filter(partnering__isnull=False), slug=slug)


def _me(request: HttpRequest, event: Event) -> Participant | None:
    try:
        me = selectors.participant_get_for_user(event=event, user=request.user)
    except Participant.DoesNotExist:
        return None
    return me if me.is_active else None


def _base(request: HttpRequest, event: Event, me: Participant | None) -> dict:
    return {
        "event": event,
        "me": me,
        "is_organiser": is_organiser(user=request.user, event=event),
        "tz": (me.timezone if me and me.timezone else event.timezone),
        "unread": selectors.notification_unread_count(user=request.user, event=event),
    }


def _viewer(request: HttpRequest, slug: str) -> tuple[Event, Participant | None, dict]:
    """The event, the visitor's participant and the page context, for pages only
    participants and organisers see (anyone else: 404)."""
    event = _event(request, slug)
    me = _me(request, event)
    context = _base(request, event, me)
    if me is None and not context["is_organiser"]:
        raise Http404
    return event, me, context


def _registration(request: HttpRequest, event: Event) -> Registration | None:
    """The signed-in person's registration for `event`, with its order."""
    registrations = Registration.objects.filter(event=event, user=request.user)
    return registrations.select_related("order").first()


@login_required
def directory(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    me = _me(request, event)
    context = _base(request, event, me)
    if me is None and not context["is_organiser"]:
        context["registration"] = _registration(request, event)
        return render(request, "matchmaking/join.html", context)
    chosen = request.GET.getlist("tag")
    profiles = selectors.participant_list_visible(
        viewer=me,
        event=event,
        q=request.GET.get("q", "").strip(),
        tags=chosen,
        kind=request.GET.get("kind", ""),
    )
    facets = selectors.directory_facets(profiles=profiles)
    context |= {
        "page": Paginator(profiles, 30).get_page(request.GET.get("page")),
        "facet_groups": [
            (TagCategory(category).label, tags)
            for category, tags in facets["tags"].items()
        ],
        "kinds": [
            (
                kind,
                OrganisationKind(kind).label
                if kind in OrganisationKind.values
                else kind,
                n,
            )
            for kind, n in facets["kinds"].items()
        ],
        "meets_nobody": me is not None and selectors.participant_meets_nobody(me),
        "chosen": chosen,
        "q": request.GET.get("q", ""),
        "kind": request.GET.get("kind", ""),
        "recommendations": selectors.recommendation_list(viewer=me, limit=5)
        if me
        else [],
    }
    return render(request, "matchmaking/directory.html", context)


@login_required
def profile(request: HttpRequest, slug: str, participant_id: int) -> HttpResponse:
    event, me, context = _viewer(request, slug)
    try:
        other = selectors.participant_get_visible(
            viewer=me, event=event, participant_id=participant_id
        )
    except Participant.DoesNotExist as exc:
        raise Http404 from exc
    form = RequestForm(request.POST or None)
    if request.method == "POST" and me is not None and form.is_valid():
        try:
            services.meeting_request_send(
                sender=me, recipient=other, **form.cleaned_data
            )
        except PartneringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your request was sent."))
            return redirect("matchmaking:my_requests", slug=slug)
    earlier = (
        selectors.request_between(me=me, other=other)
        if me is not None and me.pk != other.pk
        else None
    )
    context |= {"other": other, "form": form, "earlier": earlier}
    return render(request, "matchmaking/profile.html", context)


@login_required
def my_profile(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    registration = _registration(request, event)
    if registration is None:
        messages.error(request, _("Register for the event first."))
        return redirect("registration:register", slug=slug)
    me = getattr(registration, "participant", None)
    form = ProfileForm(
        request.POST or None, initial=ProfileForm.initial_for(me), event=event
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_join(registration=registration, **form.cleaned_data)
        except PartneringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your partnering profile is saved."))
            return redirect("matchmaking:directory", slug=slug)
    org = request.user.organisation
    context = _base(request, event, me) | {
        "form": form,
        "tags": Tag.objects.all(),
        "organisation": org,
        "organisation_profile": selectors.organisation_profile_for(organisation=org)
        if org
        else None,
    }
    return render(request, "matchmaking/my_profile.html", context)


def _participant_or_404(request: HttpRequest, event: Event) -> Participant:
    me = _me(request, event)
    if me is None:
        raise Http404
    return me


@login_required
def my_requests(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    me = _participant_or_404(request, event)
    context = _base(request, event, me) | {
        "received": selectors.request_list_for(participant=me, box="received"),
        "sent": selectors.request_list_for(participant=me, box="sent"),
        "propose_form": ProposeForm(event=event),
        "decline_form": DeclineForm(),
        "S": RequestStatus,
    }
    return render(request, "matchmaking/my_requests.html", context)


@require_POST
@login_required
def request_action(
    request: HttpRequest, slug: str, request_id: int, action: str
) -> HttpResponse:
    event = _event(request, slug)
    me = _participant_or_404(request, event)
    try:
        meeting_request = selectors.request_get_for(
            participant=me, request_id=request_id
        )
    except ObjectDoesNotExist as exc:  # not theirs: it is not there
        raise Http404 from exc
    if action == "cancel" and not confirm.confirmed(request, meeting_request.status):
        return _cancel_step(request, slug, me, meeting_request)
    user = request.user
    try:
        if action == "accept":
            services.meeting_request_accept(request=meeting_request, user=user)
        elif action == "decline":
            reason = DeclineForm(request.POST)
            reason.is_valid()
            services.meeting_request_decline(
                request=meeting_request,
                user=user,
                reason=reason.cleaned_data.get("reason", ""),
            )
        elif action == "cancel":
            services.meeting_request_cancel(request=meeting_request, user=user)
        elif action == "propose":
            form = ProposeForm(request.POST, event=event)
            if not form.is_valid():
                raise PartneringError(_("Choose a time to propose."), 400)
            services.meeting_request_propose(
                request=meeting_request, user=user, slot=form.cleaned_data["slot"]
            )
        else:
            raise Http404
    except PartneringError as exc:
        messages.error(request, str(exc))
    return redirect("matchmaking:my_requests", slug=slug)


def _cancel_step(request: HttpRequest, slug: str, me, meeting_request) -> HttpResponse:
    """Cancelling asks first (`config.confirm`); a stale page (the other side
    answered meanwhile) does nothing."""
    back = reverse("matchmaking:my_requests", kwargs={"slug": slug})
    if confirm.asked(request):
        confirm.stale_message(request, _("The meeting request"))
        return redirect(back)
    other = (
        meeting_request.recipient
        if meeting_request.sender_id == me.pk
        else meeting_request.sender
    )
    values = {"name": other.user, "organisation": other.organisation}
    if meeting_request.status == RequestStatus.ACCEPTED:
        question = _("Cancel your meeting with %(name)s (%(organisation)s)?") % values
        label = _("Cancel the meeting")
    else:
        question = _(
            "Withdraw your meeting request to %(name)s (%(organisation)s)?"
        ) % (values)
        label = _("Withdraw the request")
    return confirm.confirm_page(
        request,
        question=question,
        warning=_(
            "They are told at once, and the time is freed. This cannot be undone."
        ),
        confirm_label=label,
        back_url=back,
        state=meeting_request.status,
    )


@login_required
def my_meetings(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    me = _participant_or_404(request, event)
    meetings = selectors.meeting_list_for(participant=me)
    colleagues = (
        Participant.objects.filter(
            event=event,
            is_active=True,
            registration__user__organisation=me.organisation,
        )
        .exclude(pk=me.pk)
        .select_related("registration__user")
    )
    context = _base(request, event, me) | {
        "meetings": meetings,
        "notifications": selectors.notification_list_for(
            user=request.user, event=event, unread=True
        )[:5],
        "feedback_form": FeedbackForm(),
        "colleague_form": ColleagueForm(colleagues=colleagues)
        if me.organisation
        else None,
        "M": MeetingStatus,
        "check_in_minutes": int(CHECK_IN_OPENS_BEFORE.total_seconds() // 60),
    }
    return render(request, "matchmaking/my_meetings.html", context)


@require_POST
@login_required
def meeting_action(
    request: HttpRequest, slug: str, meeting_id: int, action: str
) -> HttpResponse:
    event = _event(request, slug)
    me = _participant_or_404(request, event)
    try:
        meeting = selectors.meeting_get_for(participant=me, meeting_id=meeting_id)
    except ObjectDoesNotExist as exc:  # not theirs: it is not there
        raise Http404 from exc
    # Outside the check-in window the service refuses, so nothing to confirm.
    if (
        action == "no-show"
        and meeting.check_in_open
        and not confirm.confirmed(request, meeting.status)
    ):
        return _no_show_step(request, event, me, meeting)
    try:
        _meeting_action(request, event, me, meeting, action)
    except PartneringError as exc:
        messages.error(request, str(exc))
    return redirect(reverse("matchmaking:my_meetings", kwargs={"slug": slug}))


def _no_show_step(request: HttpRequest, event, me, meeting) -> HttpResponse:
    """Marking a no-show asks first, naming the meeting (who, when on the clock
    the page shows, where): it cannot be taken back. A stale page (checked in or
    marked meanwhile) is refused by the service or was already done."""
    back = reverse("matchmaking:my_meetings", kwargs={"slug": event.slug})
    if confirm.asked(request):
        confirm.stale_message(request, _("The meeting"))
        return redirect(back)
    when = local_text(meeting.slot.start, me.timezone or event)
    return confirm.confirm_page(
        request,
        question=_("Mark your meeting with %(names)s as a no-show?")
        % {"names": meeting.counterparts_text(me)},
        details=[
            _("%(when)s at %(table)s") % {"when": when, "table": meeting.table or "-"},
            _("It counts as not held: no check-in or feedback afterwards."),
        ],
        warning=_("This cannot be undone."),
        confirm_label=_("Mark no-show"),
        back_url=back,
        state=meeting.status,
    )


def _meeting_action(request, event, me, meeting, action) -> None:
    user = request.user
    names = {"names": meeting.counterparts_text(me)}
    if action == "check-in":
        services.meeting_check_in(meeting=meeting, user=user)
        messages.success(
            request, _("Checked in: your meeting with %(names)s is held.") % names
        )
    elif action == "no-show":
        services.meeting_no_show(meeting=meeting, user=user)
        messages.success(
            request,
            _("Recorded: your meeting with %(names)s is a no-show.") % names,
        )
    elif action == "feedback":
        form = FeedbackForm(request.POST)
        if not form.is_valid():
            raise PartneringError(
                _("Choose the meeting's outcome: your feedback is not saved yet."),
                400,
            )
        services.meeting_feedback_record(
            meeting=meeting, user=user, **form.cleaned_data
        )
        messages.success(request, _("Thank you: your feedback is saved."))
    elif action == "colleague":
        colleagues = Participant.objects.filter(event=event, is_active=True)
        form = ColleagueForm(request.POST, colleagues=colleagues)
        if not form.is_valid():
            raise PartneringError(_("Choose a colleague."), 400)
        services.meeting_colleague_add(
            meeting=meeting, user=user, colleague=form.cleaned_data["colleague"]
        )
    else:
        raise Http404
