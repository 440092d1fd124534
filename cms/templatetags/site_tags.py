"""Template helpers for the public site: language alternates, names, agenda links."""

import datetime as dt
import functools
from urllib.parse import quote, urlencode

from django import template
from wagtail.models import Locale, Page, Site

from accounts.templatetags.people import person_name

register = template.Library()

KOREA = "Asia/Seoul"
LANGUAGE_NAMES = {"en": "English", "ko": "한국어"}


@register.simple_tag(takes_context=True)
def alternates(context) -> list[dict]:
    """The page in each language, keeping a routable sub-path (session, speaker)."""
    request, page = context.get("request"), context.get("page")
    if request is None or not isinstance(page, Page) or page.pk is None:
        return [
            {"lang": code, "name": name, "url": f"/{code}/", "full_url": f"/{code}/"}
            for code, name in LANGUAGE_NAMES.items()
        ]
    own = page.get_url(request) or ""
    rest = request.path[len(own) :] if request.path.startswith(own) else ""
    query = request.GET.urlencode()
    suffix = rest + (f"?{query}" if query else "")
    pages = page.get_translations(inclusive=True).live().select_related("locale")
    out = []
    for translation in pages.order_by("locale__language_code"):
        code = translation.locale.language_code
        url = translation.get_url(request)
        if url:
            out.append(
                {
                    "lang": code,
                    "name": LANGUAGE_NAMES.get(code, code),
                    "url": url + suffix,
                    "full_url": (translation.full_url or url) + rest,
                }
            )
    return out


# {{ user|person_name }} without loading `people` too (accounts' filter).
register.filter("person_name", person_name)


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name: str, *args) -> str:
    """A routable page's sub-URL, e.g. `{% subpage_url agenda "session" s.pk %}`."""
    if page is None:
        return ""
    request = context.get("request")
    # An agenda links each session and speaker: look the page's own URL up once.
    cache = getattr(request, "_subpage_bases", None) if request else None
    if cache is None:
        cache = {}
        if request is not None:
            request._subpage_bases = cache
    if page.pk not in cache:
        cache[page.pk] = page.get_url(request)
    parts = [quote(str(arg), safe="") for arg in args]
    return cache[page.pk] + _route(type(page), name, len(args)).format(*parts)


_SENTINEL = "9876543210{}"  # passes the int, str and slug converters


@functools.cache
def _route(page_type, name: str, arity: int) -> str:
    """A sub-route as a format string ("session/{}/"): reversed once per route,
    not once per link (an agenda has hundreds)."""
    sentinels = [_SENTINEL.format(i) for i in range(arity)]
    route = page_type.get_resolver().reverse(name, *sentinels)
    for i, sentinel in enumerate(sentinels):
        route = route.replace(sentinel, "{" + str(i) + "}")
    return route


@register.simple_tag(takes_context=True)
def agenda_for(context, event):
    """The live agenda page of an event in the visitor's language, if there is one."""
    from cms.models import AgendaPage  # pages import selectors; tags load later

    cache = context.render_context.setdefault("agenda_for", {})
    if event.pk not in cache:
        locale = Locale.get_active()
        pages = AgendaPage.objects.live().filter(event=event)
        cache[event.pk] = (
            pages.filter(locale=locale).first() or pages.order_by("pk").first()
        )
    return cache[event.pk]


def _ics_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@register.simple_tag
def google_calendar_url(session, event, location: str = "") -> str:
    """A link that opens Google Calendar's "new event" form prefilled (no script)."""
    params = {
        "action": "TEMPLATE",
        "text": session.title,
        "dates": f"{_ics_stamp(session.start)}/{_ics_stamp(session.end)}",
        "details": session.abstract[:800],
        "location": location,
        "ctz": event.timezone,
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(params)


@register.simple_tag
def outlook_calendar_url(session, location: str = "") -> str:
    params = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": session.title,
        "startdt": session.start.astimezone(dt.UTC).isoformat(),
        "enddt": session.end.astimezone(dt.UTC).isoformat(),
        "body": session.abstract[:800],
        "location": location,
    }
    return "https://outlook.office.com/calendar/0/deeplink/compose?" + urlencode(params)


@register.simple_tag
def event_calendar_links(event) -> dict:
    from calendars.selectors import event_links

    return event_links(event)


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's children marked "show in menus", in the visitor's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    root = site.root_page.localized
    return list(root.get_children().live().in_menu().specific())


@register.simple_tag
def landing_pages() -> dict:
    """Event id → the live landing page in the active language (a query per page type)."""
    from cms.models import DelegationProgrammePage, EventPage, ForumPage

    locale = Locale.get_active()
    found = {}
    for model in (EventPage, DelegationProgrammePage, ForumPage):
        for page in model.objects.live().filter(locale=locale):
            found.setdefault(page.event_id, page)
    return found


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
