"""Public pages from the shared page cache (cms/page_cache.py, cms/middleware.py)."""

import datetime as dt

import pytest
from django.test import Client
from freezegun import freeze_time
from wagtail.models import PageViewRestriction

from cms import page_cache
from registration.enums import RegistrationCategory
from tests.cms.conftest import add_sessions
from tests.factories.accounts import UserFactory
from tests.factories.badges import RegistrationFactory
from tests.factories.events import local

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PUBLIC_PAGES = [
    "/en/",
    "/ko/",
    "/en/kic/",
    "/ko/kic/",
    "/en/kic/agenda/",
    "/ko/kic/agenda/?view=list",
    "/en/kic/agenda/day/{day}/",
    "/en/kic/agenda/track/regulatory/",
    "/en/kic/agenda/room/{room}/",
    "/en/kic/agenda/session/{session}/",
    "/ko/kic/agenda/speaker/{speaker}/",
    "/en/kic/speakers/",
    "/ko/kic/speakers/",
]


@pytest.fixture
def site(pages, conference):
    session = add_sessions(conference, 3)[0]
    values = {
        "day": conference.event.start_date.isoformat(),
        "room": conference.rooms[0].pk,
        "session": session.pk,
        "speaker": session.session_speakers.get().speaker_id,
    }
    return session, [path.format(**values) for path in PUBLIC_PAGES]


def test_every_public_page_is_served_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    _, paths = site
    for path in paths:
        first = client.get(path)
        assert first.status_code == 200, path
        with django_assert_num_queries(0):
            again = client.get(path)
        assert again.content == first.content, path
        assert again["ETag"] == first["ETag"]
        control = again["Cache-Control"]
        assert "public" in control, path
        assert "s-maxage=60" in control
        assert "stale-while-revalidate=300" in control
        assert "Cookie" in again["Vary"]
        assert again.has_header("Last-Modified")


def test_every_public_page_renders_in_a_bounded_number_of_queries(
    client, site, django_assert_max_num_queries
):
    """A render after a change (a miss): Wagtail's routing and the page's own
    reads, prefetched (tests/cms/test_agenda.py checks they do not grow)."""
    _, paths = site
    for path in paths:
        page_cache.bump()
        with django_assert_max_num_queries(30):
            assert client.get(path).status_code == 200, path


