"""The organiser's registration desk: dashboard (sales chart, seats per ticket,
revenue per currency), approvals, manual registration, order actions. Orders,
payments and exports in full stay in the Django admin (`registration.admin`)."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import exports
from events.auth import token_or_login_required
from events.authority import is_organiser
from events.enums import ApiScope
from events.models import Event
from registration import selectors, services
from registration import selectors as order_selectors
from registration.charts import sales_chart_svg
from registration.enums import OrderStatus
from registration.forms import ManualRegistrationForm, RefundForm
from registration.models import Order
from registration.services import changes, payments


def _organised_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not is_organiser(user=request.user, event=event):
        raise Http404(_("No such event."))
    return event


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised_event(request, slug)
    days, counts = selectors.sales_per_day(event=event)
    status = request.GET.get("status") or None
    query = request.GET.get("q") or None
    orders = order_selectors.order_list_for_event(event=event, status=status, q=query)
    context = {
        "event": event,
        "chart": sales_chart_svg(
            days=days, counts=counts, title=_("Seats sold per day, and in total")
        ),
        "tickets": selectors.ticket_lines(event=event),
        "revenue": selectors.revenue_per_currency(event=event),
        "status_counts": selectors.status_counts(event=event),
        "awaiting": selectors.orders_awaiting_approval(event=event),
        "orders": orders[:100],
        "manual_form": ManualRegistrationForm(tickets=event.ticket_types.all()),
        "refund_form": RefundForm(),
        "status": status or "",
        "status_choices": OrderStatus.choices,
        "q": query or "",
    }
    return render(request, "registration/organiser_dashboard.html", context)


@login_required
@require_POST
def manual_register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised_event(request, slug)
    form = ManualRegistrationForm(request.POST, tickets=event.ticket_types.all())
    if form.is_valid():
        try:
            order = changes.registration_manual_create(
                event=event,
                actor=request.user,
                item=form.item(),
                method="invoice",
                complimentary=form.cleaned_data["payment"] == "complimentary",
            )
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Registered: order %(code)s.") % {"code": order.code}
            )
    else:
        errors = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
        messages.error(request, _("Not registered: %(errors)s") % {"errors": errors})
    return redirect("registration:organiser_dashboard", slug=slug)


def _refund(order: Order, actor, post) -> None:
    form = RefundForm(post)
    if not form.is_valid():
        raise services.RegistrationError(_("Enter an amount such as 50000."))
    amount: Decimal | None = form.cleaned_data["amount"]
    payments.order_refund(order=order, actor=actor, amount=amount)


ACTIONS = {
    "approve": lambda order, actor, post: changes.order_approve(
        order=order, actor=actor
    ),
    "reject": lambda order, actor, post: changes.order_reject(order=order, actor=actor),
    "mark-paid": lambda order, actor, post: services.invoice_mark_paid(
        order=order, actor=actor
    ),
    "cancel": lambda order, actor, post: services.order_cancel(
        order=order, actor=actor
    ),
    "refund": _refund,
    "resend": lambda order, actor, post: changes.order_resend_email(
        order=order, actor=actor
    ),
}


@login_required
@require_POST
def order_action(request: HttpRequest, slug: str, code: str, action: str):
    event = _organised_event(request, slug)
    order = get_object_or_404(Order, event=event, code=code)
    if action not in ACTIONS:
        raise Http404(_("No such action."))
    try:
        ACTIONS[action](order, request.user, request.POST)
    except services.RegistrationError as exc:
        messages.error(request, f"{order.code}: {exc}")
    else:
        messages.success(request, _("%(code)s: done.") % {"code": order.code})
    return redirect("registration:organiser_dashboard", slug=slug)


@token_or_login_required(ApiScope.READ_REGISTRATIONS)
def attendee_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """Attendees with their answers as CSV or XLSX (`?status=confirmed` to filter)."""
    event = _organised_event(request, slug)
    if fmt not in exports.FORMATS:
        raise Http404(_("CSV or XLSX."))
    status = request.GET.get("status") or None
    sheet = exports.Sheet(
        title=_("Attendees"),
        columns=selectors.ATTENDEE_COLUMNS,
        rows=selectors.attendee_rows(event=event, status=status),
        zone=event,
    )
    return exports.export_response(sheet, fmt=fmt, filename=f"{event.slug}-attendees")
