"""Pages: the staff scanner, the live dashboard, the attendee's mobile and PDF tickets, and
the badge design preview Wagtail shows beside the editor."""

import segno
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from badges import selectors, services
from badges.charts import bar_chart_svg
from badges.permissions import (
    Scanner,
    events_managed,
    events_scannable,
    may_check_in,
    may_manage_badges,
)
from badges.tickets import ticket_filename, ticket_pdf
from badges.tokens import token_display
from events.localtime import local_text
from events.models import Event
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.selectors import registration_get_for_user


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug)


@login_required
def scanner_index(request: HttpRequest) -> HttpResponse:
    """Where check-in staff start: the events they may scan at."""
    events = events_scannable(user=request.user).order_by("start_date")
    managed = set(events_managed(user=request.user).values_list("pk", flat=True))
    for event in events:
        event.is_managed = event.pk in managed
    return render(request, "badges/scanner_index.html", {"events": events})


@login_required
def scanner(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    if not may_check_in(scanner=Scanner(user=request.user), event=event):
        raise PermissionDenied(_("You may not check people in at this event."))
    sessions = selectors.session_list_for_checkin(event=event)
    return render(
        request,
        "badges/scanner.html",
        {"event": event, "sessions": sessions},
    )


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    if not may_manage_badges(user=request.user, event=event):
        raise PermissionDenied(_("The dashboard is for the event's organisers."))
    board = selectors.checkin_dashboard(event=event)
    chart = bar_chart_svg(
        [(f"{hour:%H}h", count) for hour, count in board.hours],
        title=_("Entrance check-ins per hour"),
    )
    response = render(
        request,
        "badges/dashboard.html",
        {
            "event": event,
            "board": board,
            "chart": chart,
            "updated": local_text(timezone.now(), event, "%H:%M:%S"),
        },
    )
    response["Refresh"] = "30"
    return response


@login_required
def my_ticket(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The attendee's mobile ticket: the badge's QR, valid once confirmed.

    Shown to the attendee and to the buyer of the order, who forwards it."""
    registration = (
        Registration.objects.select_related("event", "ticket_type", "user")
        .filter(Q(user=request.user) | Q(order__buyer=request.user), pk=registration_id)
        .first()
    )
    if registration is None:
        raise Http404(_("No such ticket."))
    qr = code = None
    if registration.status == RegistrationStatus.CONFIRMED:
        token = services.registration_qr_token(registration=registration)
        qr = segno.make_qr(token, error="m").svg_inline(scale=8, border=2)
        code = token_display(token)
    context = {
        "registration": registration,
        "event": registration.event,
        "qr": qr,
        "code": code,
    }
    return render(request, "badges/my_ticket.html", context)


@login_required
def registration_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reg = registration_get_for_user(user=request.user, pk=pk)
    except Registration.DoesNotExist:
        raise Http404(_("No such registration.")) from None
    if reg.status != RegistrationStatus.CONFIRMED:
        raise Http404(_("The ticket is ready once the registration is confirmed."))
    response = HttpResponse(
        ticket_pdf(registration=reg), content_type="application/pdf"
    )
    filename = ticket_filename(registration=reg)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
