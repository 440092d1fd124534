"""The registration form: one page that re-renders with everything typed kept
until the buyer presses Register. Its other buttons (apply the codes, add or
remove a colleague) only show the page again, with the order summary priced
by `services.order_quote`, the same pricing the order itself uses."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from events import selectors
from events.models import Event
from events.money import format_money
from registration import selectors as order_selectors
from registration import services
from registration.forms import (
    MAX_ATTENDEES,
    AttendeeFormSet,
    CodesForm,
    OrderForm,
    typed_rows,
    typed_values,
)
from registration.models import Order
from registration.services import Attendee, OrderItem, payments

ADD, REMOVE, APPLY = "add_colleague", "remove_colleague", "apply"


def _tickets(event: Event, access_code: str, user) -> list:
    tickets = order_selectors.ticket_type_list_on_sale(
        event=event, access_code=access_code, user=user
    )
    for ticket in tickets:
        ticket.price_display = format_money(ticket.price, event.currency)
        ticket.selectable = bool(ticket.seats_left or ticket.offer)
    return tickets


def _me(request: HttpRequest, ticket_id) -> dict:
    user = request.user
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "organisation_name": user.organisation.name if user.organisation else "",
        "job_role": user.job_title,
        "ticket_type": ticket_id,
    }


def _rows(request: HttpRequest, selectable: list) -> tuple[list[dict], str]:
    """The attendee rows to show: the buyer alone at first, then as typed, with
    a colleague added or removed when that button was pressed."""
    first = selectable[0].pk if selectable else ""
    if request.method != "POST":
        return [_me(request, first)], ""
    rows, error = typed_rows(request.POST)
    if ADD in request.POST:
        if len(rows) < MAX_ATTENDEES:
            rows.append({"ticket_type": rows[0]["ticket_type"] or first})
        else:
            error = error or _("At most %(n)s attendees per order.") % {
                "n": MAX_ATTENDEES
            }
    elif REMOVE in request.POST:
        index = _number(request.POST[REMOVE])
        if index is not None and 0 < index < len(rows):
            del rows[index]
    return rows, error


def _number(value: str) -> int | None:
    """A typed row number or ticket id; anything else (or absurdly long) is None."""
    return int(value) if value.isdecimal() and len(value) < 12 else None


def _quote(event: Event, rows: list[dict], selectable: list, codes: CodesForm):
    """The summary of the rows whose ticket is a real choice; a voucher the
    order would refuse for these tickets is an error beside its field."""
    by_id = {t.pk: t for t in selectable}
    ids = [_number(str(r.get("ticket_type") or "")) for r in rows]
    items = [
        OrderItem(ticket_type_id=pk, attendee=Attendee(email=""))
        for pk in ids
        if pk in by_id
    ]
    voucher = codes.cleaned_data.get("voucher_code", "") if codes.is_bound else ""
    try:
        return services.order_quote(
            event=event, items=items, tickets=by_id, voucher_code=voucher
        )
    except services.VoucherInvalid as exc:
        codes.add_error("voucher_code", str(exc))
        return services.order_quote(event=event, items=items, tickets=by_id)


def _place(request, event, codes, order_form, formset) -> Order | None:
    """The order, when every form is valid and the code fits the tickets chosen;
    else None, with the reason on the form."""
    if not all([codes.is_valid(), order_form.is_valid(), formset.is_valid()]):
        return None
    if not codes.check_choice({form.cleaned_data["ticket_type"] for form in formset}):
        return None
    try:
        return services.order_create(
            event=event,
            buyer=request.user,
            items=[form.item() for form in formset],
            method=order_form.cleaned_data["method"],
            voucher_code=codes.cleaned_data["voucher_code"] or None,
            access_code=codes.cleaned_data["access_code"],
            billing=order_form.billing(),
        )
    except services.VoucherInvalid as exc:
        codes.add_error("voucher_code", str(exc))
    except services.RegistrationError as exc:
        order_form.add_error(None, str(exc))
    except ValidationError as exc:  # the order rolled back whole
        _add_errors(order_form, exc)
    return None


def _add_errors(form: Form, exc: ValidationError) -> None:
    """A model's refusal shown on the form, beside the field of the same name (the
    billing fields are named as the order's), so the buyer keeps what they typed."""
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for field, messages_ in errors.items():
        form.add_error(field if field in form.fields else None, messages_)


def _forms(request: HttpRequest, placing: bool, selectable, rows):
    """Bound when Register was pressed, so their errors show; else filled in
    with what was typed, judged only when the buyer registers."""
    card = payments.card_enabled()
    kwargs = {"form_kwargs": {"tickets": selectable}, "prefix": "attendee"}
    if placing:
        order_form = OrderForm(request.POST, card_enabled=card, prefix="order")
        return order_form, AttendeeFormSet(request.POST, **kwargs)
    typed = typed_values(OrderForm, request.POST, prefix="order")
    order_form = OrderForm(initial=typed or None, card_enabled=card, prefix="order")
    return order_form, AttendeeFormSet(initial=rows, **kwargs)


def _registering(request: HttpRequest) -> bool:
    return request.method == "POST" and not ({ADD, REMOVE, APPLY} & set(request.POST))


def _alerts(error: str, codes, order_form, formset) -> list[str]:
    """Every error that belongs to no field, once, for the top of the page."""
    alerts = [error] if error else []
    for form in (order_form, codes, *formset):
        if form.is_bound:
            alerts.extend(form.non_field_errors())
    if formset.is_bound:
        alerts.extend(formset.non_form_errors())
    return alerts


@login_required
def register(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, slug, may_order=True)


@login_required
def register_edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Where the buttons that only change the form post (their `formaction`), so
    adding colleagues and applying codes never count as orders for the rate
    limit on the register URL (`config.ratelimit`)."""
    if request.method != "POST":
        return redirect("registration:register", slug=slug)
    return _page(request, slug, may_order=False)


def _page(request: HttpRequest, slug: str, *, may_order: bool) -> HttpResponse:
    event = get_object_or_404(
        selectors.event_list_visible(user=request.user), slug=slug
    )
    codes = CodesForm(
        request.POST or None,
        initial={"access_code": request.GET.get("code", "")},
        event=event,
        prefix="order",
    )
    access_code = request.GET.get("code", "")
    if codes.is_bound:
        codes.is_valid()  # an unknown code unlocks nothing and says so
        access_code = codes.cleaned_data.get("access_code", "")
    tickets = _tickets(event, access_code, request.user)
    selectable = [t for t in tickets if t.selectable]
    rows, error = _rows(request, selectable)
    placing = may_order and _registering(request)
    if placing:
        error = ""  # the bound formset says what is wrong with its count
    order_form, formset = _forms(request, placing, selectable, rows)
    if placing and selectable:
        order = _place(request, event, codes, order_form, formset)
        if order is not None:
            return redirect(order.get_absolute_url())
    context = {
        "event": event,
        "tickets": tickets,
        "selectable": selectable,
        "codes": codes,
        "order_form": order_form,
        "formset": formset,
        "summary": _quote(event, rows, selectable, codes),
        "alerts": _alerts(error, codes, order_form, formset),
        "access_code": access_code,
        "max_attendees": MAX_ATTENDEES,
        "edit_url": reverse("registration:register_edit", args=[event.slug]),
    }
    return render(request, "registration/register.html", context)
