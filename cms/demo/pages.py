"""The demo site's page tree, in English and Korean, for every demo event.

Idempotent: pages are found by parent and slug, and a page is republished only when
its fields differ from the live version (StreamField bodies are set once).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from wagtail.models import Locale, Page, Site

from accounts.models import User
from accounts.services import user_upsert
from cms import access
from cms.demo import content
from cms.models import HomePage, SiteChrome, StandardPage
from events import services
from events.demo.common import DEMO_PASSWORD
from events.enums import TeamRole
from events.models import Event

EDITOR_EMAIL = "editor@convene.test"
STREAM_FIELDS = {"body"}


def _publish(page: Page, fields: dict) -> Page:
    """Publish the fields unless the live page already shows exactly them."""
    plain = {k: v for k, v in fields.items() if k not in STREAM_FIELDS}
    if page.live and all(getattr(page, k) == v for k, v in plain.items()):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _child(parent: Page, model: type[Page], slug: str, fields: dict) -> Page:
    """The English child page with this slug, created and published if missing."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=model(slug=slug, locale=parent.locale, **fields)
        )
        page.save_revision().publish()
        return page
    return _publish(page, {k: v for k, v in fields.items() if k not in STREAM_FIELDS})


def _translate(page: Page, korean: Locale, fields: dict) -> Page:
    translation = page.get_translation_or_none(korean)
    if translation is None:
        translation = page.copy_for_translation(korean)
        for name, value in fields.items():
            setattr(translation, name, value)
        translation.save_revision().publish()
        return translation
    plain = {k: v for k, v in fields.items() if k not in STREAM_FIELDS}
    return _publish(translation.specific, plain)


def _pair(parent: Page, korean: Locale, model, slug: str, en: dict, ko: dict) -> Page:
    page = _child(parent, model, slug, en)
    _translate(page, korean, ko)
    return page


def _english_home() -> HomePage:
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's install leaves a plain "Welcome" page where the home page goes.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = root.add_child(
            instance=HomePage(slug="home", locale=english, **content.HOME["en"])
        )
    return _publish(home, content.HOME["en"])


def _event_pages(home: HomePage, korean: Locale) -> None:
    events = {e.slug: e for e in Event.objects.filter(slug__in=content.EVENT_SLUGS)}
    for spec in content.event_trees(events):
        landing = _pair(home, korean, spec["model"], spec["slug"], *spec["fields"])
        for child in spec["children"]:
            _pair(landing, korean, child["model"], child["slug"], *child["fields"])
    for spec in content.home_children(events):
        _pair(home, korean, spec["model"], spec["slug"], *spec["fields"])


def _chrome(site: Site, about: Page | None) -> None:
    chrome = SiteChrome.for_site(site)
    chrome.footer_text_en = content.FOOTER["en"]
    chrome.footer_text_ko = content.FOOTER["ko"]
    chrome.contact_email = "info@convene.test"
    if about is not None and not chrome.footer_links:
        chrome.footer_links = [
            ("link", {"label_en": "About", "label_ko": "소개", "page": about})
        ]
    chrome.save()


def _editor() -> None:
    """A page editor of the conference: drafts its pages and submits them; the
    conference's organisers approve (its workflow, cms.access)."""
    editor = user_upsert(
        email=EDITOR_EMAIL,
        password=DEMO_PASSWORD,
        first_name="Eun",
        last_name="Seo",
        name_ko="서은",
    )
    conference = Event.objects.filter(slug="kic-2027").first()
    if conference is not None:
        services.team_member_add(event=conference, user=editor, role=TeamRole.EDITOR)


@transaction.atomic
def build_site() -> HomePage:
    home = _english_home()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    # The site's own address (SITE_URL, the port `make demo` serves on) makes the
    # hreflang, og:url and sitemap links absolute and right.
    served = urlsplit(settings.SITE_URL)
    site.hostname, site.root_page = served.hostname or "localhost", home
    site.port = served.port or (443 if served.scheme == "https" else 80)
    site.site_name = "Convene"
    site.save()
    korean = Locale.objects.get(language_code="ko")
    _translate(home, korean, content.HOME["ko"])
    _event_pages(home, korean)
    _chrome(site, StandardPage.objects.child_of(home).filter(slug="about").first())
    _editor()
    _access()
    return home


def _access() -> None:
    """Groups follow the team roles; a demo database made before this rule had
    organisers in a hand-made group, so a rerun puts everyone where roles say."""
    access.organisers_group()
    for event in Event.objects.all():
        access.event_access_sync(event=event)
    people = Q(groups__isnull=False) | Q(event_roles__isnull=False)
    for user in User.objects.filter(people).distinct():
        access.user_access_sync(user=user)
