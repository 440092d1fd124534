import pytest

from events.enums import OrganisationKind
from matchmaking.enums import RequestStatus, RunStatus
from matchmaking.models import Meeting, MeetingRequest
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    TagFactory,
    accepted_meeting,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def base(event) -> str:
    return f"/api/partnering/{event.slug}"


@pytest.fixture
def as_investor(client, investor):
    client.force_login(investor.user)
    return client


def test_investor_requests_biotech_and_biotech_accepts(
    client, event, investor, biotech
):
    client.force_login(investor.user)
    sent = client.post(
        f"{base(event)}/requests",
        {"recipient_id": biotech.pk, "message": "Hi", "priority": 3},
        content_type="application/json",
    )
    assert sent.status_code == 201
    body = sent.json()
    assert (body["status"], body["priority"], body["recipient"]["id"]) == (
        "pending",
        3,
        biotech.pk,
    )
    client.force_login(biotech.user)
    accepted = client.post(f"{base(event)}/requests/{body['id']}/accept")
    assert accepted.json()["status"] == "accepted"
    meetings = client.get(f"{base(event)}/meetings").json()
    assert meetings["count"] == 1
    item = meetings["items"][0]
    assert sorted(p["id"] for p in item["participants"]) == sorted(
        [investor.pk, biotech.pk]
    )
    assert (item["slot"], item["table"], item["status"]) == (None, None, "confirmed")


