"""Choosers for the agenda's snippets: searchable, with the columns an organiser
picks by (event, local start, room), and narrowed to the event the form names.

Every chooser stays scoped to the user's events by `events.admin_scope`; the
`event` parameter (sent by a form's event field through the widget's
`linked_fields`) only narrows that further, and a malformed one is ignored.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView
from wagtail.snippets.widgets import AdminSnippetChooser

from events.admin_scope import EventScopedChooserViewSet
from events.localtime import local_text


class EventChooserFilterForm(BaseFilterForm):
    """A search box over `search_lookups` (case-insensitive, in both languages)
    and the hidden event the form's event field chose."""

    search_lookups: tuple[str, ...] = ()

    q = forms.CharField(
        label=_("Search term"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
    )
    # Its own id: the editing form beneath the modal has the `#id_event` the
    # widget reads.
    event = forms.IntegerField(
        required=False, widget=forms.HiddenInput(attrs={"id": "id_chooser_event"})
    )

    def filter(self, objects):
        objects = super().filter(objects)
        if self.cleaned_data.get("event"):
            objects = objects.filter(event_id=self.cleaned_data["event"])
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            match = Q()
            for lookup in self.search_lookups:
                match |= Q(**{f"{lookup}__icontains": query})
            objects = objects.filter(match).distinct()
            self.is_searching, self.search_query = True, query
        return objects


class _EventChooseMixin:
    """The chooser's rows with their event (and room) in the same query."""

    related = ("event",)
    extra_columns: tuple[Column, ...] = ()

    def get_object_list(self):
        return super().get_object_list().select_related(*self.related)

    @property
    def columns(self):
        return [self.title_column, *self.extra_columns]


def _event_column() -> Column:
    return Column("event", label=capfirst(_("event")), accessor="event")


class SessionFilterForm(EventChooserFilterForm):
    search_lookups = (
        "title_en",
        "title_ko",
        "session_speakers__speaker__user__first_name",
        "session_speakers__speaker__user__last_name",
        "session_speakers__speaker__user__name_ko",
    )


class _SessionChoose(_EventChooseMixin):
    filter_form_class = SessionFilterForm
    related = ("event", "room")
    extra_columns = (
        _event_column(),
        Column(
            "start",
            label=capfirst(_("start")),
            accessor=lambda session: local_text(session.start, session.event),
        ),
        Column("room", label=capfirst(_("room")), accessor="room"),
    )


class SessionChooseView(_SessionChoose, ChooseView):
    pass


class SessionChooseResultsView(_SessionChoose, ChooseResultsView):
    pass


class SessionChooserViewSet(EventScopedChooserViewSet):
    choose_view_class = SessionChooseView
    choose_results_view_class = SessionChooseResultsView


class NameFilterForm(EventChooserFilterForm):
    search_lookups = ("name_en", "name_ko")


class _ByEventChoose(_EventChooseMixin):
    filter_form_class = NameFilterForm
    extra_columns = (_event_column(),)


class ByEventChooseView(_ByEventChoose, ChooseView):
    pass


class ByEventChooseResultsView(_ByEventChoose, ChooseResultsView):
    pass


class ByEventChooserViewSet(EventScopedChooserViewSet):
    """Rooms and tracks: named in two languages, listed with their event."""

    choose_view_class = ByEventChooseView
    choose_results_view_class = ByEventChooseResultsView


def chooser_of_the_event(model) -> AdminSnippetChooser:
    """A snippet chooser that opens on the rows of the event chosen in the same
    form (its `event` field)."""
    return AdminSnippetChooser(model, linked_fields={"event": "#id_event"})
