"""HTML forms for registration; they only parse input, the services decide."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MAX_LENGTH, FamilyNameFirst
from events.money import exponent, format_money, quantize
from registration import selectors
from registration.enums import PaymentMethod
from registration.models import Order, TicketType, Voucher
from registration.services import (
    Attendee,
    Billing,
    OrderItem,
    VoucherInvalid,
    find_voucher,
)

MAX_ATTENDEES = 20


def _max(model, field: str) -> int:
    """A column's length, so the form refuses what the save would (Django's form
    EmailField allows 320 characters, the model's column 254)."""
    return model._meta.get_field(field).max_length


class AnswersForm(FamilyNameFirst, forms.Form):
    """An attendee completes or edits their own details."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    job_role = forms.CharField(label=_("Job role"), max_length=200, required=False)
    dietary_needs = forms.CharField(
        label=_("Dietary needs"), max_length=200, required=False
    )
    directory_consent = forms.BooleanField(
        label=_("Show me in the partnering directory"), required=False
    )

    def answers(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("first_name")
        data.pop("last_name")
        return data


class AttendeeForm(AnswersForm):
    """One seat of an order: its ticket and the person who takes it."""

    ticket_type = forms.TypedChoiceField(label=_("Ticket"), coerce=int)
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
    field_order = ["ticket_type", "email"]

    def __init__(self, *args, tickets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = [
            (t.pk, f"{t.name} · {t.price_display}") for t in tickets
        ]

    def item(self) -> OrderItem:
        data = dict(self.cleaned_data)
        return OrderItem(
            ticket_type_id=data.pop("ticket_type"), attendee=Attendee(**data)
        )


class BaseAttendeeFormSet(forms.BaseFormSet):
    """Every seat the form posts must be filled in: Django leaves extra forms
    optional, and a crafted `TOTAL_FORMS` would send empty seats to the order."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = False
        return form


AttendeeFormSet = forms.formset_factory(
    AttendeeForm,
    formset=BaseAttendeeFormSet,
    extra=0,
    min_num=1,
    max_num=MAX_ATTENDEES,
    absolute_max=MAX_ATTENDEES,
    validate_min=True,
    validate_max=True,
)


# The address is a text column; the API's BillingIn allows as much.
BILLING_ADDRESS_MAX_LENGTH = 1000


class OrderForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect, initial=PaymentMethod.INVOICE
    )
    billing_name = forms.CharField(
        label=_("Invoice to (name)"),
        required=False,
        max_length=_max(Order, "billing_name"),
    )
    billing_organisation = forms.CharField(
        label=_("Organisation"),
        required=False,
        max_length=_max(Order, "billing_organisation"),
    )
    billing_address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=BILLING_ADDRESS_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    billing_tax_id = forms.CharField(
        label=_("Tax id"), required=False, max_length=_max(Order, "billing_tax_id")
    )

    def __init__(self, *args, card_enabled: bool, **kwargs):
        super().__init__(*args, **kwargs)
        methods = [(PaymentMethod.INVOICE, _("Invoice / bank transfer"))]
        if card_enabled:
            methods.insert(0, (PaymentMethod.CARD, _("Card")))
        self.fields["method"].choices = methods

    def billing(self) -> Billing:
        data = self.cleaned_data
        return Billing(
            name=data["billing_name"],
            organisation=data["billing_organisation"],
            address=data["billing_address"],
            tax_id=data["billing_tax_id"],
        )


