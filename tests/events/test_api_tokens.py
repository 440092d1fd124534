"""Integrators' API tokens: issued once, hashed, scoped, event-bound, expiring,
revocable; accepted beside the session only where their scope is needed."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from badges import services as badge_services
from events import tokens as api_tokens
from events.enums import ApiScope, TeamRole
from events.models import ApiToken, EventTeamMember
from tests.confirm import confirm_post
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import EventFactory

pytestmark = pytest.mark.integration

ALL = [ApiScope.READ_EVENTS, ApiScope.READ_REGISTRATIONS, ApiScope.CHECK_IN]


@pytest.fixture
def organiser(event):
    user = UserFactory(email="olivia@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user


@pytest.fixture
def attendee(event):
    return RegistrationFactory(
        event=event,
        user__email="minji@example.org",
        user__first_name="Minji",
        order=OrderFactory(event=event),
    )


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def issue(owner, scopes, **kwargs) -> str:
    return api_tokens.api_token_create(
        owner=owner, name="CRM sync", scopes=scopes, **kwargs
    )[1]


def test_the_key_is_shown_once_and_only_its_hash_is_stored(organiser):
    token, key = api_tokens.api_token_create(
        owner=organiser, name="CRM", scopes=[ApiScope.READ_REGISTRATIONS]
    )
    stored = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("cvt_")
    assert len(key) > 40
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.prefix == key[:10]


def test_only_organisers_issue_tokens_and_only_for_their_events(organiser, db):
    with pytest.raises(PermissionDenied):
        api_tokens.api_token_create(
            owner=UserFactory(), name="x", scopes=[ApiScope.READ_EVENTS]
        )
    with pytest.raises(PermissionDenied):
        issue(organiser, [ApiScope.CHECK_IN], event=EventFactory())
    with pytest.raises(ValidationError):
        issue(organiser, ["delete_everything"])
    with pytest.raises(ValidationError):
        issue(organiser, [ApiScope.CHECK_IN], expires_at=timezone.now())


def test_registration_list_with_a_read_registrations_token(
    client, event, organiser, attendee, django_assert_max_num_queries
):
    key = issue(organiser, [ApiScope.READ_REGISTRATIONS])
    url = reverse("api:event_registration_list", kwargs={"slug": event.slug})
    with django_assert_max_num_queries(6):
        response = client.get(url, headers=bearer(key))
    body = response.json()
    assert (response.status_code, body["count"]) == (200, 1)
    assert [(r["email"], r["first_name"]) for r in body["items"]] == [
        ("minji@example.org", "Minji")
    ]
    orders = client.get(
        reverse("api:event_order_list", kwargs={"slug": event.slug}),
        headers=bearer(key),
    ).json()
    assert [o["code"] for o in orders["items"]] == [attendee.order.code]
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "name", ["event_registration_list", "event_order_list", "checkin_search"]
)
def test_a_token_without_the_scope_is_refused_with_problem_json(
    client, event, organiser, name
):
    key = issue(organiser, [ApiScope.READ_EVENTS])
    response = client.get(
        reverse(f"api:{name}", kwargs={"slug": event.slug}),
        {"q": "Minji"},
        headers=bearer(key),
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "scope" in response.json()["detail"]


def test_a_token_for_one_event_is_refused_at_another(client, event, organiser):
    other = EventFactory()
    EventTeamMember.objects.create(event=other, user=organiser, role="organiser")
    key = issue(organiser, [ApiScope.READ_REGISTRATIONS], event=event)
    url = reverse("api:event_registration_list", kwargs={"slug": other.slug})
    response = client.get(url, headers=bearer(key))
    assert (response.status_code, response.json()["title"]) == (403, "Forbidden")
    mine = reverse("api:event_registration_list", kwargs={"slug": event.slug})
    assert client.get(mine, headers=bearer(key)).status_code == 200


def test_a_token_never_exceeds_its_owner(client, event, organiser):
    key = issue(organiser, [ApiScope.READ_REGISTRATIONS])
    EventTeamMember.objects.filter(user=organiser).delete()
    url = reverse("api:event_registration_list", kwargs={"slug": event.slug})
    assert client.get(url, headers=bearer(key)).status_code == 403


def test_revoked_expired_and_unknown_keys_are_401(client, event, organiser):
    url = reverse("api:event_registration_list", kwargs={"slug": event.slug})
    revoked = issue(organiser, [ApiScope.READ_REGISTRATIONS])
    api_tokens.api_token_revoke(token=ApiToken.objects.get(), actor=organiser)
    expired = issue(
        organiser,
        [ApiScope.READ_REGISTRATIONS],
        expires_at=timezone.now() + dt.timedelta(seconds=30),
    )
    ApiToken.objects.filter(revoked_at__isnull=True).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    for key in (revoked, expired, "cvt_not-a-key"):
        response = client.get(url, headers=bearer(key))
        assert (response.status_code, response["Content-Type"]) == (
            401,
            "application/problem+json",
        )


def test_check_in_with_a_check_in_token(client, event, organiser, attendee):
    key = issue(organiser, [ApiScope.CHECK_IN])
    badge = badge_services.badge_current(registration=attendee)
    response = client.post(
        reverse("api:checkin_scan", kwargs={"slug": event.slug}),
        {"nonce": "tok-scan-1", "token": badge_services.badge_token(badge=badge)},
        content_type="application/json",
        headers=bearer(key),
    )
    assert (response.status_code, response.json()["result"]) == (200, "ok")
    found = client.get(
        reverse("api:checkin_search", kwargs={"slug": event.slug}),
        {"q": "Minji"},
        headers=bearer(key),
    ).json()
    assert (found["count"], found["items"][0]["email"]) == (1, "minji@example.org")


def test_read_events_token_sees_the_owners_draft_event(client, organiser, event):
    draft = EventFactory(slug="draft-2027", is_published=False)
    EventTeamMember.objects.create(event=draft, user=organiser, role="organiser")
    url = reverse("api:event_detail", kwargs={"slug": draft.slug})
    assert client.get(url).status_code == 404
    key = issue(organiser, [ApiScope.READ_EVENTS])
    assert client.get(url, headers=bearer(key)).json()["slug"] == "draft-2027"
    no_scope = issue(organiser, [ApiScope.CHECK_IN])
    assert client.get(url, headers=bearer(no_scope)).status_code == 403


def test_attendee_export_accepts_a_read_registrations_token(
    client, event, organiser, attendee
):
    url = reverse(
        "registration:organiser_attendee_export",
        kwargs={"slug": event.slug, "fmt": "csv"},
    )
    key = issue(organiser, [ApiScope.READ_REGISTRATIONS])
    response = client.get(url, headers=bearer(key))
    assert response.status_code == 200
    assert "minji@example.org" in response.content.decode()
    refused = client.get(url, headers=bearer(issue(organiser, [ApiScope.CHECK_IN])))
    assert (refused.status_code, refused["Content-Type"]) == (
        403,
        "application/problem+json",
    )


def test_tokens_api_creates_lists_and_revokes_for_a_signed_in_organiser(
    client, event, organiser
):
    client.force_login(organiser)
    created = client.post(
        reverse("api:api_token_create"),
        {"name": "Door app", "scopes": ["check_in"], "event": event.slug},
        content_type="application/json",
    )
    body = created.json()
    assert created.status_code == 201
    assert (body["scopes"], body["event"]) == (["check_in"], event.slug)
    assert body["key"].startswith(body["prefix"])
    listed = client.get(reverse("api:api_token_list")).json()
    assert listed["count"] == 1
    assert "key" not in listed["items"][0]
    revoked = client.post(
        reverse("api:api_token_revoke", kwargs={"token_id": body["id"]})
    ).json()
    assert revoked["revoked_at"] is not None
    # A token cannot mint tokens: the tokens API takes only the session.
    client.logout()
    again = client.post(
        reverse("api:api_token_create"),
        {"name": "x", "scopes": ["check_in"]},
        content_type="application/json",
        headers=bearer(body["key"]),
    )
    assert again.status_code == 401


def test_token_page_shows_the_key_once_and_revokes(client, event, organiser):
    client.force_login(organiser)
    url = reverse("events:api_tokens")
    page = client.post(
        url, {"name": "Badge vendor", "scopes": ["read_registrations"]}
    ).content.decode()
    token = ApiToken.objects.get()
    assert 'id="new-key"' in page
    assert token.prefix in page
    assert 'id="new-key"' not in client.get(url).content.decode()
    confirm_post(client, reverse("events:api_token_revoke", kwargs={"pk": token.pk}))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_page_is_for_organisers_only(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("events:api_tokens")).status_code == 404