def test_another_participants_request_and_meeting_are_not_found(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    meeting = accepted_meeting(
        ParticipantFactory(event=event, kind="investor"), biotech
    )
    stranger = ParticipantFactory(event=event)
    client.force_login(stranger.user)
    for url in (
        f"{base(event)}/requests/{request.pk}",
        f"{base(event)}/meetings/{meeting.pk}",
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    response = client.post(f"{base(event)}/requests/{request.pk}/accept")
    assert response.json()["title"] == "Not found"
    assert MeetingRequest.objects.get(pk=request.pk).status == RequestStatus.PENDING
    assert client.get(f"{base(event)}/requests").json()["count"] == 0


def test_wrong_state_is_a_409_problem(as_investor, event, investor, biotech):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    as_investor.post(f"{base(event)}/requests/{request.pk}/cancel")
    response = as_investor.post(f"{base(event)}/requests/{request.pk}/cancel")
    assert response.json()["status"] == "cancelled"  # cancelling twice changes nothing
    as_investor.force_login(biotech.user)
    refused = as_investor.post(f"{base(event)}/requests/{request.pk}/accept")
    assert refused.status_code == 409
    assert refused.json()["title"] == "Partnering refused"


def test_anonymous_is_unauthorised(client, event):
    response = client.get(f"{base(event)}/participants")
    assert response.status_code == 401
    assert response.json()["title"] == "Unauthorised"


def test_directory_lists_visible_profiles_with_facets(as_investor, event, investor):
    onco = TagFactory(category="area", slug="oncology", name_en="Oncology")
    biotech = ParticipantFactory(event=event, offers=[onco])
    ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    listed = as_investor.get(f"{base(event)}/participants").json()
    assert [p["id"] for p in listed["items"]] == [biotech.pk]
    assert listed["items"][0]["offers"] == [
        {"category": "area", "slug": "oncology", "name": "Oncology"}
    ]
    facets = as_investor.get(f"{base(event)}/facets?tag=area:oncology").json()
    assert facets == {
        "tags": [
            {"category": "area", "slug": "oncology", "name": "Oncology", "count": 1}
        ],
        "kinds": {"biotech": 1},
    }
    hidden = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    response = as_investor.get(f"{base(event)}/participants/{hidden.pk}")
    assert response.status_code == 404


def test_profile_put_joins_and_updates(client, event, biotech):
    onco = TagFactory(category="area", slug="oncology", name_en="Oncology")
    client.force_login(biotech.user)
    response = client.put(
        f"{base(event)}/me",
        {
            "pitch_en": "ADC for gastric cancer",
            "pitch_ko": "위암 ADC",
            "offers": ["area:oncology"],
        },
        content_type="application/json",
    )
    body = response.json()
    assert (body["pitch_en"], body["pitch_ko"]) == (
        "ADC for gastric cancer",
        "위암 ADC",
    )
    assert [t["slug"] for t in body["offers"]] == ["oncology"]
    biotech.refresh_from_db()
    assert list(biotech.offers.all()) == [onco]


def test_recommendations_come_with_an_explanation(as_investor, event, investor):
    onco = TagFactory(category="area", slug="oncology", name_en="Oncology")
    investor.seeks.add(onco)
    match = ParticipantFactory(event=event, offers=[onco])
    (item,) = as_investor.get(f"{base(event)}/recommendations").json()["items"]
    assert (item["participant"]["id"], item["score"]) == (match.pk, 3)
    assert item["explanation"] == "both in Oncology"


def test_organiser_runs_and_publishes_through_the_api(
    client, event, organiser, investor, biotech, committed
):
    meeting = accepted_meeting(investor, biotech)
    client.force_login(organiser)
    with committed():
        started = client.post(
            f"{base(event)}/schedule/runs",
            {"time_limit": 5},
            content_type="application/json",
        )
    assert started.status_code == 202
    run_id = started.json()["id"]
    run = client.get(f"{base(event)}/schedule/runs/{run_id}").json()
    assert run["status"] == RunStatus.DRAFT
    assert run["solution"]["assignments"][0]["meeting"] == f"m{meeting.pk}"
    published = client.post(f"{base(event)}/schedule/runs/{run_id}/publish").json()
    assert published["status"] == RunStatus.PUBLISHED
    meeting.refresh_from_db()
    client.force_login(investor.user)
    mine = client.get(f"{base(event)}/meetings/{meeting.pk}").json()
    client.force_login(biotech.user)
    theirs = client.get(f"{base(event)}/meetings/{meeting.pk}").json()
    assert mine["slot"] == theirs["slot"]
    assert mine["slot"]["start"].endswith("+09:00")
    assert mine["table"] == theirs["table"] == meeting.table.code


def test_participant_may_not_run_the_scheduler(as_investor, event):
    response = as_investor.post(
        f"{base(event)}/schedule/runs",
        {"time_limit": 5},
        content_type="application/json",
    )
    assert response.status_code == 403
    instance = as_investor.get(f"{base(event)}/schedule/instance")
    assert instance.status_code == 403


def test_organiser_must_meet_and_dashboard(client, event, organiser, investor, biotech):
    client.force_login(organiser)
    created = client.post(
        f"{base(event)}/organiser/meetings",
        {"participant_ids": [investor.pk, biotech.pk]},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert (created.json()["required"], created.json()["source"]) == (True, "organiser")
    MeetingRequestFactory(sender=investor, recipient=biotech, status="declined")
    figures = client.get(f"{base(event)}/organiser/dashboard").json()
    assert figures["requests"]["declined"] == 1
    assert figures["meetings"]["total"] == Meeting.objects.count() == 1
    assert figures["by_kind"][0]["kind"] == "investor"
    assert figures["by_kind"][0]["rate"] == 0


def test_api_list_queries_do_not_grow(
    as_investor, event, investor, django_assert_max_num_queries
):
    for _ in range(3):
        accepted_meeting(investor, ParticipantFactory(event=event))
    with django_assert_max_num_queries(12):
        assert as_investor.get(f"{base(event)}/meetings").json()["count"] == 3
    with django_assert_max_num_queries(12):
        assert as_investor.get(f"{base(event)}/requests").json()["count"] == 3


def test_profile_put_sets_own_availability_which_others_never_see(
    client, event, investor, biotech
):
    first, second, *_rest = event.meeting_slots.all()
    client.force_login(biotech.user)
    mine = client.put(
        f"{base(event)}/me",
        {"blocked_slot_ids": [second.pk, first.pk], "timezone": "Europe/Berlin"},
        content_type="application/json",
    ).json()
    assert (mine["blocked_slot_ids"], mine["timezone"]) == (
        [first.pk, second.pk],
        "Europe/Berlin",
    )
    wrong = client.put(
        f"{base(event)}/me", {"blocked_slot_ids": [0]}, content_type="application/json"
    )
    assert wrong.status_code == 400
    client.force_login(investor.user)
    seen = client.get(f"{base(event)}/participants/{biotech.pk}").json()
    assert "blocked_slot_ids" not in seen


def test_openapi_documents_every_partnering_operation_once(client):
    schema = client.get("/api/openapi.json").json()
    operations = [
        op["operationId"]
        for path, ops in schema["paths"].items()
        if path.startswith("/api/partnering/")
        for op in ops.values()
    ]
    assert len(operations) == len(set(operations)) == 34
    assert all(name.startswith("partnering_") for name in operations)