class CodesForm(forms.Form):
    """The access and voucher codes, checked as soon as they are applied: an
    unknown code is an error beside its field and nothing is stored."""

    access_code = forms.CharField(
        label=_("Access code (members, students, speakers)"),
        required=False,
        max_length=_max(TicketType, "access_code"),
    )
    voucher_code = forms.CharField(
        label=_("Voucher code"), required=False, max_length=_max(Voucher, "code")
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.unlocked: list[TicketType] = []

    def clean_access_code(self) -> str:
        code = self.cleaned_data["access_code"].strip()
        self.unlocked = selectors.ticket_type_list_for_code(event=self.event, code=code)
        if code and not self.unlocked:
            raise forms.ValidationError(_("This access code is not valid."))
        return code

    def clean_voucher_code(self) -> str:
        code = self.cleaned_data["voucher_code"].strip()
        if code:
            try:
                find_voucher(event=self.event, code=code, now=timezone.now())
            except VoucherInvalid as exc:
                raise forms.ValidationError(str(exc)) from None
        return code

    def check_choice(self, ticket_ids: set[int]) -> bool:
        """A code that unlocks a ticket nobody chose is a mistake to point out,
        not an order at full price."""
        if not self.unlocked or ticket_ids & {t.pk for t in self.unlocked}:
            return True
        names = ", ".join(str(t.name) for t in self.unlocked)
        self.add_error(
            "access_code",
            _("This code unlocks: %(tickets)s. Choose it above.") % {"tickets": names},
        )
        return False


def typed_rows(data, *, prefix: str = "attendee") -> tuple[list[dict], str]:
    """The attendee rows as typed, to show again after adding or removing a
    colleague or applying a code; a damaged form count is said, not obeyed."""
    try:
        count = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except ValueError:
        count = 0
    error = ""
    if not 1 <= count <= MAX_ATTENDEES:
        error = _("The list of attendees was damaged; check it and try again.")
        count = max(1, min(count, MAX_ATTENDEES))
    names = list(AttendeeForm.base_fields)
    rows = [
        {name: data.get(f"{prefix}-{i}-{name}", "") for name in names}
        for i in range(count)
    ]
    return rows, error


def typed_values(form_class, data, *, prefix: str) -> dict:
    """A form's values as typed, to show again without judging them yet."""
    return {
        name: data.get(f"{prefix}-{name}")
        for name in form_class.base_fields
        if f"{prefix}-{name}" in data
    }


class ManualRegistrationForm(FamilyNameFirst, forms.Form):
    """An organiser registers someone by hand."""

    ticket_type = forms.TypedChoiceField(label=_("Ticket"), coerce=int)
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(
        label=_("Organisation"), max_length=200, required=False
    )
    payment = forms.ChoiceField(
        label=_("Payment"),
        widget=forms.RadioSelect,
        initial="invoice",
        choices=[
            ("invoice", _("Invoice / bank transfer")),
            ("complimentary", _("Complimentary (free)")),
        ],
    )

    def __init__(self, *args, tickets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = [(t.pk, t.name) for t in tickets]

    def item(self) -> OrderItem:
        data = self.cleaned_data
        return OrderItem(
            ticket_type_id=data["ticket_type"],
            attendee=Attendee(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation_name=data["organisation_name"],
            ),
        )


class RefundForm(forms.Form):
    """How much of a paid order to refund. Empty means what is left, and the
    confirmation step then says that amount in full; more than is left is an
    error on the field, the typed amount kept."""

    amount = forms.DecimalField(
        label=_("Amount to refund"),
        required=False,
        min_value=0,
        max_digits=13,
        decimal_places=2,
    )

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.left = order.total - order.refunded_amount
        self.fields["amount"].help_text = _(
            "Empty: the full amount not yet refunded, %(left)s."
        ) % {"left": format_money(self.left, order.currency)}

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        currency = self.order.currency
        if amount is None:
            amount = self.left
        if amount != quantize(amount, currency):
            unit = Decimal(1).scaleb(-exponent(currency))
            raise forms.ValidationError(
                _("The smallest amount in %(currency)s is %(unit)s.")
                % {"currency": currency, "unit": format_money(unit, currency)}
            )
        if self.left <= 0:
            raise forms.ValidationError(_("Nothing is left to refund."))
        if amount <= 0:
            raise forms.ValidationError(_("Enter an amount above zero."))
        if amount > self.left:
            raise forms.ValidationError(
                _("At most %(left)s can still be refunded.")
                % {"left": format_money(self.left, currency)}
            )
        return quantize(amount, currency)
