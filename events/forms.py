"""HTML forms for registration; they only parse input, the services decide."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from events.enums import PaymentMethod
from events.models import User
from events.registration import Attendee, Billing, OrderItem


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
    email = forms.EmailField(label=_("E-mail"))
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


AttendeeFormSet = forms.formset_factory(AttendeeForm, extra=0, min_num=1, max_num=20)


class OrderForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Payment"), widget=forms.RadioSelect, initial=PaymentMethod.INVOICE
    )
    voucher_code = forms.CharField(label=_("Voucher code"), required=False)
    access_code = forms.CharField(
        label=_("Access code (members, students, speakers)"), required=False
    )
    billing_name = forms.CharField(label=_("Invoice to (name)"), required=False)
    billing_organisation = forms.CharField(label=_("Organisation"), required=False)
    billing_address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    billing_tax_id = forms.CharField(label=_("Tax id"), required=False)

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


class MailLanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


class SignUpForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("This e-mail already has an account: sign in instead.")
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("password"):
            user = User(email=data.get("email", ""), first_name=data.get("first_name"))
            password_validation.validate_password(data["password"], user)
        return data


class SignInLinkForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))


class ManualRegistrationForm(forms.Form):
    """An organiser registers someone by hand."""

    ticket_type = forms.TypedChoiceField(label=_("Ticket"), coerce=int)
    email = forms.EmailField(label=_("E-mail"))
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
    amount = forms.DecimalField(
        label=_("Amount to refund"),
        required=False,
        min_value=0,
        max_digits=13,
        decimal_places=2,
        help_text=_("Empty: everything not yet refunded."),
    )
