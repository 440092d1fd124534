"""The site's header: the account menu signed out and in, the partnering links with
their unread count (one lazy query), and the event's own navigation."""

import datetime as dt

import pytest
from django.template import Context, RequestContext, Template
from django.test import RequestFactory

from config.context_processors import partnering
from events.selectors import agenda_default_day
from matchmaking.models import Notification
from tests.factories.accounts import UserFactory
from tests.factories.events import local
from tests.factories.matchmaking import ParticipantFactory, PartneringSetupFactory

pytestmark = pytest.mark.integration


def _header(client, url: str) -> str:
    html = client.get(url).content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def _notify(participant, count: int) -> None:
    for n in range(count):
        Notification.objects.create(
            user=participant.registration.user, event=participant.event, text=f"n{n}"
        )


def test_header_signed_out_offers_sign_in_and_create_account(client, home):
    header = _header(client, "/en/")
    assert ("Sign in" in header, "Create account" in header) == (True, True)
    assert ("My registrations" in header, "Sign out" in header) == (False, False)


def test_header_signed_in_offers_own_pages_and_sign_out(client, home):
    client.force_login(UserFactory())
    header = _header(client, "/en/")
    assert [
        label in header
        for label in ("My registrations", "My agenda", "Sign out", "Sign in")
    ] == [True, True, True, False]
    assert ("My meetings" in header, "Organiser tools" in header) == (False, False)


def test_header_shows_partnering_links_and_unread_count_to_a_participant(client, home):
    participant = ParticipantFactory(event=PartneringSetupFactory().event)
    _notify(participant, 3)
    Notification.objects.create(  # read: not counted
        user=participant.registration.user,
        event=participant.event,
        text="old",
        read_at="2026-01-01T00:00Z",
    )
    client.force_login(participant.registration.user)
    header = _header(client, "/en/")
    slug = participant.event.slug
    assert f'href="/en/partnering/{slug}/meetings/"' in header
    assert f'href="/en/partnering/{slug}/notifications/">Notifications' in header
    assert '<span class="count" aria-hidden="true">3</span>' in header


def test_partnering_menu_costs_no_query_unless_a_template_reads_it(
    db, django_assert_num_queries
):
    participant = ParticipantFactory(event=PartneringSetupFactory().event)
    _notify(participant, 2)
    request = RequestFactory().get("/en/")
    request.user = participant.registration.user
    unused = Template("{{ 1 }}")
    with django_assert_num_queries(0):
        unused.render(Context(partnering(request)))
    used = Template(
        "{% for p in partnering_menu %}{{ p.event.slug }}:{{ p.unread }}{% endfor %}"
    )
    with django_assert_num_queries(1):
        html = used.render(Context(partnering(request)))
    assert html == f"{participant.event.slug}:2"


def test_event_nav_on_an_event_page_links_its_agenda_speakers_and_register(
    client, pages
):
    header = _header(client, "/en/kic/agenda/")
    nav = header[header.index('<nav class="event-nav"') :]
    assert 'href="/en/kic/agenda/" aria-current="page">Agenda' in nav
    assert 'href="/en/kic/speakers/">Speakers' in nav
    assert 'href="/en/register/kic-test/">Register' in nav
    assert "Partnering" not in nav


def test_event_nav_on_the_register_page_knows_its_event(client, pages):
    client.force_login(UserFactory())
    header = _header(client, "/en/register/kic-test/")
    assert '<nav class="event-nav" aria-label="KIC Test">' in header
    assert 'href="/en/register/kic-test/" aria-current="page">Register' in header


def test_no_event_nav_on_the_front_page(client, pages):
    assert "event-nav" not in _header(client, "/en/")


def test_request_context_processor_is_installed(rf, db):
    request = rf.get("/en/")
    request.user = UserFactory()
    context = RequestContext(request)
    with context.bind_template(Template("")):
        assert list(context["partnering_menu"]) == []


def test_agenda_opens_on_today_while_the_event_is_on_else_the_first_day(conference):
    event = conference.event
    during = local(event, 1, 23, 30)  # late on the second day, local time
    before = local(event, 0, 9) - dt.timedelta(days=30)
    assert agenda_default_day(event=event, now=during) == event.days()[1]
    assert agenda_default_day(event=event, now=before) == event.start_date


def test_agenda_marks_its_default_day_for_phones(client, pages, conference):
    html = client.get("/en/kic/agenda/").content.decode()
    start = conference.event.start_date.isoformat()
    assert f'data-default-day="{start}"' in html
    assert 'src="/static/js/agenda-days.js"' in html
    day_page = client.get(f"/en/kic/agenda/day/{start}/").content.decode()
    assert "data-default-day" not in day_page
