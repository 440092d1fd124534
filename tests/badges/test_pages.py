"""HTML pages: scanner, dashboard, mobile ticket, and the organisers' admin pages."""

import datetime as dt
import re

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from badges import demo, services
from badges.models import BadgeBatch, BadgeDesign, ScannerToken
from events.enums import TeamRole
from events.localtime import local_text
from events.models import EventTeamMember
from registration.enums import RegistrationStatus
from tests.badges.pdfs import page_texts, qr_texts
from tests.confirm import confirm_fields, confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.badges import (
    BadgeDesignFactory,
    OrderFactory,
    RegistrationFactory,
)
from tests.factories.events import RoomFactory, SessionFactory, local
from tests.factories.registration import TicketTypeFactory

pytestmark = pytest.mark.integration


@pytest.fixture
def admin_organiser(organiser):
    """The event's organiser (a team role opens the Wagtail admin, cms.access)."""
    demo.build({})
    return organiser


def test_scanner_page_for_staff_lists_the_rooms(client, event, staff):
    SessionFactory(
        event=event, room=RoomFactory(event=event, name_en="Hall C"), title_en="Panel"
    )
    client.force_login(staff)
    response = client.get(reverse("badges:scanner", kwargs={"slug": event.slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hall C · Panel" in html
    assert "badges/vendor/jsQR-1.4.0.js" in html
    assert f'data-scan-url="/api/checkin/events/{event.slug}/scans"' in html


def test_scanner_page_is_closed_to_attendees_and_asks_strangers_to_sign_in(
    client, event, attendee
):
    url = reverse("badges:scanner", kwargs={"slug": event.slug})
    anonymous = client.get(url)
    client.force_login(attendee.user)
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert client.get(url).status_code == 403


def test_dashboard_counts_check_ins_per_ticket_hour_and_session(
    client, event, organiser, scanner, attendee, token
):
    late = RegistrationFactory(event=event, ticket_type__name_en="Regular")
    session = SessionFactory(
        event=event, room=RoomFactory(event=event), title_en="Opening"
    )
    services.check_in(event=event, scanner=scanner, nonce="dash-00001", token=token)
    services.check_in(
        event=event, scanner=scanner, nonce="dash-00002", token=token, session=session
    )
    client.force_login(organiser)
    response = client.get(reverse("badges:dashboard", kwargs={"slug": event.slug}))
    html = response.content.decode()
    board = response.context["board"]
    assert (board.registered, board.checked_in, board.percent) == (2, 1, 50)
    assert [(t.name, t.registered, t.checked_in) for t in board.tickets] == [
        ("Early bird", 1, 1),
        ("Regular", 1, 0),
    ]
    hour = timezone.localtime(timezone.now(), event.tz).replace(
        minute=0, second=0, microsecond=0
    )
    assert board.hours == [(hour, 1)]
    assert [(s.session.title, s.attendance) for s in board.sessions] == [("Opening", 1)]
    assert response["Refresh"] == "30"
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart"' in html
    assert f"{hour:%H}h" in html
    assert late.user.email not in html


def test_dashboard_is_for_organisers_only(client, event, staff):
    client.force_login(staff)
    response = client.get(reverse("badges:dashboard", kwargs={"slug": event.slug}))
    assert response.status_code == 403


def test_my_ticket_shows_the_badge_qr_once_confirmed(client, event, attendee, token):
    client.force_login(attendee.user)
    response = client.get(
        reverse("badges:my_ticket", kwargs={"registration_id": attendee.pk})
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html
    assert "김민지" in html
    assert response.context["qr"] is not None


def test_my_ticket_has_no_code_while_unpaid_and_is_private(client, event, attendee):
    attendee.status = RegistrationStatus.PENDING
    attendee.save()
    other = RegistrationFactory(event=event)
    client.force_login(attendee.user)
    mine = client.get(
        reverse("badges:my_ticket", kwargs={"registration_id": attendee.pk})
    )
    theirs = client.get(
        reverse("badges:my_ticket", kwargs={"registration_id": other.pk})
    )
    assert mine.context["qr"] is None
    assert theirs.status_code == 404


def test_the_buyer_of_a_group_order_sees_a_colleagues_ticket(client, event):
    colleague = RegistrationFactory(event=event)
    colleague.order = OrderFactory(event=event)
    colleague.save()
    client.force_login(colleague.order.buyer)
    url = reverse("badges:my_ticket", kwargs={"registration_id": colleague.pk})
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["registration"] == colleague


def test_organiser_starts_a_print_run_and_downloads_the_pdf(
    client, event, admin_organiser, attendee, django_capture_on_commit_callbacks
):
    BadgeDesignFactory(event=event)
    client.force_login(admin_organiser)
    form = client.get(reverse("badges_admin:print"))
    assert list(form.context["form"].fields["event"].queryset) == [event]
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("badges_admin:print"),
            {"event": event.pk, "layout": "single", "only_unprinted": "on"},
        )
    batch = BadgeBatch.objects.get()
    assert started["Location"] == reverse("badges_admin:batch", kwargs={"pk": batch.pk})
    detail = client.get(started["Location"]).content.decode()
    assert 'value="1"' in detail
    assert "Download the PDF" in detail
    pdf = b"".join(
        client.get(
            reverse("badges_admin:batch_pdf", kwargs={"pk": batch.pk})
        ).streaming_content
    )
    assert "김민지" in page_texts(pdf)[0]


def test_check_in_staff_cannot_open_the_admin_print_pages(client, event, staff):
    client.force_login(staff)
    response = client.get(reverse("badges_admin:print"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reprinting_one_badge_from_the_admin_revokes_the_old_one(
    client, event, admin_organiser, attendee, scanner, token
):
    services.badge_for_print(registration=attendee, now=timezone.now())
    client.force_login(admin_organiser)
    found = client.get(reverse("badges_admin:print"), {"q": "김민지"})
    assert found.context["found"] == [attendee]
    url = reverse("badges_admin:badge_one", kwargs={"registration_id": attendee.pk})
    assert url in found.content.decode()
    asked = client.get(url).content.decode()
    assert "Reprint the badge of Minji Kim 김민지 for KIC Test?" in asked
    assert "stops working at check-in" in asked
    assert attendee.badges.count() == 1  # asking revoked nothing
    pdf = confirm_post(client, url).content
    [[new_token]] = qr_texts(pdf, dpi=200)
    old = services.check_in(
        event=event, scanner=scanner, nonce="one-old-01", token=token
    )
    new = services.check_in(
        event=event, scanner=scanner, nonce="one-new-01", token=new_token
    )
    assert (old.reason, new.result, new.registration) == ("revoked", "ok", attendee)


def test_scanner_token_key_is_shown_once_and_only_its_hash_stored(
    client, event, admin_organiser
):
    client.force_login(admin_organiser)
    response = client.post(
        reverse("badges_admin:tokens"), {"event": event.pk, "name": "Hall A"}
    )
    key = re.search(r'<code id="new-key">([^<]+)</code>', response.content.decode())[1]
    token = ScannerToken.objects.get()
    assert key.startswith("cvs_")
    assert token.prefix == key[:8]
    assert key not in token.key_hash
    listing = client.get(reverse("badges_admin:tokens")).content.decode()
    assert key not in listing
    revoke = reverse("badges_admin:token_revoke", kwargs={"pk": token.pk})
    asked = client.post(revoke).content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "Revoke the scanner token “Hall A”" in asked
    confirm_post(client, revoke)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_badge_design_admin_form_and_live_preview(client, event, admin_organiser):
    TicketTypeFactory(event=event)
    client.force_login(admin_organiser)
    add = client.get(reverse("wagtailsnippets_badges_badgedesign:add"))
    assert add.status_code == 200
    assert 'name="colour_speaker"' in add.content.decode()
    design = BadgeDesign(event=event, size="cr80", colour_speaker="#000000")
    request = RequestFactory().get("/")
    request.user = admin_organiser
    image = design.serve_preview(request, "")
    pdf = design.serve_preview(request, "pdf")
    assert b"data:image/png;base64," in image.content
    assert pdf["Content-Type"] == "application/pdf"
    assert "Minji Kim" in page_texts(pdf.content)[0]


def test_a_running_print_run_shows_its_progress_and_refreshes(
    client, event, admin_organiser
):
    batch = BadgeBatch.objects.create(event=event, status="running", total=80, done=50)
    client.force_login(admin_organiser)
    response = client.get(reverse("badges_admin:batch", kwargs={"pk": batch.pk}))
    html = response.content.decode()
    assert response["Refresh"] == "2"
    assert '<progress id="batch-progress" max="80" value="50">62 %</progress>' in html
    assert "Download the PDF" not in html


def test_check_in_start_page_lists_only_the_staff_members_events(
    client, event, other_event, staff, organiser
):
    client.force_login(staff)
    html = client.get(reverse("badges:scanner_index")).content.decode()
    assert reverse("badges:scanner", kwargs={"slug": event.slug}) in html
    assert other_event.slug not in html
    assert "Dashboard" not in html
    client.force_login(organiser)
    html = client.get(reverse("badges:scanner_index")).content.decode()
    assert reverse("badges:dashboard", kwargs={"slug": event.slug}) in html


@pytest.mark.parametrize(("language", "day"), [("en", "Tue"), ("ko", "화")])
def test_scanner_lists_sessions_on_the_events_clock(
    client, event, staff, language, day
):
    SessionFactory(
        event=event,
        room=RoomFactory(event=event, name_en="Hall C"),
        title_en="Opening keynote",
        start=local(event, 0, 9),  # 00:00 UTC
    )
    client.force_login(staff)
    with translation.override(language):
        url = reverse("badges:scanner", kwargs={"slug": event.slug})
    html = client.get(url).content.decode()
    assert f"{day} 09:00 KST · Hall C · " in html


def test_dashboard_update_time_is_on_the_events_clock(client, event, organiser):
    client.force_login(organiser)
    html = client.get(
        reverse("badges:dashboard", kwargs={"slug": event.slug})
    ).content.decode()
    now = timezone.localtime(timezone.now(), event.tz)
    assert re.search(r"Updated (\d\d):\d\d:\d\d KST", html).group(1) == f"{now:%H}"


def test_reprinting_names_when_the_old_card_was_printed_and_a_stale_step_prints_nothing(
    client, event, admin_organiser, attendee
):
    printed = services.badge_for_print(registration=attendee, now=timezone.now())
    client.force_login(admin_organiser)
    url = reverse("badges_admin:badge_one", kwargs={"registration_id": attendee.pk})
    asked = client.get(url).content.decode()
    when = local_text(printed.printed_at, event)
    assert f"The card printed {when} stops working at check-in." in asked
    fields = confirm_fields(asked)
    services.badge_for_print(registration=attendee, now=timezone.now())  # meanwhile
    stale = client.post(url, fields)
    assert stale.status_code == 302
    assert attendee.badges.count() == 2  # the meanwhile reprint, not a third


def test_a_first_print_asks_without_a_revocation_and_others_cannot_ask(
    client, event, admin_organiser, attendee, other_event
):
    url = reverse("badges_admin:badge_one", kwargs={"registration_id": attendee.pk})
    client.force_login(admin_organiser)
    asked = client.get(url).content.decode()
    assert "Print the badge of Minji Kim 김민지 for KIC Test?" in asked
    assert "stops working" not in asked
    assert not attendee.badges.filter(printed_at__isnull=False).exists()
    pdf = confirm_post(client, url)
    assert pdf["Content-Type"] == "application/pdf"
    stranger = UserFactory()
    EventTeamMember.objects.create(
        event=other_event, user=stranger, role=TeamRole.ORGANISER
    )
    client.force_login(stranger)
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")


def test_recent_print_runs_show_when_on_the_events_clock(
    client, event, admin_organiser
):
    created = dt.datetime(2027, 9, 13, 23, 30, tzinfo=dt.UTC)  # 08:30 in Seoul
    BadgeBatch.objects.create(event=event, layout="a4", created_at=created)
    client.force_login(admin_organiser)

    page = client.get(reverse("badges_admin:print")).content.decode()

    assert "<td>2027-09-14 08:30 KST</td>" in page
