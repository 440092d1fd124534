"""The organiser's back office in the Wagtail admin: one hub per event.

Organisers land in the Wagtail admin. Its menu's *My events* lists the events
they organise (`authority.organised_events`), each leading to the event's hub
(`/admin/events/<slug>/`): every tool of that event, grouped by section, and the
numbers that matter today. The home page shows the same numbers per event.

Events never imports the apps built on it: each app contributes its tools
through `ORGANISER_LINKS_HOOK` and its numbers through `EVENT_NUMBERS_HOOK`, a
hook function taking the list of events (and, for links, the user) and reading
all of them in a fixed number of queries, so the home page and the hub stay
bounded whatever the number of events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

from events import authority
from events.models import Event

ORGANISER_LINKS_HOOK = "convene_organiser_event_links"
"""A hook function takes (events, user) and yields a `Tool` per tool of each."""

EVENT_NUMBERS_HOOK = "convene_organiser_event_numbers"
"""A hook function takes the events and yields a `Figure` per number of each."""

SECTIONS: tuple[tuple[str, str], ...] = (
    ("registration", gettext_lazy("Registration")),
    ("programme", gettext_lazy("Programme")),
    ("partnering", gettext_lazy("Partnering")),
    ("delegation", gettext_lazy("Delegation programme")),
    ("badges", gettext_lazy("Badges and check-in")),
    ("exports", gettext_lazy("Exports")),
    ("records", gettext_lazy("Audit log and access")),
    ("site", gettext_lazy("Public site")),
)
MENU_EVENTS = 12  # the menu's length; the events list has them all
PANEL_EVENTS = 4  # the home page's panels, upcoming and current first


@dataclass(frozen=True)
class Tool:
    """One tool of one event: a page, a filtered list or a download."""

    event_id: int
    section: str
    label: str
    url: str


@dataclass(frozen=True)
class Figure:
    """One of today's numbers of one event, already formatted."""

    event_id: int
    label: str
    value: str
    url: str = ""


def links_for(
    events: Sequence[Event],
    *,
    having: type[Model],
    section: str,
    links: Sequence[tuple[str, str]],
) -> Iterable[Tool]:
    """A tool per (label, URL name) for each event with a `having` row (its
    partnering set-up, its programme), read in one query."""
    with_it = set(
        having.objects.filter(event__in=events).values_list("event_id", flat=True)
    )
    for event in events:
        if event.pk in with_it:
            for label, url_name in links:
                url = reverse(url_name, kwargs={"slug": event.slug})
                yield Tool(event.pk, section, label, url)


def events_in_order(*, user) -> list[Event]:
    """The user's events, current and upcoming first (soonest first), then past
    ones (latest first)."""
    today = timezone.localdate()
    events = list(authority.organised_events(user=user).select_related("venue"))
    coming = sorted(
        (e for e in events if e.end_date >= today), key=lambda e: e.start_date
    )
    past = sorted(
        (e for e in events if e.end_date < today),
        key=lambda e: e.start_date,
        reverse=True,
    )
    return coming + past


def tools_by_section(events: Sequence[Event], user) -> dict[int, list]:
    """Per event id, [(section label, [Tool…])…] in `SECTIONS` order."""
    found: dict[int, dict[str, list[Tool]]] = defaultdict(lambda: defaultdict(list))
    for provider in hooks.get_hooks(ORGANISER_LINKS_HOOK):
        for tool in provider(events, user):
            found[tool.event_id][tool.section].append(tool)
    return {
        event.pk: [
            (label, found[event.pk][key])
            for key, label in SECTIONS
            if found[event.pk][key]
        ]
        for event in events
    }


def figures_for(events: Sequence[Event]) -> dict[int, list[Figure]]:
    figures: dict[int, list[Figure]] = defaultdict(list)
    if events:
        for provider in hooks.get_hooks(EVENT_NUMBERS_HOOK):
            for figure in provider(events):
                figures[figure.event_id].append(figure)
    return figures


def _organised_event(request: HttpRequest, slug: str) -> Event:
    event = authority.organised_events(user=request.user).filter(slug=slug).first()
    if event is None:
        raise Http404
    return event


def event_list(request: HttpRequest) -> HttpResponse:
    events = events_in_order(user=request.user)
    title = _("My events")
    context = {
        "events": events,
        "page_title": title,
        "header_title": title,
        "header_icon": "calendar",
    }
    return render(request, "events/admin/event_list.html", context)


def event_hub(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organised_event(request, slug)
    context = {
        "event": event,
        "sections": tools_by_section([event], request.user)[event.pk],
        "figures": figures_for([event])[event.pk],
        "page_title": event.name,
        "header_title": event.name,
        "header_icon": "calendar",
        "breadcrumbs_items": [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("events_admin_list"), "label": _("My events")},
            {"url": "", "label": event.name},
        ],
    }
    return render(request, "events/admin/event_hub.html", context)


class EventPanel(Component):
    """The Wagtail home page's panel of one event: today's numbers and its hub."""

    template_name = "events/admin/home_panel.html"

    def __init__(self, event: Event, figures: list[Figure], order: int):
        self.event, self.figures, self.order = event, figures, order
        self.name = f"event-{event.slug}"

    def get_context_data(self, parent_context=None):
        return {"event": self.event, "figures": self.figures}


def home_panels(request: HttpRequest) -> list[EventPanel]:
    events = events_in_order(user=request.user)[:PANEL_EVENTS]
    figures = figures_for(events)
    return [
        EventPanel(event, figures[event.pk], order=10 + index)
        for index, event in enumerate(events)
    ]


class _EventsMenu(Menu):
    """The user's events, read when the menu is drawn (a menu is built once)."""

    def menu_items_for_request(self, request):
        events = events_in_order(user=request.user)
        items = [
            MenuItem(
                event.name,
                reverse("events_admin_hub", kwargs={"slug": event.slug}),
                name=f"event-{event.slug}",
                icon_name="calendar",
                order=index,
            )
            for index, event in enumerate(events[:MENU_EVENTS])
        ]
        if items:
            items.append(
                MenuItem(
                    gettext_lazy("All my events"),
                    reverse("events_admin_list"),
                    name="all-my-events",
                    icon_name="list-ul",
                    order=MENU_EVENTS + 1,
                )
            )
        return items


def events_menu_item() -> SubmenuMenuItem:
    """Shown to whoever organises at least one event."""
    return SubmenuMenuItem(
        gettext_lazy("My events"),
        _EventsMenu(),
        name="my-events",
        icon_name="calendar",
        order=50,
    )
