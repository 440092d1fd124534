"""Delegation pages for companies, reviewers and delegates: thin views over
`delegations.services` and `delegations.selectors`.

Another company's application, or a review assigned to someone else, is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from config import confirm
from delegations import selectors, services
from delegations.enums import ApplicationStatus
from delegations.forms import (
    ApplicationForm,
    DocumentForm,
    MeetingOutcomeForm,
    ProgrammeReportForm,
    ReviewForm,
    TrialForm,
    delegate_formset,
)
from delegations.models import DelegationApplication
from delegations.pdf import handbook_filename, handbook_pdf
from events.localtime import local_text


def _application(request: HttpRequest, pk: int) -> DelegationApplication:
    try:
        return selectors.application_get_for_applicant(user=request.user, pk=pk)
    except DelegationApplication.DoesNotExist:
        raise Http404(_("No such application.")) from None


def _programme(slug: str):
    try:
        return selectors.programme_get(slug=slug)
    except selectors.DelegationProgramme.DoesNotExist:
        raise Http404(_("No such programme.")) from None


def _refused(request: HttpRequest, exc: services.DelegationError) -> None:
    messages.error(request, str(exc))


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list_open(now=timezone.now()),
        "applications": selectors.application_list_for_applicant(user=request.user),
        "delegations": selectors.delegate_list_for_user(user=request.user),
    }
    return render(request, "delegations/programme_list.html", context)


@login_required
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    """Start the company's application, or go to the one it already has."""
    programme = _programme(slug)
    existing = selectors.application_find_for_company(
        programme=programme, user=request.user
    )
    if existing is not None:
        return redirect("delegation:application_detail", pk=existing.pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_save_draft(
                programme=programme, user=request.user, **form.cleaned_data
            )
        except services.DelegationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Draft saved. Add documents, then submit."))
            return redirect("delegation:application_detail", pk=application.pk)
    context = {"programme": programme, "form": form}
    return render(request, "delegations/apply.html", context)


@login_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    programme = application.programme
    editable = (
        application.status == ApplicationStatus.DRAFT
        and timezone.now() < programme.application_deadline
    )
    form = ApplicationForm(request.POST or None, instance=application)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.application_save_draft(
                programme=programme,
                user=request.user,
                application=application,
                **form.cleaned_data,
            )
        except services.DelegationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Draft saved."))
            return redirect("delegation:application_detail", pk=pk)
    context = {
        "application": application,
        "programme": programme,
        "form": form,
        "document_form": DocumentForm(),
        "editable": editable,
    }
    return render(request, "delegations/application_detail.html", context)


@login_required
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Asked first (`config.confirm`): a submitted application cannot be edited."""
    application = _application(request, pk)
    back = reverse("delegation:application_detail", kwargs={"pk": pk})
    if application.status != ApplicationStatus.DRAFT:
        messages.error(request, _("This application has already been submitted."))
        return redirect(back)
    programme = application.programme
    if not confirm.asked(request):
        documents = application.documents.count()
        deadline = local_text(programme.application_deadline, selectors.HOME)
        return confirm.confirm_page(
            request,
            question=_("Submit the application of %(company)s to %(programme)s?")
            % {
                "company": application.organisation.name,
                "programme": programme.event.name,
            },
            details=[
                ngettext(
                    "%(n)s document attached.", "%(n)s documents attached.", documents
                )
                % {"n": documents},
                _("Deadline: %(deadline)s.") % {"deadline": deadline},
            ],
            warning=_(
                "After submitting you cannot edit the application or its documents."
            ),
            confirm_label=_("Submit the application"),
            back_url=back,
            state=application.status,
        )
    try:
        services.application_submit(application=application, user=request.user)
    except services.DelegationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Application submitted. Thank you."))
    return redirect(back)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("delegation:application_detail", pk=pk)
    try:
        services.document_add(
            application=application,
            user=request.user,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
        )
    except services.DelegationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Document added."))
    return redirect("delegation:application_detail", pk=pk)


@login_required
def document_delete(request: HttpRequest, pk: int, document_id: int) -> HttpResponse:
    application = _application(request, pk)
    back = reverse("delegation:application_detail", kwargs={"pk": pk})
    document = application.documents.filter(pk=document_id).first()
    if document is None:
        messages.error(request, _("That document is already removed."))
        return redirect(back)
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Remove “%(title)s” from the application?")
            % {"title": document.title},
            warning=_("The file is deleted; upload it again to get it back."),
            confirm_label=_("Remove the document"),
            back_url=back,
        )
    try:
        services.document_remove(document=document, user=request.user)
    except services.DelegationError as exc:
        _refused(request, exc)
    return redirect(back)


@login_required
def document_download(request: HttpRequest, pk: int, document_id: int):
    """For the company, the application's reviewers and the organisers."""
    application = selectors.application_visible_get(user=request.user, pk=pk)
    if application is None:
        raise Http404(_("No such application."))
    document = get_object_or_404(application.documents, pk=document_id)
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.file.name.rsplit("/", 1)[-1],
    )


