import datetime as dt

import pytest
from django.utils import timezone

from matchmaking.enums import RequestStatus, RunStatus
from matchmaking.models import MeetingRequest, Participant, ScheduleRun
from registration.models import Registration
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    TagFactory,
    accepted_meeting,
)
from tests.spreadsheets import csv_rows, xlsx_sheet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def url(event, rest: str = "") -> str:
    return f"/en/partnering/{event.slug}/{rest}"


def test_directory_lists_profiles_and_profile_page_sends_a_request(
    client, event, investor, biotech
):
    biotech.offers.add(TagFactory(category="area", slug="oncology", name_en="Oncology"))
    client.force_login(investor.user)
    page = client.get(url(event)).content.decode()
    assert str(biotech.organisation) in page
    assert "<h3>Therapeutic area</h3>" in page
    assert '<option value="biotech">Biotech (1)</option>' in page
    response = client.post(
        url(event, f"people/{biotech.pk}/"), {"message": "Let us meet", "priority": 2}
    )
    assert response.status_code == 302
    assert response["Location"] == url(event, "requests/")
    request = MeetingRequest.objects.get()
    assert (request.sender, request.recipient, request.message) == (
        investor,
        biotech,
        "Let us meet",
    )


def test_recipient_accepts_on_my_requests_and_sees_the_meeting(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    client.force_login(biotech.user)
    assert "Accept" in client.get(url(event, "requests/")).content.decode()
    client.post(url(event, f"requests/{request.pk}/accept/"))
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED
    page = client.get(url(event, "meetings/")).content.decode()
    assert str(investor.user) in page
    assert "Not scheduled yet" in page
    assert 'href="/calendar/me.ics" download' in page
    assert 'href="/en/me/calendar/"' in page


def test_another_participants_request_page_action_is_404(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    stranger = ParticipantFactory(event=event)
    client.force_login(stranger.user)
    response = client.post(url(event, f"requests/{request.pk}/accept/"))
    assert response.status_code == 404
    assert MeetingRequest.objects.get().status == RequestStatus.PENDING


def test_non_participant_is_asked_to_join_and_joins(client, event, biotech):
    user = UserFactory()
    registration = Registration.objects.create(
        event=event, user=user, status="confirmed"
    )
    client.force_login(user)
    assert "Take part in partnering" in client.get(url(event)).content.decode()
    onco = TagFactory(category="area", slug="oncology", name_en="Oncology")
    client.post(url(event, "me/"), {"pitch_en": "Hello", "offers": [onco.pk]})
    participant = Participant.objects.get(registration=registration)
    assert (participant.pitch_en, list(participant.offers.all())) == ("Hello", [onco])


def test_organiser_schedules_reviews_and_publishes_on_the_page(
    client, event, organiser, investor, biotech, committed
):
    meeting = accepted_meeting(investor, biotech)
    client.force_login(organiser)
    with committed():
        response = client.post(url(event, "organiser/schedule/"), {"time_limit": 5})
    run = ScheduleRun.objects.get()
    assert response["Location"] == url(event, f"organiser/schedule/?run={run.pk}")
    page = client.get(response["Location"]).content.decode()
    assert "Draft, to review" in page
    assert "1 accepted meeting placed; nobody has a gap between meetings." in page
    assert "Status FEASIBLE" not in page
    assert "Slots by table" in page
    progress = client.get(url(event, f"organiser/schedule/{run.pk}/progress/")).json()
    assert (progress["done"], progress["percent"], progress["status"]) == (
        True,
        100,
        "draft",
    )
    assert progress["best"] == "priority 2, 0 breaks, 0 table changes"
    confirm_post(client, url(event, f"organiser/schedule/{run.pk}/publish/"))
    run.refresh_from_db()
    meeting.refresh_from_db()
    assert run.status == RunStatus.PUBLISHED
    for person in (investor, biotech):
        client.force_login(person.user)
        page = client.get(url(event, "meetings/")).content.decode()
        assert f'<span class="table">{meeting.table}</span>' in page
        assert "Tue 16 Mar" in page


def test_organiser_pages_are_404_for_participants(client, event, investor):
    client.force_login(investor.user)
    for rest in ("organiser/", "organiser/schedule/", "organiser/export.csv"):
        assert client.get(url(event, rest)).status_code == 404


def test_dashboard_counts_and_exports(client, event, organiser, investor, biotech):
    accepted_meeting(investor, biotech)
    MeetingRequestFactory(
        sender=ParticipantFactory(event=event, kind="investor"),
        recipient=biotech,
        status="declined",
    )
    client.force_login(organiser)
    page = client.get(url(event, "organiser/")).content.decode()
    assert '<dd id="requests-total">2</dd>' in page
    csv = csv_rows(client.get(url(event, "organiser/export.csv")))
    assert csv[0][:4] == ["Meeting", "Status", "Start (KST)", "Table"]
    assert len(csv) == 2
    sheet = xlsx_sheet(client.get(url(event, "organiser/export.xlsx")))
    assert sheet.max_row == 2
    assert sheet["B2"].value == "Confirmed"
    instance = client.get(url(event, "organiser/schedule/instance.json")).json()
    assert len(instance["meetings"]) == 1


def test_profile_page_blocks_slots_and_meetings_show_in_own_zone(
    client, event, investor, biotech
):
    first = event.meeting_slots.first()
    client.force_login(biotech.user)
    client.post(
        url(event, "me/"),
        {"pitch_en": "Hi", "blocked_slots": [first.pk], "timezone": "Europe/Berlin"},
    )
    biotech.refresh_from_db()
    assert list(biotech.blocked_slots.all()) == [first]
    meeting = accepted_meeting(investor, biotech)
    meeting.slot, meeting.table = (
        event.meeting_slots.last(),
        event.meeting_tables.first(),
    )
    meeting.save()
    page = client.get(url(event, "meetings/")).content.decode()
    # 10:30 in Seoul is 02:30 in Berlin (winter time)
    assert '<span class="slot">Tue 16 Mar 02:30–03:00</span>' in page
    assert "Times in Europe/Berlin." in page


def test_a_run_whose_process_died_shows_failed_on_the_organisers_page(
    client, event, organiser
):
    long_ago = timezone.now() - dt.timedelta(minutes=10)
    run = ScheduleRun.objects.create(
        event=event, status=RunStatus.RUNNING, started_at=long_ago
    )
    ScheduleRun.objects.filter(pk=run.pk).update(heartbeat_at=long_ago)
    client.force_login(organiser)
    progress = client.get(url(event, f"organiser/schedule/{run.pk}/progress/")).json()
    assert (progress["status"], progress["done"]) == ("failed", True)
    assert "Start the run again" in progress["error"]
