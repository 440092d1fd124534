"""Registration pages: thin views over `registration.services` and `registration.services.payments`."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.forms import MailLanguageForm
from config import confirm
from events.money import format_money
from registration import selectors as order_selectors
from registration import services
from registration.enums import OrderStatus
from registration.models import Order
from registration.pdf import invoice_filename, invoice_pdf
from registration.services import payments


@login_required
def order_detail(request: HttpRequest, code: str) -> HttpResponse:
    order = _my_order(request, code)
    context = {
        "order": order,
        "event": order.event,
        "total": format_money(order.total, order.currency),
        "summary": services.order_summary(order=order),
        "billing": getattr(order.event, "billing", None),
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
    }
    if order.method == "card" and order.is_holding and not order.awaiting_approval:
        try:
            _payment, context["client_secret"] = payments.card_payment_start(
                order=order
            )
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
    return render(request, "registration/order_detail.html", context)


def _my_order(request: HttpRequest, code: str) -> Order:
    try:
        return order_selectors.order_get_for_buyer(user=request.user, code=code)
    except Order.DoesNotExist:
        try:
            return order_selectors.order_get_for_organiser(user=request.user, code=code)
        except Order.DoesNotExist:
            raise Http404(_("No such order.")) from None


@login_required
def order_invoice(request: HttpRequest, code: str) -> HttpResponse:
    order = _my_order(request, code)
    response = HttpResponse(invoice_pdf(order=order), content_type="application/pdf")
    filename = invoice_filename(order=order)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _cancel_question(order: Order) -> tuple[str, list[str]]:
    """What cancelling does to this order: money back under the event's policy,
    or only the seats given up."""
    values = {"code": order.code, "event": order.event.name}
    if order.status == OrderStatus.PAID and order.total > 0:
        back = services.attendee_refund_amount(order=order)
        paid = order.total - order.refunded_amount
        lines = [
            _("You paid %(paid)s; %(back)s goes back to you.")
            % {
                "paid": format_money(paid, order.currency),
                "back": format_money(back, order.currency),
            }
        ]
        if back < paid:
            lines.append(
                _("%(fee)s is kept under the event's cancellation policy.")
                % {"fee": format_money(paid - back, order.currency)}
            )
        return _("Cancel order %(code)s for %(event)s?") % values, lines
    return _("Cancel order %(code)s for %(event)s?") % values, [
        _("Your seats are given up; nothing has been paid.")
    ]


@login_required
def order_cancel(request: HttpRequest, code: str) -> HttpResponse:
    """The attendee's cancel button, through the confirmation step
    (`config.confirm`): what comes back, what is kept."""
    order = _my_order(request, code)
    back = reverse("registration:my_registrations")
    state = f"{order.status}:{order.refunded_amount}"
    if not confirm.asked(request):
        if order.status not in (OrderStatus.PENDING, OrderStatus.PAID):
            messages.error(request, _("This order is already closed."))
            return redirect(back)
        question, details = _cancel_question(order)
        return confirm.confirm_page(
            request,
            question=question,
            details=details,
            warning=_("This cannot be undone: your seats go back on sale."),
            confirm_label=_("Cancel the order"),
            back_url=back,
            state=state,
        )
    if not confirm.confirmed(request, state):
        confirm.stale_message(request, _("Order %(code)s") % {"code": order.code})
        return redirect(back)
    try:
        payments.order_withdraw(order=order, actor=request.user)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your order is cancelled."))
    return redirect(back)


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    orders = order_selectors.order_list_for_buyer(user=request.user)
    for order in orders:
        order.total_display = format_money(order.total, order.currency)
    registrations = order_selectors.registration_list_for_user(user=request.user)
    context = {
        "orders": orders,
        "registrations": registrations,
        "waitlist": order_selectors.waitlist_list_for_user(user=request.user),
        "language_form": MailLanguageForm(instance=request.user),
    }
    return render(request, "registration/my_registrations.html", context)


@login_required
@require_POST
def order_card_confirm(request: HttpRequest, code: str) -> JsonResponse:
    """The card form of a Stripe.js stand-in posts its card here; see
    `payments.card_payment_confirm`."""
    order = _my_order(request, code)
    try:
        payment = payments.card_payment_confirm(
            order=order, payment_method=request.POST.get("payment_method", "")
        )
    except services.RegistrationError as exc:
        return JsonResponse({"error": str(exc)}, status=exc.status)
    return JsonResponse({"state": payment.state if payment else None})


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Stripe → us. The raw body is verified; the answer is 200 unless it is forged."""
    try:
        fresh = payments.webhook_receive(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature", ""),
        )
    except payments.WebhookRejected:
        return JsonResponse({"detail": "Invalid signature or payload."}, status=400)
    return JsonResponse({"received": True, "duplicate": not fresh})
