"""Tickets and orders over the API. Buyers see only their own orders (another
person's answers 404); organiser operations need the event's organiser role."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from events import selectors
from events.auth import ApiTokenAuth
from events.authority import is_organiser
from events.enums import ApiScope
from registration import selectors as dashboard_selectors
from registration import selectors as order_selectors
from registration import services
from registration.enums import OrderStatus, RegistrationStatus
from registration.models import TicketType
from registration.schemas import (
    AnswersIn,
    CardPaymentOut,
    OrderIn,
    OrderOut,
    RefundIn,
    RegistrationOut,
    RegistrationRowOut,
    ResendOut,
    TicketTypeOut,
    WaitlistEntryOut,
    WaitlistIn,
)
from registration.services import changes, payments, waitlist

router = Router(tags=["registration"])
# Integrators read an event's orders and attendees with a `read_registrations` token.
READ_REGISTRATIONS = [ApiTokenAuth(ApiScope.READ_REGISTRATIONS), django_auth]


def _order_in(body: OrderIn) -> dict:
    items = [
        services.OrderItem(
            ticket_type_id=a.ticket_type_id,
            attendee=services.Attendee(**a.model_dump(exclude={"ticket_type_id"})),
        )
        for a in body.attendees
    ]
    return {
        "items": items,
        "method": body.method,
        "voucher_code": body.voucher_code,
        "access_code": body.access_code,
        "billing": services.Billing(**body.billing.model_dump()),
    }


@router.get(
    "/events/{slug}/tickets",
    response=list[TicketTypeOut],
    url_name="ticket_type_list",
    operation_id="ticket_type_list",
)
@paginate
def ticket_type_list(request: HttpRequest, slug: str, access_code: str = ""):
    event = selectors.event_get(slug=slug, user=request.user)
    return order_selectors.ticket_type_list_on_sale(
        event=event, access_code=access_code
    )


@router.post(
    "/events/{slug}/orders",
    response={201: OrderOut},
    auth=django_auth,
    url_name="order_create",
    operation_id="order_create",
)
def order_create(request: HttpRequest, slug: str, body: OrderIn):
    event = selectors.event_get(slug=slug, user=request.user)
    order = services.order_create(event=event, buyer=request.auth, **_order_in(body))
    return Status(201, order)


@router.get(
    "/orders",
    response=list[OrderOut],
    auth=django_auth,
    url_name="my_order_list",
    operation_id="my_order_list",
)
@paginate
def my_order_list(request: HttpRequest):
    return order_selectors.order_list_for_buyer(user=request.auth)


@router.get(
    "/orders/{code}",
    response=OrderOut,
    auth=django_auth,
    url_name="my_order_detail",
    operation_id="my_order_get",
)
def my_order_detail(request: HttpRequest, code: str):
    return order_selectors.order_get_for_buyer(user=request.auth, code=code)


@router.post(
    "/orders/{code}/cancel",
    response=OrderOut,
    auth=django_auth,
    url_name="my_order_cancel",
    operation_id="my_order_cancel",
)
def my_order_cancel(request: HttpRequest, code: str):
    order = order_selectors.order_get_for_buyer(user=request.auth, code=code)
    payments.order_withdraw(order=order, actor=request.auth)
    return order_selectors.order_get_for_buyer(user=request.auth, code=code)


@router.post(
    "/orders/{code}/card-payment",
    response=CardPaymentOut,
    auth=django_auth,
    url_name="card_payment_start",
    operation_id="card_payment_start",
)
def card_payment_start(request: HttpRequest, code: str):
    order = order_selectors.order_get_for_buyer(user=request.auth, code=code)
    _payment, secret = payments.card_payment_start(order=order)
    return {
        "client_secret": secret,
        "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
        "stripe_js_url": settings.STRIPE_JS_URL,
    }


def _organised_event(request: HttpRequest, slug: str):
    event = selectors.event_get(slug=slug, user=request.auth)
    if not is_organiser(user=request.auth, event=event):
        raise PermissionDenied(_("Only the event's organisers see its registrations."))
    return event


@router.get(
    "/events/{slug}/all-orders",
    response=list[OrderOut],
    auth=READ_REGISTRATIONS,
    url_name="event_order_list",
    operation_id="event_order_list",
)
@paginate
def event_order_list(
    request: HttpRequest,
    slug: str,
    status: OrderStatus | None = None,
    q: str | None = None,
):
    event = _organised_event(request, slug)
    return order_selectors.order_list_for_event(event=event, status=status, q=q)


@router.get(
    "/events/{slug}/registrations",
    response=list[RegistrationRowOut],
    auth=READ_REGISTRATIONS,
    url_name="event_registration_list",
    operation_id="event_registration_list",
)
@paginate
def event_registration_list(
    request: HttpRequest, slug: str, status: RegistrationStatus | None = None
):
    """Every attendee with their answers, as in the attendee export."""
    event = _organised_event(request, slug)
    return dashboard_selectors.registration_list_for_event(event=event, status=status)


def _organiser_act(request: HttpRequest, code: str, act, **kwargs):
    """An organiser's action on one of their events' orders; the order as it is
    afterwards (someone else's order: 404)."""
    order = order_selectors.order_get_for_organiser(user=request.auth, code=code)
    act(order=order, actor=request.auth, **kwargs)
    return order_selectors.order_get_for_organiser(user=request.auth, code=code)


@router.post(
    "/orders/{code}/mark-paid",
    response=OrderOut,
    auth=django_auth,
    url_name="invoice_mark_paid",
    operation_id="invoice_mark_paid",
)
def invoice_mark_paid(request: HttpRequest, code: str):
    return _organiser_act(request, code, services.invoice_mark_paid)


@router.post(
    "/orders/{code}/refund",
    response=OrderOut,
    auth=django_auth,
    url_name="order_refund",
    operation_id="order_refund",
)
def order_refund(request: HttpRequest, code: str, body: RefundIn):
    return _organiser_act(request, code, payments.order_refund, amount=body.amount)


@router.post(
    "/events/{slug}/tickets/{ticket_id}/waitlist",
    response={201: WaitlistEntryOut},
    auth=django_auth,
    url_name="waitlist_join",
    operation_id="waitlist_join",
)
def waitlist_join(request: HttpRequest, slug: str, ticket_id: int, body: WaitlistIn):
    event = selectors.event_get(slug=slug, user=request.auth)
    ticket = get_object_or_404(TicketType, pk=ticket_id, event=event)
    entry = waitlist.waitlist_join(
        ticket_type=ticket, user=request.auth, access_code=body.access_code
    )
    return Status(201, entry)


@router.put(
    "/registrations/{registration_id}/answers",
    response=RegistrationOut,
    auth=django_auth,
    url_name="registration_answers_update",
    operation_id="registration_answers_update",
)
def registration_answers_update(
    request: HttpRequest, registration_id: int, body: AnswersIn
):
    reg = order_selectors.registration_get_for_user(
        user=request.auth, pk=registration_id
    )
    answers = body.model_dump(exclude={"first_name", "last_name"})
    changes.registration_answers_update(
        reg=reg,
        actor=request.auth,
        first_name=body.first_name,
        last_name=body.last_name,
        answers=answers,
    )
    return order_selectors.registration_get_for_user(
        user=request.auth, pk=registration_id
    )


@router.post(
    "/orders/{code}/approve",
    response=OrderOut,
    auth=django_auth,
    url_name="order_approve",
    operation_id="order_approve",
)
def order_approve(request: HttpRequest, code: str):
    return _organiser_act(request, code, changes.order_approve)


@router.post(
    "/orders/{code}/resend",
    response=ResendOut,
    auth=django_auth,
    url_name="order_resend",
    operation_id="order_resend",
)
def order_resend(request: HttpRequest, code: str):
    order = order_selectors.order_get_for_organiser(user=request.auth, code=code)
    return {"sent": changes.order_resend_email(order=order, actor=request.auth)}
