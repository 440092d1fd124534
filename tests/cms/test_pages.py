import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo.pages import build_site
from cms.models import (
    AgendaPage,
    DelegationProgrammePage,
    EventPage,
    ForumPage,
    HomePage,
    SpeakerIndexPage,
    StandardPage,
)
from tests.cms.conftest import publish_child, translate
from tests.factories.events import EventFactory, SponsorFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


class TestHomePageRules(WagtailPageTestCase):
    def test_can_be_created_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)

    def test_cannot_nest_a_home_page(self):
        self.assertCanNotCreateAt(HomePage, HomePage)


@pytest.mark.parametrize(
    ("language", "heading"),
    [("en", "Clinical trials, delegations"), ("ko", "임상시험 컨퍼런스")],
)
def test_home_page_renders_in_both_languages_with_published_events(
    client, language, heading
):
    build_site()
    EventFactory(name_en="KIC 2027", name_ko="국제임상 2027")
    EventFactory(name_en="Secret draft", is_published=False)
    response = client.get(f"/{language}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert heading in html
    assert ("국제임상 2027" if language == "ko" else "KIC 2027") in html
    assert "Secret draft" not in html
    assert f'<html lang="{language}">' in html


def test_root_redirects_to_a_language(client):
    build_site()
    response = client.get("/")
    assert (response.status_code, response["Location"]) == (302, "/en/")


def test_build_site_twice_keeps_one_home_per_language():
    build_site()
    build_site()
    assert HomePage.objects.count() == 2
    assert {p.locale.language_code for p in HomePage.objects.all()} == {"en", "ko"}


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_takes_event_pages_and_standard_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {EventPage, DelegationProgrammePage, ForumPage, StandardPage},
        )

    def test_agenda_lives_under_an_event_delegation_or_forum_page(self):
        self.assertAllowedParentPageTypes(
            AgendaPage, {EventPage, DelegationProgrammePage, ForumPage}
        )

    def test_speaker_index_lives_under_an_event_or_forum_page(self):
        self.assertAllowedParentPageTypes(SpeakerIndexPage, {EventPage, ForumPage})

    def test_agenda_and_speaker_pages_have_no_children(self):
        self.assertCanNotCreateAt(AgendaPage, StandardPage)
        self.assertCanNotCreateAt(SpeakerIndexPage, StandardPage)

    def test_event_pages_cannot_nest_or_sit_at_the_root(self):
        self.assertCanNotCreateAt(EventPage, EventPage)
        self.assertCanNotCreateAt(Page, EventPage)
        self.assertCanCreateAt(EventPage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)


def _landing_pages(home, event_kind_pages):
    out = []
    for model, event in event_kind_pages:
        page = publish_child(
            home, model(title=f"{event.name_en} page", slug=event.slug, event=event)
        )
        translate(page, title=f"{event.name_ko} 페이지")
        out.append(page)
    return out


@pytest.mark.parametrize("language", ["en", "ko"])
def test_every_page_type_renders_in_both_languages(client, home, language):
    conference = EventFactory(name_en="KIC 2027", name_ko="국제임상 2027")
    delegation = EventFactory(
        kind="delegation",
        name_en="ASCO trip",
        name_ko="ASCO 대표단",
        timezone="America/Chicago",
    )
    forum = EventFactory(kind="forum", name_en="KBIF", name_ko="바이오 투자 포럼")
    SponsorFactory(
        event=conference, organisation__name_en="Acme", organisation__name_ko="애크미"
    )
    landing, programme, forum_page = _landing_pages(
        home,
        [
            (EventPage, conference),
            (DelegationProgrammePage, delegation),
            (ForumPage, forum),
        ],
    )
    agenda = publish_child(
        landing, AgendaPage(title="Agenda", slug="agenda", event=conference)
    )
    translate(agenda, title="프로그램")
    standard = publish_child(
        landing,
        StandardPage(
            title="Info",
            slug="info",
            body=[
                ("rich_text", "<p>Hello</p>"),
                (
                    "faq",
                    {
                        "heading": "Q",
                        "items": [{"question": "Why?", "answer": "<p>Because.</p>"}],
                    },
                ),
                ("sponsor_grid", {"heading": "Sponsors", "event": conference}),
                (
                    "agenda_excerpt",
                    {"heading": "Soon", "event": conference, "kind": "", "count": 2},
                ),
                (
                    "call_to_action",
                    {
                        "text": "Come",
                        "label": "Register",
                        "page": None,
                        "url": "https://example.org/",
                    },
                ),
            ],
        ),
    )
    translate(standard, title="안내")
    speakers = publish_child(
        landing, SpeakerIndexPage(title="Speakers", slug="speakers", event=conference)
    )
    translate(speakers, title="연사")
    expected = {
        "": ("국제임상 2027" if language == "ko" else "KIC 2027"),
        f"{conference.slug}/": ("애크미" if language == "ko" else "Acme"),
        f"{conference.slug}/agenda/": ("프로그램" if language == "ko" else "Agenda"),
        f"{conference.slug}/speakers/": ("연사" if language == "ko" else "Speakers"),
        f"{conference.slug}/info/": "Because.",
        f"{delegation.slug}/": ("ASCO 대표단" if language == "ko" else "ASCO trip"),
        f"{forum.slug}/": ("바이오 투자 포럼" if language == "ko" else "KBIF"),
    }
    for path, text in expected.items():
        response = client.get(f"/{language}/{path}")
        html = response.content.decode()
        assert (response.status_code, text in html) == (200, True), path
        assert f'<html lang="{language}">' in html
        assert 'hreflang="ko"' in html
        assert 'hreflang="en"' in html


