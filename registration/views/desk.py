"""The organiser's registration desk: dashboard (sales chart, seats per ticket,
revenue per currency), approvals, manual registration, order actions. Orders,
payments and exports in full stay in the Django admin (`registration.admin`)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts.models import User
from config import confirm
from events import exports
from events.auth import token_or_login_required
from events.authority import is_organiser
from events.enums import ApiScope
from events.models import Event
from events.money import format_money
from registration import selectors, services
from registration import selectors as order_selectors
from registration.charts import sales_chart_svg
from registration.enums import OrderStatus, PaymentMethod
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


@dataclass(frozen=True)
class _Action:
    """A desk action on one order: what it does (`run`), and for those that cannot
    be taken back, the confirmation step's question (`ask`) and warning."""

    run: Callable[[Order, User, Decimal | None], object]
    done: str
    ask: Callable[[Order, Decimal | None], str] | None = None
    confirm_label: str = ""
    warning: str = ""
    amount: bool = False


def _who(order: Order) -> str:
    return order.buyer.email


def _seats(order: Order) -> str:
    n = order.registrations.count()
    return ngettext(
        "Its %(n)s seat returns to sale and %(email)s is told by e-mail.",
        "Its %(n)s seats return to sale and %(email)s is told by e-mail.",
        n,
    ) % {"n": n, "email": _who(order)}


def _refund_question(order: Order, amount: Decimal | None) -> str:
    left = order.total - order.refunded_amount
    values = {
        "amount": format_money(amount, order.currency),
        "email": _who(order),
        "code": order.code,
    }
    if order.method == PaymentMethod.CARD:
        if amount == left:
            return (
                _(
                    "Refund the full amount, %(amount)s, to %(email)s's card (order %(code)s)?"
                )
                % values
            )
        return _("Refund %(amount)s to %(email)s's card (order %(code)s)?") % values
    if amount == left:
        return (
            _(
                "Record that the full amount, %(amount)s, went back to %(email)s by bank "
                "transfer (order %(code)s)?"
            )
            % values
        )
    return (
        _(
            "Record that %(amount)s went back to %(email)s by bank transfer (order %(code)s)?"
        )
        % values
    )


def _refund_details(order: Order, amount: Decimal) -> list[str]:
    currency = order.currency
    after = order.total - order.refunded_amount - amount
    lines = [
        _(
            "Paid: %(total)s; refunded so far: %(done)s; left after this refund: %(after)s."
        )
        % {
            "total": format_money(order.total, currency),
            "done": format_money(order.refunded_amount, currency),
            "after": format_money(after, currency),
        }
    ]
    if after == 0:
        lines.append(_seats(order))
    return lines


ACTIONS = {
    "approve": _Action(
        run=lambda order, actor, amount: changes.order_approve(
            order=order, actor=actor
        ),
        done=gettext_lazy("%(code)s: approved."),
    ),
    "reject": _Action(
        run=lambda order, actor, amount: changes.order_reject(order=order, actor=actor),
        done=gettext_lazy("%(code)s: declined."),
        ask=lambda order, amount: (
            _("Decline order %(code)s from %(email)s?")
            % {"code": order.code, "email": _who(order)}
        ),
        confirm_label=gettext_lazy("Decline the order"),
        warning=gettext_lazy("This cannot be undone."),
    ),
    "mark-paid": _Action(
        run=lambda order, actor, amount: services.invoice_mark_paid(
            order=order, actor=actor
        ),
        done=gettext_lazy("%(code)s: marked paid."),
        ask=lambda order, amount: (
            _(
                "Mark order %(code)s paid: %(amount)s received from %(email)s by bank "
                "transfer?"
            )
            % {
                "code": order.code,
                "amount": format_money(order.total, order.currency),
                "email": _who(order),
            }
        ),
        confirm_label=gettext_lazy("Mark paid"),
        warning=gettext_lazy("Their tickets are confirmed and e-mailed at once."),
    ),
    "cancel": _Action(
        run=lambda order, actor, amount: services.order_cancel(
            order=order, actor=actor
        ),
        done=gettext_lazy("%(code)s: cancelled."),
        ask=lambda order, amount: (
            _("Cancel order %(code)s from %(email)s (%(amount)s, %(status)s)?")
            % {
                "code": order.code,
                "email": _who(order),
                "amount": format_money(order.total, order.currency),
                "status": order.get_status_display(),
            }
        ),
        confirm_label=gettext_lazy("Cancel the order"),
        warning=gettext_lazy("This cannot be undone."),
    ),
    "refund": _Action(
        run=lambda order, actor, amount: payments.order_refund(
            order=order, actor=actor, amount=amount
        ),
        done=gettext_lazy("%(code)s: refunded %(amount)s."),
        ask=_refund_question,
        confirm_label=gettext_lazy("Refund"),
        warning=gettext_lazy("This cannot be undone."),
        amount=True,
    ),
    "resend": _Action(
        run=lambda order, actor, amount: changes.order_resend_email(
            order=order, actor=actor
        ),
        done=gettext_lazy("%(code)s: e-mail sent again."),
    ),
}


def _order_state(order: Order) -> str:
    """What the confirmation page showed; any change makes it stale."""
    approved = "approved" if order.approved_at else "open"
    return f"{order.status}:{order.refunded_amount}:{approved}"


@login_required
def order_action(request: HttpRequest, slug: str, code: str, action: str):
    """One order's desk action. Those with a question answer GET (or a POST
    without `confirm`) with the confirmation step; see `config.confirm`."""
    event = _organised_event(request, slug)
    order = get_object_or_404(
        Order.objects.select_related("buyer", "event"), event=event, code=code
    )
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404(_("No such action."))
    back = reverse("registration:organiser_dashboard", kwargs={"slug": slug})
    if spec.ask is None:
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return _order_run(request, spec, order, None, back)
    form = RefundForm(request.POST or None, order=order) if spec.amount else None
    if form is not None and not form.is_valid():
        title = _("Refund order %(code)s") % {"code": order.code}
        return confirm.confirm_page(
            request, question=title, form=form, back_url=back, confirm_label=""
        )
    amount = form.cleaned_data["amount"] if form is not None else None
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=spec.ask(order, amount),
            details=_refund_details(order, amount) if spec.amount else [],
            warning=str(spec.warning),
            confirm_label=str(spec.confirm_label),
            back_url=back,
            state=_order_state(order),
            fields=[("amount", amount)] if spec.amount else [],
        )
    if not confirm.confirmed(request, _order_state(order)):
        confirm.stale_message(request, _("Order %(code)s") % {"code": order.code})
        return redirect(back)
    return _order_run(request, spec, order, amount, back)


def _order_run(request, spec: _Action, order: Order, amount, back: str):
    try:
        spec.run(order, request.user, amount)
    except services.RegistrationError as exc:
        messages.error(request, f"{order.code}: {exc}")
    else:
        shown = format_money(amount, order.currency) if amount is not None else ""
        messages.success(request, spec.done % {"code": order.code, "amount": shown})
    return redirect(back)


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
