from __future__ import annotations

from django import forms
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _

from events.money import quantize
from events.wagtail_forms import EventLocalTimesForm, event_of
from registration.enums import VoucherKind


def _currency_label(form: forms.BaseForm, name: str, label: str) -> None:
    event = event_of(form.instance)
    field = form.fields[name]
    if event is None:
        field.help_text = format_lazy(
            "{} {}", field.help_text or "", _("In the event's currency.")
        ).strip()
    else:
        field.label = _("%(label)s (%(currency)s)") % {
            "label": label,
            "currency": event.currency,
        }


class TicketTypeForm(EventLocalTimesForm):
    """The price carries the event's currency (the model refuses sub-units)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "price" in self.fields:
            _currency_label(self, "price", _("Price"))


class VoucherForm(EventLocalTimesForm):
    """A voucher applies only to its own event's ticket types."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "value" in self.fields:
            _currency_label(self, "value", capfirst(_("value")))
        tickets = self.fields.get("ticket_types")
        if tickets is not None:
            tickets.queryset = tickets.queryset.select_related("event")
            event = event_of(self.instance)
            if event is not None:
                tickets.queryset = tickets.queryset.filter(event=event)

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event")
        tickets = cleaned.get("ticket_types")
        if event is not None and tickets:
            foreign = [str(t) for t in tickets if t.event_id != event.pk]
            if foreign:
                self.add_error(
                    "ticket_types",
                    _("Only this event's ticket types: %(tickets)s is not.")
                    % {"tickets": ", ".join(foreign)},
                )
        kind, value = cleaned.get("kind"), cleaned.get("value")
        if event is not None and kind == VoucherKind.FIXED and value is not None:
            if quantize(value, event.currency) != value:
                self.add_error(
                    "value", _("This currency has no smaller unit than that.")
                )
        return cleaned
