"""Delegation pages and API: who sees what, uploads, itinerary times in both zones,
the handbook and the exports."""

import datetime as dt
import io

import pypdfium2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from delegations.enums import ApplicationStatus as S
from delegations.models import DelegationApplication
from events.enums import SessionKind, TeamRole
from events.models import EventTeamMember
from matchmaking import services
from matchmaking.models import Meeting, Slot, Table
from registration.models import Registration
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.delegations import (
    ApplicationFactory,
    DelegateFactory,
    ProgrammeFactory,
    ReviewFactory,
)
from tests.factories.documents import pdf_bytes
from tests.factories.events import SessionFactory
from tests.factories.matchmaking import ParticipantFactory, PartneringSetupFactory
from tests.spreadsheets import csv_rows, xlsx_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

UTC = dt.UTC


@pytest.fixture
def programme():
    """Open now (the pages use the real clock), for three weeks."""
    now = timezone.now()
    return ProgrammeFactory(
        applications_open_at=now - dt.timedelta(days=1),
        application_deadline=now + dt.timedelta(days=21),
    )


def _url(name, *args):
    return reverse(f"delegation:{name}", args=args)


def test_a_company_applies_uploads_and_submits(client, programme):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        _url("apply", programme.event.slug),
        {"company_profile": "ADC platform.", "goals": "Find licensees."},
    )
    application = DelegationApplication.objects.get()
    assert response.url == _url("application_detail", application.pk)

    deck = pdf_bytes()
    pdf = SimpleUploadedFile("deck.pdf", deck, "application/pdf")
    client.post(_url("document_upload", application.pk), {"title": "Deck", "file": pdf})
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        _url("document_upload", application.pk), {"file": fake}, follow=True
    )
    assert "Upload a PDF, Word (.docx) or PowerPoint (.pptx) file." in (
        response.content.decode()
    )
    confirm_post(client, _url("application_submit", application.pk))

    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert [d.title for d in application.documents.all()] == ["Deck"]
    download = client.get(
        _url("document_download", application.pk, application.documents.get().pk)
    )
    assert b"".join(download.streaming_content) == deck


def test_another_companys_application_is_not_found(client, programme):
    application = ApplicationFactory(programme=programme)
    client.force_login(UserFactory())

    pages = [
        client.get(_url("application_detail", application.pk)),
        client.post(_url("application_submit", application.pk)),
        client.get(_url("application_confirm", application.pk)),
    ]
    api = client.get(f"/api/delegation/applications/{application.pk}")

    assert [p.status_code for p in pages] == [404, 404, 404]
    assert (api.status_code, api["Content-Type"]) == (404, "application/problem+json")
    assert api.json()["detail"] == "DelegationApplication not found."


def test_a_reviewer_sees_only_assigned_applications(client, programme):
    reviewer = UserFactory()
    mine = ReviewFactory(reviewer=reviewer, application__programme=programme)
    other = ReviewFactory(application__programme=programme)
    client.force_login(reviewer)

    listing = client.get(_url("review_list")).content.decode()
    scored = client.post(
        _url("review_detail", mine.pk), {"fit": 5, "readiness": 4, "potential": 3}
    )
    hidden = client.get(_url("review_detail", other.pk))
    foreign_document = client.get(_url("document_download", other.application.pk, 1))
    organiser_page = client.get(_url("organiser_application", mine.application.pk))

    assert mine.application.organisation.name in listing
    assert other.application.organisation.name not in listing
    assert scored.url == _url("review_list")
    mine.refresh_from_db()
    assert mine.total == 12
    assert [hidden.status_code, foreign_document.status_code] == [404, 404]
    assert organiser_page.status_code == 404


def test_the_api_refuses_bad_input_with_problem_json(client, programme):
    user = UserFactory()
    client.force_login(user)
    created = client.post(
        f"/api/delegation/programmes/{programme.event.slug}/applications",
        {"company_profile": "ADC.", "goals": "Licensing."},
        content_type="application/json",
    )
    application_id = created.json()["id"]

    again = client.post(
        f"/api/delegation/programmes/{programme.event.slug}/applications",
        {"company_profile": "ADC.", "goals": "Licensing."},
        content_type="application/json",
    )
    bad = client.patch(
        f"/api/delegation/applications/{application_id}",
        {"employees": -4},
        content_type="application/json",
    )
    not_json = client.patch(
        f"/api/delegation/applications/{application_id}",
        "{not json",
        content_type="application/json",
    )
    decide = client.post(
        f"/api/delegation/applications/{application_id}/decision",
        {"status": "accepted"},
        content_type="application/json",
    )

    assert (created.status_code, created.json()["status"]) == (201, "draft")
    assert (again.status_code, again.json()["title"]) == (409, "Delegation refused")
    assert bad.status_code == 422
    assert not_json.status_code in (400, 422)
    assert not_json["Content-Type"] == "application/problem+json"
    assert decide.status_code == 404  # not an organiser: not found for them