def test_a_conditional_request_gets_304(client, site):
    _, paths = site
    etag = client.get(paths[4])["ETag"]
    response = client.get(paths[4], headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response.content == b""


def test_two_people_never_see_each_others_page(client, site):
    """Alice's agenda mark and her menu stay hers, whichever of them (or a
    visitor) asked first, and a visitor gets the signed-out page."""
    session, paths = site
    page = paths[9]
    alice, bob = UserFactory(), UserFactory()
    as_alice, as_bob, visitor = Client(), Client(), Client()
    as_alice.force_login(alice)
    as_bob.force_login(bob)
    as_alice.post(f"/en/me/agenda/{session.pk}/", {"next": page})

    mine = as_alice.get(page).content.decode()  # renders and keeps the page
    theirs = as_bob.get(page).content.decode()
    public = visitor.get(page).content.decode()

    assert "In my agenda ✓" in mine
    assert "Added to My agenda." in mine
    assert "In my agenda ✓" not in theirs
    assert "Add to my agenda" in theirs
    assert "Added to My agenda." not in theirs
    for html in (mine, theirs):
        assert "Sign out" in html
        assert "csrfmiddlewaretoken" in html
    assert "Sign out" not in public
    assert "csrfmiddlewaretoken" not in public
    assert "Sign in to add it to your agenda" in public
    assert "In my agenda" not in public
    # Each person's CSRF token is their own.
    token = 'name="csrfmiddlewaretoken" value="'
    assert mine.split(token)[1][:64] != theirs.split(token)[1][:64]


def test_a_signed_in_page_is_private(client, site):
    _, paths = site
    client.force_login(UserFactory())
    response = client.get(paths[4])
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    etag = response["ETag"]
    assert client.get(paths[4], headers={"if-none-match": etag}).status_code == 304


def test_an_edit_shows_at_once(client, site, conference):
    session, paths = site
    assert "Talk 0" in client.get(paths[4]).content.decode()
    session.title_en = "Renamed talk"
    session.save()
    assert "Renamed talk" in client.get(paths[4]).content.decode()
    speaker = session.session_speakers.get().speaker.user
    speaker.first_name = "Renamedperson"
    speaker.save()
    assert "Renamedperson" in client.get(paths[11]).content.decode()
    conference.rooms[0].name_en = "Grand Ballroom"
    conference.rooms[0].save()
    assert "Grand Ballroom" in client.get(paths[4]).content.decode()


def test_publishing_a_page_shows_at_once(client, site, pages):
    _, paths = site
    assert "Agenda" in client.get(paths[2]).content.decode()
    pages.agenda.title = "Programme"
    pages.agenda.save_revision().publish()
    assert "Programme" in client.get(paths[2]).content.decode()


def test_a_draft_a_sign_up_or_an_order_keeps_the_cached_pages(site, pages, conference):
    before = page_cache.version()
    pages.agenda.title = "Draft title"
    pages.agenda.save_revision()
    user = UserFactory()  # and a company of their own
    RegistrationFactory(event=conference.event, user=user)
    user.last_login = dt.datetime.now(dt.UTC)
    user.save(update_fields=["last_login"])
    assert page_cache.version() == before


def test_a_delegation_member_changes_the_pages(site, conference):
    before = page_cache.version()
    RegistrationFactory(
        event=conference.event, category=RegistrationCategory.DELEGATION
    )
    assert page_cache.version() != before


def test_now_and_next_moves_with_the_clock(client, site, conference):
    _, paths = site
    event = conference.event
    with freeze_time(local(event, 0, 9, 10)):  # Talk 0 runs, Talk 1 is next
        html = client.get(paths[4]).content.decode()
        now = html.split("Now and next")[1].split("<h3>Next</h3>")
        assert "Talk 0" in now[0]
        assert "Talk 1" in now[1][:2000]
    with freeze_time(local(event, 0, 10, 10)):  # an hour on: Talk 1 runs
        html = client.get(paths[4]).content.decode()
        now = html.split("Now and next")[1].split("<h3>Next</h3>")
        assert "Talk 1" in now[0]
        assert "Talk 0" not in now[0]


def test_a_restricted_page_is_never_kept(client, site, pages):
    _, paths = site
    PageViewRestriction.objects.create(
        page=pages.speakers, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(paths[11]).status_code == 302
    client.force_login(UserFactory())
    response = client.get(paths[11])
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")


def test_a_page_one_visitor_unlocked_with_its_password_stays_locked_for_others(
    client, site, pages
):
    _, paths = site
    restriction = PageViewRestriction.objects.create(
        page=pages.speakers,
        restriction_type=PageViewRestriction.PASSWORD,
        password="sesame",  # noqa: S106
    )
    unlocked = Client()
    session = unlocked.session
    session[restriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert 'class="cards people"' in unlocked.get(paths[11]).content.decode()
    other = Client().get(paths[11]).content.decode()
    assert 'class="cards people"' not in other
    assert "password" in other.lower()


def test_an_editor_always_gets_a_fresh_page(client, site, pages):
    _, paths = site
    client.force_login(UserFactory(is_superuser=True))
    response = client.get(paths[2])
    assert response.status_code == 200
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_a_crafted_long_address_is_served_but_not_kept(client, site):
    _, paths = site
    response = client.get(paths[4] + "?q=" + "x" * 600)
    assert response.status_code == 200
    assert "s-maxage" not in response.get("Cache-Control", "")


def test_the_personal_tag_takes_only_plain_values(rf):
    from django.template import Context, Template, TemplateSyntaxError

    template = Template('{% load personal %}{% personal "x.html" thing=thing %}')
    with pytest.raises(TemplateSyntaxError, match="plain values"):
        template.render(Context({"thing": object(), "request": rf.get("/")}))
