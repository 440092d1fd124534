"""The agenda's filter form: invalid values are dropped, never an error page."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from events.admin_scope import scope_form_choices
from events.dates import date_text
from events.models import Event
from events.selectors import agenda_filter_choices

VIEWS = [("grid", _("Grid")), ("list", _("List"))]


class AgendaFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    day = forms.TypedChoiceField(
        label=_("Day"), required=False, coerce=dt.date.fromisoformat, empty_value=None
    )
    track = forms.ChoiceField(label=_("Track"), required=False)
    room = forms.TypedChoiceField(
        label=_("Room"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    view = forms.ChoiceField(label=_("View"), required=False, choices=VIEWS)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        choices = agenda_filter_choices(event=event)
        anything = [("", _("All"))]
        self.fields["day"].choices = anything + [
            (d.isoformat(), date_text(d, "DAY_FORMAT")) for d in choices["days"]
        ]
        self.fields["track"].choices = anything + [
            (t.slug, t.name) for t in choices["tracks"]
        ]
        self.fields["room"].choices = anything + [
            (str(r.pk), r.name) for r in choices["rooms"]
        ]
        self.fields["kind"].choices = anything + choices["kinds"]
        self.fields["language"].choices = anything + choices["languages"]
        self.days = choices["days"]

    def filters(self) -> dict:
        """The valid, non-empty filters as keyword arguments of the agenda selector."""
        self.is_valid()
        names = ("q", "day", "track", "room", "kind", "language")
        cleaned = getattr(self, "cleaned_data", {})
        return {n: cleaned[n] for n in names if cleaned.get(n) not in (None, "")}

    def layout(self) -> str:
        return (getattr(self, "cleaned_data", {}) or {}).get("view") or "grid"


class EventBasedPageForm(WagtailAdminPageForm):
    """A page about one event: its event is one the editor organises."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            scope_form_choices(self, self.for_user)
