"""The event's own navigation in the site header, on every page of an event."""

from functools import reduce
from operator import or_

from django import template
from django.db.models import BooleanField, Exists, ExpressionWrapper, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

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
    if page.depth == 3:  # a page of its own beside the events ("About")
        return None
    landing = Page.objects.filter(path=page.path[:12]).first()
    landing = landing.specific if landing else None
    return getattr(landing, "event", None)


def _event_pages(event: Event) -> list[Page]:
    """The event's landing, agenda and speaker pages in the visitor's language,
    each with `listing` (an agenda or speaker page) and `partnering` (whether the
    event has partnering): one query."""
    landings, agenda, speakers = _landing_types()
    names = [m._meta.model_name for m in (*landings, agenda, speakers)]
    match = reduce(or_, [Q(**{f"{name}__event": event}) for name in names])
    listing = Q(**{f"{names[-2]}__isnull": False}) | Q(
        **{f"{names[-1]}__isnull": False}
    )
    language = get_supported_content_language_variant(get_language())
    pages = Page.objects.live().filter(match, locale__language_code=language)
    return list(
        pages.annotate(
            listing=ExpressionWrapper(listing, output_field=BooleanField()),
            partnering=Exists(PartneringSetup.objects.filter(event_id=event.pk)),
        ).order_by("path")
    )


def _link(label: str, url: str, path: str, exact: bool = False) -> dict:
    current = path == url if exact else path.startswith(url)
    return {"label": label, "url": url, "current": current}


def _page_links(pages: list[Page], request, path: str) -> tuple[str | None, list]:
    """The landing page's address, and links to the agenda and speaker pages
    under their editors' titles ("Agenda", a delegation's "Itinerary")."""
    home, links = None, []
    for page in pages:
        url = page.get_url(request)
        if page.listing:
            links.append(_link(page.title, url, path))
        elif home is None:
            home = url
    return home, links


def _has_partnering(event: Event, pages: list[Page], request) -> bool:
    """From the pages' query; on a partnering page, known; else one query."""
    if pages:
        return pages[0].partnering
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "matchmaking":
        return True
    return PartneringSetup.objects.filter(event_id=event.pk).exists()


@register.simple_tag(takes_context=True)
def event_nav(context) -> dict | None:
    """{"event", "links"}: Agenda, Speakers, Register (or Apply), Partnering."""
    event = _event_of(context)
    if event is None:
        return None
    request = context.get("request")
    path = request.path if request else ""
    pages = _event_pages(event)
    partnering = _has_partnering(event, pages, request)
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
