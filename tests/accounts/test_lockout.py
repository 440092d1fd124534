"""Account lockout (django-axes): repeated wrong passwords for one e-mail address
lock password sign-in to it for a while; a sign-in link and force_login still work."""

import pytest

from accounts import services as signin
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

LOGIN = "/en/accounts/login/"


@pytest.fixture
def person(db):
    return UserFactory(email="lee@example.org")


def _fail(client, email, times):
    return [
        client.post(LOGIN, {"username": email, "password": "wrong"}).status_code
        for _ in range(times)
    ]


def test_five_wrong_passwords_lock_the_account(client, person, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    statuses = _fail(client, "lee@example.org", 5)
    right = client.post(LOGIN, {"username": person.email, "password": "pw-for-tests"})
    assert (statuses, right.status_code) == ([200, 200, 200, 200, 429], 429)
    assert "Too many wrong passwords for this account" in right.text
    assert right["Retry-After"] == "900"
    assert "_auth_user_id" not in client.session


def test_the_address_counts_whatever_its_case(client, person):
    _fail(client, "LEE@Example.org", 3)
    _fail(client, " lee@example.org", 2)
    right = client.post(LOGIN, {"username": person.email, "password": "pw-for-tests"})
    assert right.status_code == 429


def test_a_right_password_before_the_limit_resets_the_count(client, person):
    _fail(client, person.email, 4)
    client.post(LOGIN, {"username": person.email, "password": "pw-for-tests"})
    client.logout()
    assert _fail(client, person.email, 4) == [200] * 4


def test_a_sign_in_link_still_works_when_locked(client, person):
    _fail(client, person.email, 5)
    _user, uid, token = signin.signin_link_issue(email=person.email)
    response = client.post(f"/en/accounts/login/link/{uid}/{token}/")
    assert (response.status_code, client.session["_auth_user_id"]) == (
        302,
        str(person.pk),
    )


def test_the_wagtail_admin_sign_in_is_locked_too(client, person):
    person.is_staff = True
    person.save()
    for _ in range(5):
        client.post("/admin/login/", {"username": person.email, "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": person.email, "password": "pw-for-tests"}
    )
    assert response.status_code == 429


def test_force_login_still_signs_in(client, person):
    client.force_login(person)
    assert client.get("/en/me/registrations/").status_code == 200