def test_organiser_decides_in_bulk_and_sends_the_emails(
    client, programme, organiser, mailoutbox
):
    applications = [
        ApplicationFactory(programme=programme, status=S.SUBMITTED) for _ in range(3)
    ]
    client.force_login(organiser)

    confirm_post(
        client,
        _url("organiser_programme", programme.event.slug),
        {"status": S.ACCEPTED, "applications": [a.pk for a in applications]},
    )
    page = client.get(_url("organiser_programme", programme.event.slug))
    confirm_post(client, _url("decisions_send", programme.event.slug))

    statuses = sorted(DelegationApplication.objects.values_list("status", flat=True))
    # Two places: the third company stays submitted.
    assert statuses == [S.ACCEPTED, S.ACCEPTED, S.SUBMITTED]
    assert "E-mail 2 new decisions" in page.content.decode()
    assert len(mailoutbox) == 2


def _session(event, title, day, hour, kind=SessionKind.TALK):
    start = dt.datetime.combine(
        event.start_date + dt.timedelta(days=day), dt.time(hour), tzinfo=event.tz
    )
    return SessionFactory(
        event=event,
        title_en=title,
        kind=kind,
        start=start,
        end=start + dt.timedelta(hours=2),
    )


def test_a_delegates_itinerary_in_chicago_and_korea_time(client, programme):
    event = programme.event
    briefing = _session(event, "Delegation briefing", 0, 15)
    shift = _session(event, "Pavilion shift", 1, 10, SessionKind.BOOTH_SHIFT)
    _session(event, "Someone else's shift", 1, 14, SessionKind.BOOTH_SHIFT)
    delegate = DelegateFactory(application__programme=programme)
    other = DelegateFactory(application__programme=programme)
    delegate.sessions.add(shift)
    other.sessions.add(event.sessions.get(title_en="Someone else's shift"))
    client.force_login(delegate.user)

    page = client.get(_url("itinerary", event.slug)).content.decode()
    api = client.get(f"/api/delegation/programmes/{event.slug}/itinerary").json()[
        "items"
    ]

    # 2027-05-31 15:00 CDT (UTC-5) is 2027-06-01 05:00 KST (UTC+9).
    assert [(i["title"], i["start"], i["start_korea"]) for i in api] == [
        (briefing.title, "2027-05-31T15:00:00-05:00", "2027-06-01T05:00:00+09:00"),
        (shift.title, "2027-06-01T10:00:00-05:00", "2027-06-02T00:00:00+09:00"),
    ]
    assert "Someone else" not in page
    assert "15:00" in page
    assert "Korea 05:00, 6/1" in page


def test_the_itinerary_is_only_for_delegates_and_organisers(client, programme):
    client.force_login(UserFactory())
    assert client.get(_url("itinerary", programme.event.slug)).status_code == 404
    assert client.get(_url("handbook", programme.event.slug)).status_code == 404


def test_the_handbook_lists_itinerary_roster_and_contacts(client, programme):
    event = programme.event
    _session(event, "Korea Night reception", 2, 18, SessionKind.RECEPTION)
    delegate = DelegateFactory(application__programme=programme, user__name_ko="한지우")
    programme.venue_notes = "Shuttle buses leave the Hyatt every 15 minutes."
    programme.save()
    client.force_login(delegate.user)

    response = client.get(_url("handbook", event.slug))

    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(io.BytesIO(response.content))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert "Korea Night reception" in text
    assert "18:00–20:00" in text
    assert "3 Jun 08:00" in text  # Korea time of 18:00 CDT on 2 June
    assert "한지우" in text
    assert delegate.application.organisation.name in text
    assert "delegation@convene.test" in text
    assert "Shuttle buses leave the Hyatt" in text


