"""The Wagtail admin's way to the organiser pages of each organised event.

Orders, payments, registrations and the waiting list change through services
(mark paid, refund, resend, export) on the organiser desk, not through snippets.
This page lists the user's events (`authority.organised_events`) with a link to
each organiser page that event has. The apps add their pages through the
`ORGANISER_LINKS_HOOK` hook, so events never imports them: registration its
desk, delegations the programme, partnering its dashboard.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events import authority
from events.models import Event

ORGANISER_LINKS_HOOK = "convene_organiser_event_links"
"""A hook function takes the list of events and yields (event id, label, URL)."""


def links_for(
    events: list[Event], *, having: type[Model], label: str, url_name: str
) -> Iterable[tuple[int, str, str]]:
    """A link to `url_name` for each event with a `having` row (its partnering
    set-up, its programme), read in one query."""
    with_it = set(
        having.objects.filter(event__in=events).values_list("event_id", flat=True)
    )
    for event in events:
        if event.pk in with_it:
            yield event.pk, label, reverse(url_name, kwargs={"slug": event.slug})


def organiser_desk(request: HttpRequest) -> HttpResponse:
    events = list(authority.organised_events(user=request.user).order_by("-start_date"))
    links: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for provider in hooks.get_hooks(ORGANISER_LINKS_HOOK):
        for event_id, label, url in provider(events):
            links[event_id].append((label, url))
    title = _("Registrations desk")
    context = {
        "rows": [(event, links[event.pk]) for event in events],
        "page_title": title,
        "header_title": title,
        "header_icon": "list-ul",
    }
    return render(request, "events/admin/organiser_desk.html", context)


class DeskMenuItem(MenuItem):
    """Shown to whoever organises at least one event."""

    def __init__(self, order: int = 1000):
        super().__init__(
            gettext_lazy("Registrations desk"),
            reverse("events_admin_desk"),
            icon_name="list-ul",
            order=order,
        )

    def is_shown(self, request) -> bool:
        return authority.organised_events(user=request.user).exists()
