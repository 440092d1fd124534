from django import forms
from django.utils.translation import gettext_lazy as _


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
