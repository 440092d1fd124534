"""The demo site's page tree, in English and Korean."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.models import HomePage

HOME = {
    "en": {
        "title": "Convene",
        "hero_title": "Clinical trials, delegations and partnering in one place",
        "intro": "<p>The agenda, speakers and partnering of the agency's conference, "
        "delegation programmes and investment forums.</p>",
    },
    "ko": {
        "title": "Convene",
        "hero_title": "임상시험 컨퍼런스, 대표단, 파트너링을 한곳에서",
        "intro": "<p>컨퍼런스, 해외 대표단, 투자 포럼의 일정과 연사, 파트너링을 "
        "확인하세요.</p>",
    },
}


def _publish(page: Page, fields: dict) -> Page:
    """Publish the fields unless the live page already shows exactly them."""
    if page.live and all(getattr(page, k) == v for k, v in fields.items()):
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def _english_home() -> HomePage:
    english = Locale.objects.get(language_code="en")
    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's install leaves a plain "Welcome" page where the home page goes.
        Page.objects.filter(depth=2, content_type__model="page").delete()
        home = root.add_child(
            instance=HomePage(slug="home", locale=english, **HOME["en"])
        )
    return _publish(home, HOME["en"])


@transaction.atomic
def build_site() -> HomePage:
    home = _english_home()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        is_default_site=True
    )
    site.hostname, site.port, site.root_page = "localhost", 80, home
    site.site_name = "Convene"
    site.save()
    korean = Locale.objects.get(language_code="ko")
    translation = home.get_translation_or_none(korean)
    if translation is None:
        translation = home.copy_for_translation(korean)
    _publish(translation.specific, HOME["ko"])
    return home
