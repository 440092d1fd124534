"""Two-factor sign-in (TOTP): organisers and staff set up an authenticator, then
every sign-in asks for a code; codes are computed here as the app would."""

import re
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import middleware, selectors
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.confirm import confirm_fields
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

SETUP = "/en/accounts/2fa/"
VERIFY = "/en/accounts/2fa/verify/"


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def required(settings):
    settings.REQUIRE_ORGANISER_2FA = True
    return settings


@pytest.fixture
def event(db):
    return EventFactory(slug="kic-2fa")


@pytest.fixture
def organiser(event):
    user = UserFactory(email="olga@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user


def _dashboard(event):
    return f"/en/organiser/{event.slug}/registrations/"


def _sign_in(client, user):
    response = client.post(
        "/en/accounts/login/", {"username": user.email, "password": "pw-for-tests"}
    )
    assert response.status_code == 302
    return response


def test_organiser_without_an_authenticator_is_sent_to_set_one_up(
    client, required, organiser, event
):
    client.force_login(organiser)
    response = client.get(_dashboard(event))
    assert (response.status_code, response["Location"]) == (
        302,
        f"{SETUP}?next=%2Fen%2Forganiser%2Fkic-2fa%2Fregistrations%2F",
    )


def test_setup_shows_a_qr_code_and_a_first_code_turns_it_on(
    client, required, organiser, event
):
    client.force_login(organiser)
    page = client.get(SETUP, {"next": _dashboard(event)})
    assert 'src="data:image/svg+xml' in page.text
    device = TOTPDevice.objects.get(user=organiser, confirmed=False)
    assert "otpauth://totp/Convene" in device.config_url

    wrong = client.post(SETUP, {"code": "000000", "next": _dashboard(event)})
    assert "That code is wrong or has expired" in wrong.text

    done = client.post(SETUP, {"code": code_for(device), "next": _dashboard(event)})
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(_dashboard(event)).status_code == 200


def test_every_sign_in_then_asks_for_a_code(client, required, organiser, event):
    required.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong try below would slow the next
    device = TOTPDevice.objects.create(user=organiser, name="app", confirmed=True)
    _sign_in(client, organiser)
    response = client.get(_dashboard(event))
    assert response["Location"].startswith(f"{VERIFY}?next=")

    wrong = client.post(VERIFY, {"code": "123456", "next": _dashboard(event)})
    assert wrong.status_code == 200
    assert client.get(_dashboard(event)).status_code == 302

    right = client.post(VERIFY, {"code": code_for(device), "next": _dashboard(event)})
    assert (right.status_code, right["Location"]) == (302, _dashboard(event))
    assert client.get(_dashboard(event)).status_code == 200


def test_a_code_cannot_be_used_twice(client, required, organiser, event):
    device = TOTPDevice.objects.create(user=organiser, name="app", confirmed=True)
    code = code_for(device)
    _sign_in(client, organiser)
    client.post(VERIFY, {"code": code})
    client.logout()
    _sign_in(client, organiser)
    again = client.post(VERIFY, {"code": code})
    assert "That code is wrong or has expired" in again.text


def test_a_recovery_code_works_once(client, required, organiser, event):
    client.force_login(organiser)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=organiser)
    done = client.post(SETUP, {"code": code_for(device)})
    recovery = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)[0]
    client.logout()

    _sign_in(client, organiser)
    used = client.post(VERIFY, {"code": recovery.upper(), "next": _dashboard(event)})
    assert used["Location"] == _dashboard(event)
    client.logout()
    _sign_in(client, organiser)
    again = client.post(VERIFY, {"code": recovery})
    assert "That code is wrong or has expired" in again.text


def test_admin_staff_must_verify_before_the_wagtail_admin(client, required):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    response = client.get("/admin/")
    assert response["Location"].startswith(f"{SETUP}?next=%2Fadmin%2F")


def test_the_api_answers_403_problem_json_until_verified(
    client, required, organiser, event
):
    client.force_login(organiser)
    response = client.get(f"/api/registration/events/{event.slug}/orders")
    assert (response.status_code, response["Content-Type"]) == (
        403,
        "application/problem+json",
    )
    assert response.json()["title"] == "Two-factor sign-in required"


def test_attendees_are_not_asked(client, required, event):
    client.force_login(UserFactory())
    assert client.get("/en/me/registrations/").status_code == 200


def test_an_attendee_who_set_up_an_authenticator_is_asked_too(client, required):
    attendee = UserFactory()
    TOTPDevice.objects.create(user=attendee, name="app", confirmed=True)
    client.force_login(attendee)
    assert client.get("/en/me/registrations/")["Location"].startswith(VERIFY)


def test_not_required_in_the_demo(client, settings, organiser, event):
    settings.REQUIRE_ORGANISER_2FA = False
    client.force_login(organiser)
    assert client.get(_dashboard(event)).status_code == 200


def test_an_enabled_authenticator_cannot_be_replaced_without_a_code(
    client, required, organiser
):
    TOTPDevice.objects.create(user=organiser, name="app", confirmed=True)
    client.force_login(organiser)
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)


def test_a_wrong_code_makes_the_next_try_wait(client, required, organiser):
    device = TOTPDevice.objects.create(user=organiser, name="app", confirmed=True)
    client.force_login(organiser)
    client.post(VERIFY, {"code": "000000"})
    right_too_soon = client.post(VERIFY, {"code": code_for(device)})
    assert "That code is wrong or has expired" in right_too_soon.text
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # the refused try did not count


def test_attendees_pay_the_check_once_in_a_while(client, required, event):
    client.force_login(UserFactory())
    client.get("/en/me/registrations/")  # checked, and remembered in the session
    with CaptureQueriesContext(connection) as remembered:
        client.get("/en/me/registrations/")
    tables = " ".join(q["sql"] for q in remembered.captured_queries)
    assert ("otp_totp_totpdevice" in tables, "eventteammember" in tables) == (
        False,
        False,
    )


def test_a_new_organiser_role_applies_after_the_recheck(client, required, event):
    user = UserFactory()
    client.force_login(user)
    client.get("/en/me/registrations/")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    session = client.session  # the recheck is due
    assert session[middleware.FREE_UNTIL] > 0
    session[middleware.FREE_UNTIL] = 0
    session.save()
    assert client.get("/en/me/registrations/")["Location"].startswith(SETUP)


def test_new_recovery_codes_ask_first_and_then_the_old_ones_stop(
    client, required, organiser, event
):
    client.force_login(organiser)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=organiser)
    done = client.post(SETUP, {"code": code_for(device)})
    old = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.text)
    renew = "/en/accounts/2fa/recovery-codes/"

    asked = client.post(renew, {"next": _dashboard(event)})
    assert "Make new recovery codes?" in asked.text
    assert "Your 10 recovery codes left stop working at once." in asked.text
    assert selectors.recovery_codes_left(user=organiser) == 10
    assert StaticToken.objects.filter(token=old[0]).exists()  # asking changed nothing

    new = client.post(renew, confirm_fields(asked.text))
    fresh = re.findall(r"<li><code>([a-z0-9]+)</code></li>", new.text)
    assert len(fresh) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()
    assert f'href="{_dashboard(event)}"' in new.text

    stale = client.post(renew, confirm_fields(asked.text))  # the page of the old codes
    assert stale["Location"] == SETUP
    assert set(
        StaticToken.objects.filter(device__user=organiser).values_list(
            "token", flat=True
        )
    ) == set(fresh)
