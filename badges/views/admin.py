"""Organiser pages inside the Wagtail admin: print runs, scanner tokens, one badge.

Thin: each parses a form and calls one service; the services check the role.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from badges import selectors, services
from badges.enums import BatchStatus
from badges.forms import BatchForm, ScannerTokenForm
from badges.models import BadgeBatch, ScannerToken
from badges.permissions import events_managed, may_manage_badges
from config import confirm
from events.localtime import local_text
from registration.models import Registration


def _page(request, template: str, title: str, **context) -> HttpResponse:
    context.update(page_title=title, header_title=title, header_icon="tag")
    return render(request, f"badges/admin/{template}", context)


def print_badges(request: HttpRequest) -> HttpResponse:
    events = events_managed(user=request.user)
    initial = {"event": request.GET.get("event")} if request.GET.get("event") else {}
    form = BatchForm(request.POST or None, events=events, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.badge_batch_start(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("badges_admin:batch", pk=batch.pk)
    batches = BadgeBatch.objects.filter(event__in=events).select_related("event")[:20]
    q = request.GET.get("q", "")
    found = selectors.registration_search_for_reprint(user=request.user, q=q)
    return _page(
        request,
        "print.html",
        _("Print badges"),
        form=form,
        batches=batches,
        q=q,
        found=found,
    )


def _batch(request: HttpRequest, pk: int) -> BadgeBatch:
    batch = get_object_or_404(BadgeBatch.objects.select_related("event"), pk=pk)
    if not may_manage_badges(user=request.user, event=batch.event):
        raise PermissionDenied
    return batch


def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    running = batch.status in (BatchStatus.QUEUED, BatchStatus.RUNNING)
    response = _page(
        request, "batch.html", _("Badge print run"), batch=batch, running=running
    )
    if running:  # the progress bar moves without any JavaScript
        response["Refresh"] = "2"
    return response


def batch_download(request: HttpRequest, pk: int) -> FileResponse:
    batch = _batch(request, pk)
    if not batch.file:
        raise PermissionDenied(_("This print run has no PDF yet."))
    return FileResponse(
        batch.file.open("rb"),
        as_attachment=True,
        filename=f"badges-{batch.event.slug}-{batch.pk}.pdf",
        content_type="application/pdf",
    )


def badge_one(request: HttpRequest, registration_id: int) -> HttpResponse:
    """Print one person's badge, asked first (`config.confirm`, in the admin's
    frame): a reprint revokes the card printed before, so the step names whose
    badge it is and that the old card stops working. Only the confirming POST
    prints."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user", "ticket_type"),
        pk=registration_id,
    )
    if not may_manage_badges(user=request.user, event=registration.event):
        raise PermissionDenied
    printed = selectors.badge_printed(registration=registration)
    state = f"{printed.pk}:{printed.version}" if printed else "new"
    if not confirm.asked(request):
        return _badge_one_question(request, registration, printed, state)
    if not confirm.confirmed(request, state):
        confirm.stale_message(request, _("This badge"))
        return redirect(_print_page(registration))
    pdf = services.badge_print_one(registration=registration, actor=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{registration.pk}.pdf"'
    return response


def _print_page(registration: Registration) -> str:
    return f"{reverse('badges_admin:print')}?event={registration.event_id}"


def _badge_one_question(request, registration, printed, state) -> HttpResponse:
    user = registration.user
    values = {
        "name": " ".join(
            n for n in (user.get_full_name() or user.email, user.name_ko) if n
        ),
        "event": registration.event,
    }
    if printed is None:
        question = _("Print the badge of %(name)s for %(event)s?") % values
        details, warning = [], ""
    else:
        question = _("Reprint the badge of %(name)s for %(event)s?") % values
        details = [
            _("The card printed %(when)s stops working at check-in.")
            % {"when": local_text(printed.printed_at, registration.event)},
            _(
                "The new badge, the mobile ticket and e-mailed tickets carry a new code."
            ),
        ]
        warning = _("This cannot be undone: the old card will never scan again.")
    return confirm.confirm_page(
        request,
        question=question,
        details=details,
        warning=warning,
        confirm_label=_("Reprint the badge") if printed else _("Print the badge"),
        back_url=_print_page(registration),
        state=state,
        admin=True,
    )


def scanner_tokens(request: HttpRequest) -> HttpResponse:
    events = events_managed(user=request.user)
    form = ScannerTokenForm(request.POST or None, events=events)
    key = None
    if request.method == "POST" and form.is_valid():
        _token, key = services.scanner_token_create(
            actor=request.user, **form.cleaned_data
        )
        form = ScannerTokenForm(events=events)
    tokens = ScannerToken.objects.filter(event__in=events).select_related("event")
    return _page(
        request, "tokens.html", _("Scanner tokens"), form=form, tokens=tokens, key=key
    )


def scanner_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asked first (`config.confirm`, in the admin's frame): which device stops."""
    token = get_object_or_404(ScannerToken.objects.select_related("event"), pk=pk)
    if not may_manage_badges(user=request.user, event=token.event):
        raise PermissionDenied
    back = reverse("badges_admin:tokens")
    if token.revoked_at is not None:
        messages.error(request, _("The token is already revoked."))
        return redirect(back)
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Revoke the scanner token “%(name)s” for %(event)s?")
            % {"name": token.name, "event": token.event},
            warning=_(
                "The device using it can no longer check anyone in. This cannot be undone."
            ),
            confirm_label=_("Revoke the token"),
            back_url=back,
            admin=True,
        )
    services.scanner_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect(back)
