"""The check-in API over HTTP: session users and scanner tokens, problem+json."""

import pytest
from django.urls import reverse

from badges import services
from badges.models import CheckIn
from tests.factories.badges import RegistrationFactory, ScannerTokenFactory
from tests.factories.events import RoomFactory, SessionFactory

pytestmark = pytest.mark.integration


def scan_url(event) -> str:
    return reverse("api:checkin_scan", kwargs={"slug": event.slug})


def search_url(event) -> str:
    return reverse("api:checkin_search", kwargs={"slug": event.slug})


def post(client, url, body, **headers):
    return client.post(url, body, content_type="application/json", headers=headers)


def test_staff_scan_answers_ok_with_name_organisation_and_ticket(
    client, event, staff, attendee, token
):
    client.force_login(staff)
    response = post(client, scan_url(event), {"nonce": "api-scan-01", "token": token})
    body = response.json()
    assert response.status_code == 200
    assert (body["result"], body["message"], body["where"]) == (
        "ok",
        "Checked in",
        "Entrance",
    )
    assert body["person"] == {
        "registration_id": attendee.pk,
        "name": "Minji Kim",
        "name_ko": "김민지",
        "email": "minji@example.org",
        "organisation": "Seoul CRO",
        "ticket": "Early bird",
        "category": "attendee",
        "status": "confirmed",
    }


def test_repeated_request_counts_once_and_a_new_scan_says_already(
    client, event, staff, token
):
    client.force_login(staff)
    first = post(
        client, scan_url(event), {"nonce": "api-scan-02", "token": token}
    ).json()
    again = post(
        client, scan_url(event), {"nonce": "api-scan-02", "token": token}
    ).json()
    other = post(
        client, scan_url(event), {"nonce": "api-scan-03", "token": token}
    ).json()
    assert (again["result"], again["repeated"]) == ("ok", True)
    assert (other["result"], other["message"]) == ("already", "Already checked in")
    assert other["checked_in_at"] == first["checked_in_at"]
    assert other["where"] == "Entrance"
    assert CheckIn.objects.count() == 1


def test_session_room_scan_names_the_session_and_room(client, event, staff, token):
    session = SessionFactory(
        event=event, room=RoomFactory(event=event, name_en="Hall B"), title_en="Keynote"
    )
    client.force_login(staff)
    body = {"nonce": "room-scan-1", "token": token, "session_id": session.pk}
    post(client, scan_url(event), body)
    again = post(client, scan_url(event), {**body, "nonce": "room-scan-2"}).json()
    assert (again["result"], again["where"]) == ("already", "Keynote · Hall B")


def test_forged_token_answers_not_valid(client, event, staff):
    client.force_login(staff)
    body = post(
        client, scan_url(event), {"nonce": "forged-001", "token": "1-1-XXXX"}
    ).json()
    assert (body["result"], body["reason"], body["person"]) == (
        "invalid",
        "forged",
        None,
    )
    assert body["message"] == "Not a badge of ours (forged or damaged)"


def test_a_request_without_token_or_registration_is_a_problem(client, event, staff):
    client.force_login(staff)
    response = post(client, scan_url(event), {"nonce": "no-target1"})
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "Send either token or registration_id" in response.json()["detail"]


def test_a_short_nonce_is_refused(client, event, staff, token):
    client.force_login(staff)
    response = post(client, scan_url(event), {"nonce": "x", "token": token})
    assert (response.status_code, response.json()["title"]) == (422, "Invalid request")


def test_an_unknown_event_is_not_found(client, staff, token):
    client.force_login(staff)
    url = reverse("api:checkin_scan", kwargs={"slug": "nope"})
    response = post(client, url, {"nonce": "unknown-ev", "token": token})
    assert (response.status_code, response.json()["title"]) == (404, "Not found")


def test_search_by_korean_name_e_mail_or_organisation(client, event, staff, attendee):
    RegistrationFactory(
        event=event, user__first_name="Daniel", user__name_ko="조다니엘"
    )
    client.force_login(staff)
    results = {
        q: [p["email"] for p in client.get(search_url(event), {"q": q}).json()["items"]]
        for q in ("김민지", "minji@", "seoul cro", "kim minji")
    }
    assert results == {q: ["minji@example.org"] for q in results}