@login_required
def application_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if application.status != ApplicationStatus.ACCEPTED:
        return redirect("delegation:application_detail", pk=pk)
    formset_class = delegate_formset(limit=application.programme.delegates_per_company)
    me = request.user
    initial = [
        {
            "email": me.email,
            "first_name": me.first_name,
            "last_name": me.last_name,
            "name_ko": me.name_ko,
            "job_title": me.job_title,
            "role": "lead",
        }
    ]
    formset = formset_class(request.POST or None, initial=initial, prefix="delegate")
    if request.method == "POST" and formset.is_valid():
        try:
            services.application_confirm(
                application=application, user=me, delegates=formset.people()
            )
        except services.DelegationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Your place is confirmed. Welcome aboard!"))
            return redirect("delegation:application_detail", pk=pk)
    context = {"application": application, "formset": formset}
    return render(request, "delegations/confirm.html", context)


def _outcome_forms(request: HttpRequest, application: DelegationApplication):
    """The three forms of the report page, the posted one bound."""
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form") if posted else None
    meetings = selectors.company_meetings(application=application)
    forms = {
        "meeting": MeetingOutcomeForm(
            posted if which == "meeting" else None, meetings=meetings
        ),
        "trial": TrialForm(
            posted if which == "trial" else None, application=application
        ),
        "report": ProgrammeReportForm(
            posted if which == "report" else None,
            instance=getattr(application, "report", None),
        ),
    }
    return forms, which


def _outcome_save(request, application, which: str, form) -> None:
    fields = {"application": application, "user": request.user}
    if which == "meeting":
        services.meeting_outcome_report(**fields, **form.report_fields())
    elif which == "trial":
        services.trial_save(**fields, **form.cleaned_data)
    else:
        services.programme_report_save(**fields, **form.cleaned_data)


@login_required
def outcomes_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A member company records its meetings' outcomes (tied to the meetings
    they came from), the trials it attracted and its overall results."""
    application = _application(request, pk)
    forms, which = _outcome_forms(request, application)
    form = forms.get(which)
    if form is not None and form.is_valid():
        try:
            _outcome_save(request, application, which, form)
        except services.DelegationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you: recorded."))
            return redirect("delegation:outcomes_report", pk=pk)
    event = application.programme.event
    context = {
        "application": application,
        "event": event,
        "outcomes": [
            (o, selectors.outcome_label(o, event))
            for o in selectors.outcome_list(application=application)
        ],
        "trials": selectors.trial_list(application=application),
        "report": getattr(application, "report", None),
        "meeting_form": forms["meeting"],
        "trial_form": forms["trial"],
        "report_form": forms["report"],
    }
    return render(request, "delegations/outcomes_report.html", context)


@login_required
def trial_delete(request: HttpRequest, pk: int, trial_id: int) -> HttpResponse:
    """Asked first (`config.confirm`): the trial leaves the ministry's report."""
    application = _application(request, pk)
    back = reverse("delegation:outcomes_report", kwargs={"pk": pk})
    trial = application.trials.filter(pk=trial_id).first()
    if trial is None:
        messages.error(request, _("That trial is already removed."))
        return redirect(back)
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Remove “%(title)s” (%(sponsor)s) from your trials?")
            % {"title": trial.title, "sponsor": trial.sponsor},
            warning=_("It no longer counts in the ministry's report."),
            confirm_label=_("Remove the trial"),
            back_url=back,
            state=str(trial.pk),
        )
    if not confirm.confirmed(request, str(trial.pk)):
        confirm.stale_message(request, trial.title)
        return redirect(back)
    try:
        services.trial_remove(trial=trial, user=request.user)
    except services.DelegationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Trial removed."))
    return redirect(back)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    reviews = selectors.review_list_for_reviewer(user=request.user)
    return render(request, "delegations/review_list.html", {"reviews": reviews})


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        review = selectors.review_get_for_reviewer(user=request.user, pk=pk)
    except selectors.ApplicationReview.DoesNotExist:
        raise Http404(_("No such review.")) from None
    initial = {f: getattr(review, f) for f in ("fit", "readiness", "potential")}
    initial["comment"] = review.comment
    form = ReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_score(review=review, user=request.user, **form.cleaned_data)
        except services.DelegationError as exc:
            _refused(request, exc)
        else:
            messages.success(request, _("Scores saved."))
            return redirect("delegation:review_list")
    context = {"review": review, "application": review.application, "form": form}
    return render(request, "delegations/review_detail.html", context)


@login_required
def itinerary(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegate's own itinerary; organisers see everyone's."""
    programme = _programme(slug)
    event = programme.event
    delegate = selectors.delegate_find_for_user(user=request.user, programme=programme)
    organiser = selectors.is_organiser(user=request.user, event=event)
    if delegate is None and not organiser:
        raise Http404(_("You are not a delegate of this programme."))
    sessions = selectors.itinerary_sessions(event=event, delegate=delegate)
    meetings = selectors.delegate_meeting_rows(event=event, delegate=delegate)
    context = {
        "programme": programme,
        "event": event,
        "delegate": delegate,
        "days": selectors.itinerary_day_entries(
            event=event, sessions=sessions, meetings=meetings
        ),
        "meetings": meetings,
        "roster": selectors.roster(programme=programme),
    }
    return render(request, "delegations/itinerary.html", context)


@login_required
def handbook(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _programme(slug)
    delegate = selectors.delegate_find_for_user(user=request.user, programme=programme)
    if delegate is None and not selectors.is_organiser(
        user=request.user, event=programme.event
    ):
        raise Http404(_("You are not a delegate of this programme."))
    pdf = handbook_pdf(programme=programme, delegate=delegate)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = handbook_filename(programme)
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