def test_page_alternates_point_at_each_language(client, pages, settings):
    """Absolute, at the site's own address (SITE_URL in the demo)."""
    html = client.get("/en/kic/agenda/").content.decode()
    site = settings.SITE_URL
    assert f'<link rel="alternate" hreflang="ko" href="{site}/ko/kic/agenda/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{site}/en/kic/agenda/">' in html


def test_open_graph_tags_name_the_page(client, pages, settings):
    html = client.get("/en/kic/").content.decode()
    assert '<meta property="og:title" content="KIC Test">' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}/en/kic/">' in html


def test_landing_page_shows_dates_zone_and_venue(client, pages):
    html = client.get("/ko/kic/").content.decode()
    assert 'href="/ko/register/kic-test/"' in html
    assert "Asia/Seoul (KST)" in html
    assert "2027년 9월 14일" in html
    assert "COEX" in html


def test_draft_page_is_not_public(client, home, conference):
    page = EventPage(title="Draft", slug="draft", event=conference.event, live=False)
    home.add_child(instance=page)
    page.save_revision()
    assert client.get("/en/draft/").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_admin_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"] == "text/plain"
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_pages_in_both_languages(client, pages, settings):
    body = client.get("/sitemap.xml").content.decode()
    assert f"{settings.SITE_URL}/en/kic/agenda/" in body
    assert f"{settings.SITE_URL}/ko/kic/agenda/" in body


def test_agenda_and_programme_pages_offer_download_and_subscriptions(client, home):
    delegation = EventFactory(
        kind="delegation", slug="asco", timezone="America/Chicago"
    )
    (programme,) = _landing_pages(home, [(DelegationProgrammePage, delegation)])
    publish_child(
        programme, AgendaPage(title="Agenda", slug="agenda", event=delegation)
    )
    feed = "127.0.0.1:8000/calendar/events/asco.ics"

    for path in ("/en/asco/", "/en/asco/agenda/"):
        html = client.get(path).content.decode()
        assert 'href="/calendar/events/asco.ics" download' in html, path
        assert f'href="webcal://{feed}"' in html, path
        assert "calendar.google.com/calendar/r?cid=webcal%3A%2F%2F" in html, path
        assert "outlook.live.com/calendar/0/addfromweb?url=webcal" in html, path


def test_the_forum_and_programme_pages_lead_into_partnering_and_applying(client, home):
    """A visitor reaches the directory, registration and the application from the
    landing pages, without knowing their addresses."""
    forum = EventFactory(kind="forum", slug="kbif")
    delegation = EventFactory(kind="delegation", slug="asco")
    _landing_pages(home, [(ForumPage, forum), (DelegationProgrammePage, delegation)])

    forum_html = client.get("/en/kbif/").content.decode()
    assert 'href="/en/partnering/kbif/"' in forum_html
    assert 'href="/en/register/kbif/"' in forum_html
    programme_html = client.get("/ko/asco/").content.decode()
    assert 'href="/ko/delegation/asco/apply/"' in programme_html