def test_search_then_check_in_by_registration_id(client, event, staff, attendee):
    client.force_login(staff)
    [found] = client.get(search_url(event), {"q": "Minji"}).json()["items"]
    assert found["entered_at"] is None
    body = {"nonce": "manual-0001", "registration_id": found["registration_id"]}
    assert post(client, scan_url(event), body).json()["result"] == "ok"
    [after] = client.get(search_url(event), {"q": "Minji"}).json()["items"]
    assert after["entered_at"] is not None


def test_scanner_token_checks_in_at_its_own_event(client, event, token):
    device = ScannerTokenFactory(event=event)
    body = {"nonce": "device-0001", "token": token}
    response = post(client, scan_url(event), body, authorization=f"Bearer {device.key}")
    assert response.json()["result"] == "ok"
    assert CheckIn.objects.get().by_token == device
    device.refresh_from_db()
    assert device.last_used_at is not None


def test_scanner_token_of_another_event_is_forbidden(client, event, other_event, token):
    device = ScannerTokenFactory(event=other_event)
    body = {"nonce": "device-0002", "token": token}
    response = post(client, scan_url(event), body, authorization=f"Bearer {device.key}")
    assert (response.status_code, response.json()["title"]) == (403, "Forbidden")
    assert CheckIn.objects.count() == 0


def test_revoked_or_wrong_scanner_token_is_unauthorised(
    client, event, organiser, token
):
    device = ScannerTokenFactory(event=event)
    services.scanner_token_revoke(token=device, actor=organiser)
    for key in (device.key, "cvs_made-up"):
        response = post(
            client,
            scan_url(event),
            {"nonce": "device-0003", "token": token},
            authorization=f"Bearer {key}",
        )
        assert (response.status_code, response.json()["title"]) == (401, "Unauthorised")


def test_scanner_token_opens_no_other_api(client, event):
    device = ScannerTokenFactory(event=event)
    response = client.get(
        "/api/me/calendar", headers={"authorization": f"Bearer {device.key}"}
    )
    assert response.status_code in (401, 403, 404)
    assert response.status_code != 200


def test_attendee_and_anonymous_may_not_scan(client, event, attendee, token):
    anonymous = post(client, scan_url(event), {"nonce": "anon-00001", "token": token})
    client.force_login(attendee.user)
    attendee_try = post(
        client, scan_url(event), {"nonce": "self-00001", "token": token}
    )
    searched = client.get(search_url(event), {"q": "Minji"})
    assert [anonymous.status_code, attendee_try.status_code, searched.status_code] == [
        401,
        403,
        403,
    ]
    assert CheckIn.objects.count() == 0


def test_organisers_may_scan_too(client, event, organiser, token):
    client.force_login(organiser)
    response = post(client, scan_url(event), {"nonce": "org-scan-1", "token": token})
    assert response.json()["result"] == "ok"


def test_checkin_staff_of_one_event_may_not_scan_at_another(client, other_event, staff):
    stranger = RegistrationFactory(event=other_event)
    token = services.badge_token(badge=services.badge_current(registration=stranger))
    client.force_login(staff)
    response = post(
        client, scan_url(other_event), {"nonce": "wrong-ev-1", "token": token}
    )
    assert response.status_code == 403


def test_openapi_documents_the_check_in_operations(client):
    schema = client.get("/api/openapi.json").json()
    operations = {
        op["operationId"] for path in schema["paths"].values() for op in path.values()
    }
    assert {"checkin_scan", "checkin_search"} <= operations
    assert "ScanOut" in schema["components"]["schemas"]


def test_a_nonce_reused_for_another_person_is_a_problem(client, event, staff, token):
    someone = RegistrationFactory(event=event)
    client.force_login(staff)
    post(client, scan_url(event), {"nonce": "reused-0001", "token": token})
    response = post(
        client, scan_url(event), {"nonce": "reused-0001", "registration_id": someone.pk}
    )
    assert (response.status_code, response.json()["title"]) == (400, "Invalid data")
    assert "already used for another check-in" in response.json()["detail"]
