from django import forms
from django.utils.translation import gettext_lazy as _

from badges.enums import SheetLayout
from registration.enums import RegistrationCategory
from registration.models import TicketType


class BatchForm(forms.Form):
    event = forms.ModelChoiceField(queryset=None, label=_("Event"))
    layout = forms.ChoiceField(choices=SheetLayout.choices, label=_("Layout"))
    only_unprinted = forms.BooleanField(
        required=False, initial=True, label=_("Only badges not yet printed")
    )
    ticket_type = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Ticket type"), empty_label=_("All")
    )
    category = forms.ChoiceField(
        choices=[("", _("All")), *RegistrationCategory.choices],
        required=False,
        label=_("Category"),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
        self.fields["ticket_type"].queryset = TicketType.objects.filter(
            event__in=events
        ).select_related("event")


class ScannerTokenForm(forms.Form):
    event = forms.ModelChoiceField(queryset=None, label=_("Event"))
    name = forms.CharField(
        max_length=100, label=_("Device name"), help_text=_("e.g. Hall A door")
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events
