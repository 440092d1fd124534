"""Organiser pages: the programme's set-up, its itinerary items and who they are
for, applications and their decisions, reviewers, the roster and the outcome
dashboard with its CSV and XLSX exports. Thin views; the services
check that the person organises the programme."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from config import confirm
from delegations import ministry, outcomes, selectors, services
from delegations.enums import ApplicationStatus
from delegations.exports import grouped_bar_svg
from delegations.forms import (
    AssignReviewerForm,
    BulkDecisionForm,
    DecisionForm,
    ItineraryItemForm,
    OutcomeFilterForm,
    ProgrammeSetupForm,
)
from delegations.models import DelegationApplication, DelegationProgramme
from delegations.services import itinerary
from events import exports
from events.localtime import local_text, local_time_text

CHART_METRICS = ["meetings_held", "follow_ups", "cdas_signed", "trials_attracted"]


def _organised(request: HttpRequest, slug: str) -> DelegationProgramme:
    programme = (
        selectors.programme_list_for_organiser(user=request.user)
        .filter(event__slug=slug)
        .first()
    )
    if programme is None:
        raise Http404(_("No such programme."))
    return programme


def _require_any_programme(request: HttpRequest) -> None:
    if not selectors.programme_list_for_organiser(user=request.user).exists():
        raise Http404(_("You organise no delegation programme."))


@login_required
def organiser_home(request: HttpRequest) -> HttpResponse:
    _require_any_programme(request)
    programmes = selectors.programme_list_for_organiser(user=request.user)
    rows = [(p, selectors.places_taken(programme=p)) for p in programmes]
    return render(request, "delegations/organiser_home.html", {"rows": rows})


@login_required
def organiser_programme(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _organised(request, slug)
    status = request.GET.get("status") or None
    if status not in ApplicationStatus.values:
        status = None
    applications = selectors.application_list_for_organiser(
        programme=programme, status=status
    )
    form = BulkDecisionForm(request.POST or None, applications=applications)
    if request.method == "POST" and form.is_valid():
        return _bulk_decide(request, form)
    pending = sum(a.decision_pending_send for a in applications)
    context = {
        "programme": programme,
        "applications": applications,
        "form": form,
        "status": status,
        "statuses": ApplicationStatus.choices,
        "taken": selectors.places_taken(programme=programme),
        "pending_send": pending,
    }
    return render(request, "delegations/organiser_programme.html", context)


def _bulk_decide(request: HttpRequest, form: BulkDecisionForm) -> HttpResponse:
    """Ticked applications, one decision: asked first, with the count and the
    companies (`config.confirm`), then decided one by one."""
    chosen = sorted(form.cleaned_data["applications"], key=lambda a: a.pk)
    status = form.cleaned_data["status"]
    label = ApplicationStatus(status).label
    state = ",".join(f"{a.pk}:{a.status}" for a in chosen)
    if not confirm.asked(request):
        n = len(chosen)
        return confirm.confirm_page(
            request,
            question=ngettext(
                "Decide “%(decision)s” for %(n)s application?",
                "Decide “%(decision)s” for %(n)s applications?",
                n,
            )
            % {"decision": label, "n": n},
            details=[
                f"{a.organisation.name}: {a.get_status_display()} → {label}"
                for a in chosen
            ],
            warning=_("The companies are told only when you e-mail the new decisions."),
            confirm_label=_("Decide"),
            back_url=request.get_full_path(),
            state=state,
            fields=[("status", status)] + [("applications", a.pk) for a in chosen],
        )
    if not confirm.confirmed(request, state):
        confirm.stale_message(request, _("The ticked applications"))
        return redirect(request.get_full_path())
    done = 0
    for application in chosen:
        try:
            services.application_decide(
                application=application, actor=request.user, status=status
            )
        except services.DelegationError as exc:
            messages.error(request, f"{application.organisation}: {exc}")
        else:
            done += 1
    messages.success(
        request,
        ngettext("%(n)s application decided.", "%(n)s applications decided.", done)
        % {"n": done},
    )
    return redirect(request.get_full_path())


@login_required
def decisions_send(request: HttpRequest, slug: str) -> HttpResponse:
    """E-mail every new decision, once the organiser has seen whom."""
    programme = _organised(request, slug)
    pending = [
        a
        for a in selectors.application_list_for_organiser(programme=programme)
        if a.decision_pending_send
    ]
    back = reverse("delegation:organiser_programme", kwargs={"slug": slug})
    state = ",".join(str(a.pk) for a in pending)
    if not confirm.asked(request):
        n = len(pending)
        return confirm.confirm_page(
            request,
            question=ngettext(
                "E-mail %(n)s company its decision?",
                "E-mail %(n)s companies their decisions?",
                n,
            )
            % {"n": n},
            details=[
                f"{a.organisation.name}: {a.get_status_display()}" for a in pending
            ],
            warning=_("An e-mail cannot be called back."),
            confirm_label=_("Send the e-mails"),
            back_url=back,
            state=state,
        )
    if not confirm.confirmed(request, state):
        confirm.stale_message(request, _("The decisions to send"))
        return redirect(back)
    try:
        count = services.decisions_send_enqueue(programme=programme, actor=request.user)
    except services.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s decision e-mail is on its way.",
                "%(n)s decision e-mails are on their way.",
                count,
            )
            % {"n": count},
        )
    return redirect(back)


@login_required
def organiser_application(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        application = selectors.application_get_for_organiser(user=request.user, pk=pk)
    except DelegationApplication.DoesNotExist:
        raise Http404(_("No such application.")) from None
    candidates = selectors.reviewer_candidates(programme=application.programme)
    which = request.POST.get("form") if request.method == "POST" else None
    decision = DecisionForm(request.POST if which == "decision" else None)
    assign = AssignReviewerForm(
        request.POST if which == "assign" else None, candidates=candidates
    )
    form = {"decision": decision, "assign": assign}.get(which)
    if which == "decision" and form.is_valid():
        return _decide(request, application, form)
    if form is not None and form.is_valid():
        try:
            services.review_assign(
                application=application,
                reviewer=form.cleaned_data["reviewer"],
                actor=request.user,
            )
        except services.DelegationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Saved."))
        return redirect("delegation:organiser_application", pk=pk)
    context = {
        "application": application,
        "decision_form": decision,
        "assign_form": assign,
        "reviews": application.reviews.all(),
        "outcomes": [
            (o, selectors.outcome_label(o, application.programme.event))
            for o in selectors.outcome_list(application=application)
        ],
        "trials": selectors.trial_list(application=application),
        "report": getattr(application, "report", None),
    }
    return render(request, "delegations/organiser_application.html", context)


def _decide(
    request: HttpRequest, application: DelegationApplication, form: DecisionForm
) -> HttpResponse:
    """One application's decision, asked first like the bulk one: the company,
    its status before and after, the note it will read."""
    status, note = form.cleaned_data["status"], form.cleaned_data["note"]
    label = ApplicationStatus(status).label
    back = request.get_full_path()
    if not confirm.asked(request):
        details = [f"{application.get_status_display()} → {label}"]
        if note:
            details.append(_("Note to the company: %(note)s") % {"note": note})
        return confirm.confirm_page(
            request,
            question=_("Decide “%(decision)s” for %(company)s?")
            % {"decision": label, "company": application.organisation.name},
            details=details,
            warning=_("The company is told only when you e-mail the new decisions."),
            confirm_label=_("Decide"),
            back_url=back,
            state=application.status,
            fields=[("form", "decision"), ("status", status), ("note", note)],
        )
    if not confirm.confirmed(request, application.status):
        confirm.stale_message(request, application.organisation.name)
        return redirect(back)
    try:
        services.application_decide(
            application=application, actor=request.user, status=status, note=note
        )
    except services.DelegationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Saved."))
    return redirect(back)


@login_required
def roster(request: HttpRequest, slug: str) -> HttpResponse:
    programme = _organised(request, slug)
    context = {"programme": programme, "members": selectors.roster(programme=programme)}
    return render(request, "delegations/roster.html", context)


def _outcome_rows(request: HttpRequest):
    """The figures of the programmes and forums the person organises."""
    _require_any_programme(request)
    user = request.user
    form = OutcomeFilterForm(
        request.GET or None, years=outcomes.outcome_years(user=user)
    )
    year = kind = None
    if form.is_valid():
        year, kind = form.cleaned_data["year"], form.cleaned_data["kind"] or None
    return form, outcomes.outcome_figures(year=year, kind=kind, user=user)


@login_required
def outcome_dashboard(request: HttpRequest) -> HttpResponse:
    form, rows = _outcome_rows(request)
    by_year = outcomes.outcome_by_year(rows)
    labels = [str(outcomes.METRICS[m]) for m in CHART_METRICS]
    chart = grouped_bar_svg(
        [(str(y), [getattr(f, m) for m in CHART_METRICS]) for y, f in by_year],
        labels,
        title=_("Outcomes by year"),
    )
    context = {
        "form": form,
        "rows": rows,
        "metrics": outcomes.METRICS,
        "total_values": outcomes.outcome_totals(rows).in_order(),
        "by_year": by_year,
        "chart": chart if by_year else "",
        "query": request.GET.urlencode(),
        "year": form.cleaned_data.get("year") if form.is_valid() else None,
    }
    return render(request, "delegations/outcome_dashboard.html", context)


@login_required
def outcome_export(request: HttpRequest, fmt: str) -> HttpResponse:
    _form, rows = _outcome_rows(request)
    sheet = exports.Sheet(
        title=_("Outcomes"),
        columns=outcomes.EXPORT_COLUMNS,
        rows=outcomes.outcome_export_rows(rows),
    )
    return exports.export_response(sheet, fmt=fmt, filename="convene-outcomes")


@login_required
def ministry_export(request: HttpRequest, fmt: str, slug: str = "") -> HttpResponse:
    """The ministry's report of one programme, or of a year's programmes
    (`?year=`): XLSX with its Outcomes, Trials and Totals sheets, or one of them
    as CSV (`?part=outcomes|trials|totals`)."""
    _require_any_programme(request)
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    programmes = ministry.ministry_programmes(
        user=request.user, slug=slug or None, year=None if slug else year
    )
    if slug and not programmes.exists():
        raise Http404(_("No such programme."))

    def link(application, anchor: str) -> str:
        url = reverse("delegation:organiser_application", kwargs={"pk": application.pk})
        return request.build_absolute_uri(url + (f"#{anchor}" if anchor else ""))

    sheets = ministry.ministry_sheets(programmes, link=link)
    part = request.GET.get("part", "outcomes")
    name = slug or f"delegations-{year or 'all'}"
    if fmt == "xlsx":
        first, *more = sheets.values()
        return exports.export_response(
            first, *more, fmt=fmt, filename=f"{name}-ministry-report"
        )
    part = part if part in ministry.PARTS else "outcomes"
    return exports.export_response(
        sheets[part], fmt=fmt, filename=f"{name}-ministry-{part}"
    )


def _form_errors(form, exc: ValidationError) -> None:
    """A service's or model's refusal, shown on the form like its own errors."""
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, messages_ in errors.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def programme_setup(request: HttpRequest, slug: str) -> HttpResponse:
    """Host congress, places, eligibility, money and deadlines (Korea time)."""
    programme = _organised(request, slug)
    with timezone.override(selectors.HOME):
        form = ProgrammeSetupForm(request.POST or None, instance=programme)
        if request.method == "POST" and form.is_valid():
            try:
                itinerary.programme_update(
                    programme=programme, actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            except services.DelegationError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, _("Programme saved."))
                return redirect("delegation:programme_setup", slug=slug)
        context = {"programme": programme, "form": form}
        return render(request, "delegations/programme_setup.html", context)


def _item_form(request, programme, item=None) -> tuple[ItineraryItemForm, bool]:
    """The item form, bound on POST; True once the item is saved."""
    form = ItineraryItemForm(request.POST or None, programme=programme, item=item)
    if request.method != "POST" or not form.is_valid():
        return form, False
    try:
        itinerary.itinerary_item_save(
            programme=programme,
            actor=request.user,
            item=item,
            delegates=form.cleaned_data["delegates"],
            companies=form.cleaned_data["companies"],
            **form.item_fields(),
        )
    except ValidationError as exc:
        _form_errors(form, exc)
        return form, False
    except services.DelegationError as exc:
        form.add_error(None, str(exc))
        return form, False
    messages.success(request, _("Itinerary item saved."))
    return form, True


@login_required
def itinerary_items(request: HttpRequest, slug: str) -> HttpResponse:
    """Every item with its times in both zones and who it is for; add one."""
    programme = _organised(request, slug)
    event = programme.event
    with timezone.override(event.tz):
        form, saved = _item_form(request, programme)
        if saved:
            return redirect("delegation:itinerary_items", slug=slug)
        sessions = selectors.itinerary_sessions(event=event)
        context = {
            "programme": programme,
            "event": event,
            "rows": selectors.itinerary_rows(event=event, sessions=sessions),
            "form": form,
        }
        return render(request, "delegations/itinerary_items.html", context)


def _item(programme: DelegationProgramme, pk: int):
    return get_object_or_404(programme.event.sessions, pk=pk)


@login_required
def itinerary_item_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = _organised(request, slug)
    item = _item(programme, pk)
    with timezone.override(programme.event.tz):
        form, saved = _item_form(request, programme, item)
        if saved:
            return redirect("delegation:itinerary_items", slug=slug)
        context = {"programme": programme, "item": item, "form": form}
        return render(request, "delegations/itinerary_item.html", context)


def _item_for(item) -> str:
    delegates = list(item.assigned_delegates.all())
    if not delegates:
        return _("For every delegate.")
    return ngettext(
        "For %(n)s delegate: %(names)s.",
        "For %(n)s delegates: %(names)s.",
        len(delegates),
    ) % {"n": len(delegates), "names": ", ".join(str(d.user) for d in delegates)}


@login_required
def itinerary_item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Asked first (`config.confirm`): what, when and whose itineraries lose it."""
    programme = _organised(request, slug)
    back = reverse("delegation:itinerary_items", kwargs={"slug": slug})
    item = programme.event.sessions.filter(pk=pk).first()
    if item is None:
        messages.error(request, _("That itinerary item is already deleted."))
        return redirect(back)
    title = item.title
    if not confirm.asked(request):
        event = programme.event
        when = f"{local_text(item.start, event)} – {local_time_text(item.end, event)}"
        return confirm.confirm_page(
            request,
            question=_("Delete “%(title)s” from the itinerary?") % {"title": title},
            details=[when, _item_for(item)],
            warning=_(
                "It leaves every itinerary and handbook it is in. This cannot be undone."
            ),
            confirm_label=_("Delete the item"),
            back_url=back,
            state=str(item.pk),
        )
    if not confirm.confirmed(request, str(item.pk)):
        confirm.stale_message(request, title)
        return redirect(back)
    itinerary.itinerary_item_delete(programme=programme, actor=request.user, item=item)
    messages.success(request, _("“%(title)s” deleted.") % {"title": title})
    return redirect(back)
