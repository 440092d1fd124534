"""The event's own navigation in the site header, on every page of an event."""

from functools import reduce
from operator import or_

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from events.enums import EventKind
from events.models import Event
from matchmaking.models import PartneringSetup

register = template.Library()


def _landing_types():
    from cms.models import (  # pages import these tags' app; load them late
        AgendaPage,
        DelegationProgrammePage,
        EventPage,
        ForumPage,
        SpeakerIndexPage,
    )

    return (EventPage, DelegationProgrammePage, ForumPage), AgendaPage, SpeakerIndexPage


def _event_of(context) -> Event | None:
    """The event a page belongs to: the view's `event`, or the CMS page's own
    (an event page, its agenda, speakers, or a page under the event's page)."""
    event = context.get("event")
    if isinstance(event, Event):
        return event
    programme = getattr(context.get("programme"), "event", None)
    if isinstance(programme, Event):  # a delegation programme's pages
        return programme
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 3:
        return None
    if hasattr(page, "event_id"):
        return page.event
    landing = Page.objects.filter(path=page.path[:12]).first()
    landing = landing.specific if landing else None
    return getattr(landing, "event", None)


def _event_pages(event: Event) -> list[Page]:
    """The event's landing, agenda and speaker pages in the visitor's language,
    each marked with whether the event has partnering: one query."""
    landings, agenda, speakers = _landing_types()
    models = (*landings, agenda, speakers)
    match = reduce(or_, [Q(**{f"{m._meta.model_name}__event": event}) for m in models])
    partnering = Exists(PartneringSetup.objects.filter(event_id=event.pk))
    pages = Page.objects.live().filter(match, locale=Locale.get_active())
    return list(pages.annotate(partnering=partnering).order_by("path"))


def _link(label: str, url: str, path: str, exact: bool = False) -> dict:
    current = path == url if exact else path.startswith(url)
    return {"label": label, "url": url, "current": current}


def _page_links(pages: list[Page], request, path: str) -> tuple[str | None, list]:
    """The landing page's address, and links to the agenda and speaker pages."""
    _landings, agenda, speakers = _landing_types()
    labels = {
        ContentType.objects.get_for_model(agenda).pk: _("Agenda"),
        ContentType.objects.get_for_model(speakers).pk: _("Speakers"),
    }
    home, links = None, []
    for page in pages:
        url = page.get_url(request)
        if page.content_type_id in labels:
            links.append(_link(labels[page.content_type_id], url, path))
        elif home is None:
            home = url
    return home, links


@register.simple_tag(takes_context=True)
def event_nav(context) -> dict | None:
    """{"event", "links"}: Agenda, Speakers, Register (or Apply), Partnering."""
    event = _event_of(context)
    if event is None:
        return None
    request = context.get("request")
    path = request.path if request else ""
    pages = _event_pages(event)
    partnering = pages[0].partnering if pages else event_has_partnering(event)
    home, links = _page_links(pages, request, path)
    if event.kind == EventKind.DELEGATION:
        url = reverse("delegation:apply", args=[event.slug])
        links.append(_link(_("Apply for a delegation programme"), url, path))
    else:
        url = reverse("registration:register", args=[event.slug])
        links.append(_link(_("Register"), url, path))
    if partnering:
        url = reverse("matchmaking:directory", args=[event.slug])
        links.append(_link(_("Partnering"), url, path))
    current = bool(home) and path == home
    return {"event": event, "home": home, "current": current, "links": links}


def event_has_partnering(event: Event) -> bool:
    return PartneringSetup.objects.filter(event_id=event.pk).exists()
