"""Publishing a page in the Wagtail admin asks first: the Publish button opens a
dialog that says what goes online and when, on the event's clock for an event's
page; only the dialog's button publishes. Bulk publish and unpublish in the
listings ask on Wagtail's own confirmation page."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import Page

from cms.models import EventPage, StandardPage
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NINE_IN_SEOUL = dt.datetime(2030, 9, 1, 0, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _edit(client, page) -> str:
    return client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()


def test_the_publish_button_opens_a_dialog_that_asks(admin_client, home):
    page = StandardPage(title="Visa letters", slug="visa", live=False)
    home.add_child(instance=page)
    html = _edit(admin_client, page)
    assert 'data-a11y-dialog-show="w-confirm-publish-dialog"' in html
    assert "Publish “Visa letters” now?" in html
    assert "The page goes online at once, for everyone to see." in html
    # the one submit button that publishes is the dialog's
    assert html.count('name="action-publish"') == 1
    assert html.index('name="action-publish"') > html.index("w-confirm-publish-dialog")


def test_publishing_still_works_from_the_dialogs_button(admin_client, home):
    page = StandardPage(title="Visa letters", slug="visa", live=False)
    home.add_child(instance=page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = {
        "title": "Visa letters",
        "slug": "visa",
        "body-count": "0",
        "action-publish": "action-publish",
    }
    admin_client.post(url, data)
    page.refresh_from_db()
    assert page.live


def test_scheduled_publishing_says_when_on_the_events_clock(admin_client, home):
    event = EventFactory(timezone="Asia/Seoul")
    page = EventPage(title="KIC 2030", slug="kic-2030", event=event, live=False)
    home.add_child(instance=page)
    page.go_live_at = NINE_IN_SEOUL
    page.save_revision()
    html = _edit(admin_client, page)
    assert "Schedule “KIC 2030” to go live?" in html
    assert "It goes live on 2030-09-01 09:00 KST, for everyone to see." in html


def test_a_live_pages_changes_name_its_address(admin_client, home):
    page = StandardPage(title="Hotels", slug="hotels")
    home.add_child(instance=page)
    page.save_revision().publish()
    html = _edit(admin_client, page)
    assert "Your changes go online at once at" in html
    assert "/hotels/" in html


def test_an_organisers_editor_asks_too(client, home):
    event = EventFactory()
    page = EventPage(title="KIC", slug="kic", event=event, live=False)
    home.add_child(instance=page)
    organiser = UserFactory()
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    client.force_login(organiser)
    html = _edit(client, page)
    assert "Publish “KIC” now?" in html


@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_bulk_publish_and_unpublish_ask_on_a_page_of_their_own(
    admin_client, home, action
):
    pages = []
    for n in range(2):
        page = StandardPage(
            title=f"Page {n}", slug=f"page-{n}", live=action == "unpublish"
        )
        home.add_child(instance=page)
        page.save_revision()
        pages.append(page)
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
        + "?"
        + "&".join(f"id={p.pk}" for p in pages)
    )
    asked = admin_client.get(url)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert all(p.title in html for p in pages)
    assert [p.live for p in Page.objects.filter(pk__in=[p.pk for p in pages])] == [
        action == "unpublish"
    ] * 2
