"""Organiser pages and API for a programme's set-up and its itinerary items: only
the programme's organisers, form errors and problem+json on bad input, times in
the host city's zone."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from delegations.enums import ApplicationStatus as S
from events.enums import SessionKind, TeamRole
from events.models import EventTeamMember, Session
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ApplicationFactory, DelegateFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

UTC = dt.UTC


def _url(name, *args):
    return reverse(f"delegation:{name}", args=args)


def _setup_data(programme, **changes) -> dict:
    data = {
        "host_congress": "ASCO Annual Meeting 2027",
        "host_city": "Chicago",
        "host_start_date": "2027-06-01",
        "host_end_date": "2027-06-04",
        "host_timezone": "America/Chicago",
        "places": "12",
        "delegates_per_company": "3",
        "eligibility": "Korean oncology companies.",
        "fee": "3000.00",
        "subsidy": "2500.00",
        "applications_open_at": "2027-01-01T09:00",
        "application_deadline": "2027-04-30T23:59",
        "contact_name": "Olivia Park",
        "contact_email": "delegation@convene.test",
        "contact_phone": "",
        "venue_notes": "",
    }
    return {**data, **changes}


def _item_data(**changes) -> dict:
    data = {
        "title_en": "Korea Night reception",
        "title_ko": "코리아 나이트",
        "kind": SessionKind.RECEPTION,
        "start": "2027-06-02T18:00",
        "end": "2027-06-02T20:30",
    }
    return {**data, **changes}


def test_the_setup_page_saves_with_the_deadline_in_korea_time(
    client, programme, organiser
):
    client.force_login(organiser)

    response = client.post(
        _url("programme_setup", programme.event.slug), _setup_data(programme)
    )

    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.places, programme.subsidy) == (12, Decimal("2500.00"))
    # 23:59 in Seoul (UTC+9) is 14:59 UTC.
    assert programme.application_deadline == dt.datetime(
        2027, 4, 30, 14, 59, tzinfo=UTC
    )


def test_the_setup_page_sets_the_delegate_ticket_of_its_own_event_only(
    client, programme, organiser
):
    own = TicketTypeFactory(event=programme.event, name_en="Delegate pass")
    other = TicketTypeFactory(name_en="Someone else's pass")
    client.force_login(organiser)
    url = _url("programme_setup", programme.event.slug)

    page = client.get(url).content.decode()
    refused = client.post(url, _setup_data(programme, delegate_ticket=other.pk))
    client.post(url, _setup_data(programme, delegate_ticket=own.pk))

    assert ("Delegate pass" in page, "Someone else" in page) == (True, False)
    assert "Select a valid choice" in refused.content.decode()
    programme.refresh_from_db()
    assert programme.delegate_ticket == own


def test_the_event_follows_the_host_time_zone(client, programme, organiser):
    client.force_login(organiser)

    client.post(
        _url("programme_setup", programme.event.slug),
        _setup_data(programme, host_timezone="America/New_York"),
    )

    programme.event.refresh_from_db()
    assert programme.event.timezone == "America/New_York"


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        (
            {"host_start_date": "2027-06-04", "host_end_date": "2027-06-01"},
            "The congress must close after it opens.",
        ),
        (
            {"host_start_date": "2027-05-20"},
            "The congress must fall within the programme&#x27;s dates "
            "(2027-05-31 to 2027-06-04).",
        ),
        ({"subsidy": "4000.00"}, "The subsidy cannot exceed the fee."),
        (
            {"application_deadline": "2026-12-01T00:00"},
            "The deadline must come after applications open.",
        ),
        ({"host_timezone": "Mars/Olympus"}, "Mars/Olympus"),
        ({"fee": "-1"}, "Ensure this value is greater than or equal to 0."),
    ],
)
def test_the_setup_page_shows_errors_and_saves_nothing(
    client, programme, organiser, changes, error
):
    client.force_login(organiser)

    response = client.post(
        _url("programme_setup", programme.event.slug),
        _setup_data(programme, **changes),
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    programme.refresh_from_db()
    assert programme.places == 2


@pytest.mark.parametrize("role", [None, TeamRole.EDITOR])
def test_only_organisers_reach_the_setup_and_itinerary_pages(client, programme, role):
    user = UserFactory()
    if role:
        EventTeamMember.objects.create(event=programme.event, user=user, role=role)
    item = Session.objects.create(
        event=programme.event,
        title_en="Briefing",
        kind=SessionKind.TALK,
        start=dt.datetime(2027, 6, 1, 14, tzinfo=UTC),
        end=dt.datetime(2027, 6, 1, 15, tzinfo=UTC),
    )
    slug = programme.event.slug
    client.force_login(user)

    statuses = [
        client.get(_url("programme_setup", slug)).status_code,
        client.post(_url("programme_setup", slug), _setup_data(programme)).status_code,
        client.get(_url("itinerary_items", slug)).status_code,
        client.post(_url("itinerary_items", slug), _item_data()).status_code,
        client.post(
            _url("itinerary_item_edit", slug, item.pk), _item_data()
        ).status_code,
        client.post(_url("itinerary_item_delete", slug, item.pk)).status_code,
        client.patch(
            f"/api/delegation/programmes/{slug}/setup",
            json.dumps({"places": 99}),
            content_type="application/json",
        ).status_code,
        client.delete(
            f"/api/delegation/programmes/{slug}/itinerary/items/{item.pk}"
        ).status_code,
    ]

    assert statuses == [404] * 8
    assert Session.objects.filter(pk=item.pk, title_en="Briefing").exists()


def test_an_item_for_everyone_then_for_one_company(client, programme, organiser):
    first = DelegateFactory(application__programme=programme)
    colleague = DelegateFactory(application=first.application)
    other = DelegateFactory(application__programme=programme)
    slug = programme.event.slug
    client.force_login(organiser)

    client.post(_url("itinerary_items", slug), _item_data())
    item = Session.objects.get(event=programme.event)
    everyone = list(item.assigned_delegates.all())
    edit = client.get(_url("itinerary_item_edit", slug, item.pk)).content.decode()
    client.post(
        _url("itinerary_item_edit", slug, item.pk),
        _item_data(title_en="Dinner with sponsors", companies=[first.application.pk]),
    )
    item.refresh_from_db()

    assert everyone == []
    assert 'value="2027-06-02T18:00"' in edit  # shown again in Chicago time
    # 18:00 CDT (UTC-5) on 2 June.
    assert item.start == dt.datetime(2027, 6, 2, 23, tzinfo=UTC)
    assert item.title_en == "Dinner with sponsors"
    assert set(item.assigned_delegates.all()) == {first, colleague}
    client.force_login(other.user)
    page = client.get(_url("itinerary", slug)).content.decode()
    assert "Dinner with sponsors" not in page


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"end": "2027-06-02T17:00"}, "An item must end after it starts."),
        (
            {"start": "2027-06-10T09:00", "end": "2027-06-10T10:00"},
            "Choose a time within the programme (2027-05-31 to 2027-06-04).",
        ),
        ({"start": "tomorrow"}, "Enter a valid date/time."),
        ({"title_en": ""}, "This field is required."),
    ],
)
def test_a_bad_item_is_a_form_error(client, programme, organiser, changes, error):
    client.force_login(organiser)

    response = client.post(
        _url("itinerary_items", programme.event.slug), _item_data(**changes)
    )

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Session.objects.filter(event=programme.event).exists()


def test_an_organiser_deletes_an_item(client, programme, organiser):
    client.force_login(organiser)
    client.post(_url("itinerary_items", programme.event.slug), _item_data())
    item = Session.objects.get(event=programme.event)

    confirm_post(client, _url("itinerary_item_delete", programme.event.slug, item.pk))

    assert not Session.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize("count", [1, 3])
def test_the_item_list_queries_do_not_grow_with_items(
    client, programme, organiser, count, django_assert_max_num_queries
):
    delegates = [DelegateFactory(application__programme=programme) for _ in range(2)]
    for n in range(count):
        item = Session.objects.create(
            event=programme.event,
            title_en=f"Shift {n}",
            kind=SessionKind.BOOTH_SHIFT,
            start=dt.datetime(2027, 6, 1, 14 + n, tzinfo=UTC),
            end=dt.datetime(2027, 6, 1, 15 + n, tzinfo=UTC),
        )
        item.assigned_delegates.set(delegates)
    client.force_login(organiser)

    # 25: an organiser's role opens the Wagtail admin, so the page carries its
    # user bar (permissions, profile), and the header its account menu and the
    # event's navigation (3); the point is that items add none.
    with django_assert_max_num_queries(25):
        page = client.get(_url("itinerary_items", programme.event.slug))

    html = page.content.decode()
    assert [f"Shift {n}</a>" in html for n in range(count)] == [True] * count


def test_the_api_creates_updates_and_deletes_items(client, programme, organiser):
    delegate = DelegateFactory(application__programme=programme)
    base = f"/api/delegation/programmes/{programme.event.slug}/itinerary/items"
    client.force_login(organiser)

    created = client.post(
        base,
        {
            "title_en": "Site visit",
            "kind": "site_visit",
            "start": "2027-06-03T09:30:00",
            "end": "2027-06-03T12:30:00",
            "delegate_ids": [delegate.pk],
        },
        content_type="application/json",
    )
    item_id = created.json()["id"]
    bad = client.patch(
        f"{base}/{item_id}",
        {"end": "2027-06-03T08:00:00-05:00"},
        content_type="application/json",
    )
    moved = client.patch(
        f"{base}/{item_id}",
        {"start": "2027-06-03T10:00:00-05:00"},
        content_type="application/json",
    )
    listed = client.get(base).json()
    deleted = client.delete(f"{base}/{item_id}")

    assert created.status_code == 201
    assert created.json()["start"] == "2027-06-03T09:30:00-05:00"
    assert created.json()["delegate_ids"] == [delegate.pk]
    assert (bad.status_code, bad["Content-Type"]) == (400, "application/problem+json")
    assert "must end after it starts" in bad.json()["detail"]
    assert moved.json()["start"] == "2027-06-03T10:00:00-05:00"
    assert moved.json()["delegate_ids"] == [delegate.pk]
    assert [i["title_en"] for i in listed] == ["Site visit"]
    assert deleted.status_code == 204
    assert not Session.objects.filter(pk=item_id).exists()


def test_the_api_refuses_another_programmes_delegate(client, programme, organiser):
    stranger = DelegateFactory()
    client.force_login(organiser)

    response = client.post(
        f"/api/delegation/programmes/{programme.event.slug}/itinerary/items",
        {**_item_data(), "delegate_ids": [stranger.pk]},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert not Session.objects.filter(event=programme.event).exists()


def test_the_api_updates_the_setup_and_refuses_bad_values(client, programme, organiser):
    url = f"/api/delegation/programmes/{programme.event.slug}/setup"
    client.force_login(organiser)

    ok = client.patch(url, {"places": 15}, content_type="application/json")
    bad = client.patch(url, {"subsidy": "9000"}, content_type="application/json")

    assert ok.json()["places"] == 15
    assert bad.status_code == 400
    assert bad.json()["errors"] == {"subsidy": ["The subsidy cannot exceed the fee."]}
    programme.refresh_from_db()
    assert (programme.places, programme.subsidy) == (15, Decimal("2000.00"))


def test_the_organiser_programme_page_links_setup_and_itinerary(
    client, programme, organiser
):
    DelegateFactory(application__programme=programme, application__status=S.CONFIRMED)
    client.force_login(organiser)

    page = client.get(_url("organiser_programme", programme.event.slug)).content

    assert _url("programme_setup", programme.event.slug).encode() in page
    assert _url("itinerary_items", programme.event.slug).encode() in page


def test_the_organise_link_is_only_for_organisers(client, programme, organiser):
    delegate = DelegateFactory(application__programme=programme)
    link = f'href="{_url("organiser_home")}"'

    client.force_login(organiser)
    for_organiser = client.get(_url("programme_list")).content.decode()
    client.force_login(delegate.user)
    for_delegate = client.get(_url("programme_list")).content.decode()

    assert (link in for_organiser, link in for_delegate) == (True, False)


def test_submitted_time_is_on_the_deadlines_clock(client, programme, organiser):
    """The deadline is Korea time; so is the submission beside it (not UTC)."""
    application = ApplicationFactory(
        programme=programme,
        status=S.SUBMITTED,
        submitted_at=dt.datetime(2027, 3, 31, 9, 0, tzinfo=UTC),
    )
    client.force_login(organiser)
    organiser_page = client.get(_url("organiser_application", application.pk))
    client.force_login(application.applicant)
    applicant_page = client.get(_url("application_detail", application.pk))
    for page in (organiser_page, applicant_page):
        assert "submitted 2027-03-31 18:00 KST" in page.content.decode()
    assert "2027-03-31 23:59 KST" in applicant_page.content.decode()  # deadline


def test_the_itinerary_builder_labels_both_clocks(client, programme, organiser):
    client.force_login(organiser)
    client.post(_url("itinerary_items", programme.event.slug), _item_data())
    html = client.get(_url("itinerary_items", programme.event.slug)).content.decode()
    assert "Times in CDT (America/Chicago), with Korea time (KST)" in html
    assert "18:00–20:30 CDT" in html
    assert "6/3 08:00 KST" in html