def test_outcome_exports_for_organisers(client, programme, organiser):
    member = ApplicationFactory(programme=programme, status=S.CONFIRMED)
    member.outcomes.create(
        counterpart="Global Pharma", held_on=dt.date(2027, 6, 1), outcome="cda"
    )
    client.force_login(organiser)

    dashboard = client.get(_url("outcome_dashboard")).content.decode()
    csv = csv_rows(client.get(_url("outcome_export", "csv")))
    rows = xlsx_rows(client.get(_url("outcome_export", "xlsx")))

    assert "<svg" in dashboard
    assert "Outcomes by year" in dashboard
    event = programme.event
    assert csv[0][:5] == [
        "Year",
        "Event (English)",
        "Event (Korean)",
        "Kind",
        "Companies served",
    ]
    assert (
        csv[1]
        == ["2027", event.name_en, event.name_ko, "Delegation programme"]
        + "1 1 0 1 1 0 0 0 0 0".split()
    )
    assert rows[1] == (
        2027,
        event.name_en,
        event.name_ko,
        "Delegation programme",
        1,
        1,
        0,
        1,
        1,
        0,
        0,
        0,
        0,
        0,
    )
    assert rows[-1][1] == "Total"


def test_outcome_dashboard_is_for_organisers_only(client, programme):
    client.force_login(UserFactory())
    assert client.get(_url("outcome_dashboard")).status_code == 404
    assert client.get(_url("outcome_export", "csv")).status_code == 404
    assert client.get("/api/delegation/outcomes").status_code == 404


def test_the_openapi_schema_documents_the_delegation_operations(client):
    schema = client.get("/api/openapi.json").json()
    operations = {
        op["operationId"]
        for path, item in schema["paths"].items()
        if path.startswith("/api/delegation/")
        for op in item.values()
    }
    assert operations == {
        "delegation_programme_list",
        "delegation_programme_get",
        "delegation_application_create",
        "delegation_application_list",
        "delegation_application_get",
        "delegation_application_update",
        "delegation_application_submit",
        "delegation_document_add",
        "delegation_application_confirm",
        "delegation_outcome_report",
        "delegation_outcome_list",
        "delegation_company_meetings",
        "delegation_trial_list",
        "delegation_trial_save",
        "delegation_trial_remove",
        "delegation_review_list",
        "delegation_review_score",
        "delegation_organiser_application_list",
        "delegation_application_decide",
        "delegation_decisions_send",
        "delegation_itinerary",
        "delegation_outcomes",
        "delegation_programme_update",
        "delegation_itinerary_item_list",
        "delegation_itinerary_item_create",
        "delegation_itinerary_item_update",
        "delegation_itinerary_item_delete",
    }


def test_the_itinerary_shows_the_delegates_scheduled_meetings(client, programme):
    event = programme.event
    PartneringSetupFactory(event=event)
    services.block_upsert(
        event=event,
        date=dt.date(2027, 6, 2),
        start_time=dt.time(9),
        end_time=dt.time(10),
        label="Pharma meetings",
    )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=1)
    delegate = DelegateFactory(application__programme=programme)
    delegate.registration = Registration.objects.create(
        event=event, user=delegate.user, category="delegation", status="confirmed"
    )
    delegate.save()
    mine = ParticipantFactory(event=event, registration=delegate.registration)
    pharma = ParticipantFactory(event=event, kind="pharma")
    meeting = Meeting.objects.create(
        event=event,
        slot=Slot.objects.filter(event=event).first(),
        table=Table.objects.get(event=event),
    )
    meeting.participants.set([mine, pharma])
    client.force_login(delegate.user)

    page = client.get(_url("itinerary", event.slug)).content.decode()

    # 2 June 09:00 in Chicago is 23:00 the same day in Seoul.
    assert "June 2, 2027 (Wednesday)" in page
    assert ">09:00</time>–<time" in page
    assert "(Korea 23:00)" in page
    assert "Pharma meetings, Table 1" in page
    assert str(pharma.registration.user.organisation) in page


def test_organiser_pages_assign_a_reviewer_and_list_the_roster(
    client, programme, organiser
):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    delegate = DelegateFactory(application__programme=programme)
    EventTeamMember.objects.create(
        event=programme.event, user=organiser, role=TeamRole.EDITOR
    )
    client.force_login(organiser)

    home = client.get(_url("organiser_home")).content.decode()
    client.post(
        _url("organiser_application", application.pk),
        {"form": "assign", "reviewer": organiser.pk},
    )
    confirm_post(
        client,
        _url("organiser_application", application.pk),
        {"form": "decision", "status": S.WAITLISTED, "note": "Next in line."},
    )
    roster = client.get(_url("roster", programme.event.slug)).content.decode()

    assert "1 / 2" in home  # the confirmed delegate's company holds a place
    application.refresh_from_db()
    assert [r.reviewer for r in application.reviews.all()] == [organiser]
    assert (application.status, application.decision_note) == (
        S.WAITLISTED,
        "Next in line.",
    )
    assert delegate.user.email in roster
