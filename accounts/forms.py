from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User

# The model's limit, so a longer address is a form error, never a database one.
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class FamilyNameFirst:
    """A form mixin: in Korean the family name is asked first (성, then 이름), as
    Korean readers write a name; the fields and what they store stay the same."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = list(self.fields)
        if get_language() == "ko" and {"first_name", "last_name"} <= set(names):
            i, j = names.index("first_name"), names.index("last_name")
            names[i], names[j] = names[j], names[i]
            self.order_fields(names)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
        help_text=_(
            "The 6-digit code from your authenticator app, or a recovery code."
        ),
    )


class MailLanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


class SignUpForm(FamilyNameFirst, forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)
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
    email = forms.EmailField(label=_("E-mail"), max_length=EMAIL_MAX_LENGTH)


class DeleteAccountForm(forms.Form):
    """Typing one's own e-mail address is the confirmation."""

    confirm = forms.CharField(label=_("Your e-mail address"), max_length=254)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self):
        typed = self.cleaned_data["confirm"].strip().lower()
        if typed != self.user.email.lower():
            raise forms.ValidationError(_("That is not the address of this account."))
        return typed
