import pytest
from django.core.management import call_command

from accounts.models import User
from delegations.models import DelegationApplication, MeetingOutcomeReport
from events.models import Event, Organisation, Session, Speaker
from registration.models import Order, Registration, TicketType, Voucher

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Event,
            Session,
            Speaker,
            Organisation,
            User,
            Registration,
            TicketType,
            Voucher,
            Order,
            DelegationApplication,
            MeetingOutcomeReport,
        )
    }


def test_load_demo_twice_gives_the_same_data(capsys):
    call_command("load_demo")
    first = _counts()
    call_command("load_demo")
    assert _counts() == first
    assert first["Event"] == 3
    assert first["Session"] >= 100
    assert first["Speaker"] >= 80
    assert first["TicketType"] == 7
    assert first["Order"] == 3
    out = capsys.readouterr().out
    assert "organiser@convene.test" in out
    assert "checkin@convene.test" in out


def test_demo_has_the_three_kinds_of_event():
    call_command("load_demo")
    conference = Event.objects.get(slug="kic-2027")
    assert conference.tracks.count() == 4
    assert len(conference.days()) == 3
    delegation = Event.objects.get(kind="delegation")
    assert delegation.timezone == "America/Chicago"
    members = delegation.registrations.filter(category="delegation")
    assert members.values("user__organisation").distinct().count() == 8
    forum = Event.objects.get(kind="forum")
    kinds = {
        kind: forum.registrations.filter(user__organisation__kind=kind)
        .values("user__organisation")
        .distinct()
        .count()
        for kind in ("biotech", "investor", "cro", "pharma")
    }
    assert kinds == {"biotech": 60, "investor": 30, "cro": 12, "pharma": 8}
    assert all(session.title_ko for session in Session.objects.filter(event=conference))


def test_the_demo_answers_at_its_own_address_with_a_newcomer_to_walk(settings):
    """hreflang, og:url and the sitemap are absolute links: they name the host and
    port the demo is served on (SITE_URL), not localhost:80. The README's attendee
    walk starts from an account with nothing booked."""
    from wagtail.models import Site

    settings.SITE_URL = "http://127.0.0.1:8123"
    call_command("load_demo")
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert site.root_page.full_url == "http://127.0.0.1:8123/en/"
    newcomer = User.objects.get(email="newcomer@convene.test")
    assert newcomer.has_usable_password()
    assert not Registration.objects.filter(user=newcomer).exists()
    assert not Order.objects.filter(buyer=newcomer).exists()
