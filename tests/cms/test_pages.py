import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.demo import build_site
from cms.models import HomePage
from tests.factories import EventFactory

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
