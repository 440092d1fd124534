"""HTML forms for registration; they only parse input, the services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import EMAIL_MAX_LENGTH
from events.money import exponent, format_money, quantize
from registration.enums import PaymentMethod
from registration.models import Order, TicketType, Voucher
from registration.services import Attendee, Billing, OrderItem


def _max(model, field: str) -> int:
    """A column's length, so the form refuses what the save would (Django's form
    EmailField allows 320 characters, the model's column 254)."""
    return model._meta.get_field(field).max_length


class AnswersForm(forms.Form):
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
    max_num=20,
    absolute_max=20,
    validate_min=True,
    validate_max=True,
)


# The address is a text column; the API's BillingIn allows as much.
BILLING_ADDRESS_MAX_LENGTH = 1000


class OrderForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect, initial=PaymentMethod.INVOICE
    )
    voucher_code = forms.CharField(
        label=_("Voucher code"), required=False, max_length=_max(Voucher, "code")
    )
    access_code = forms.CharField(
        label=_("Access code (members, students, speakers)"),
        required=False,
        max_length=_max(TicketType, "access_code"),
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


class ManualRegistrationForm(forms.Form):
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
