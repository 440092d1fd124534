"""E-mails are written in the recipient's language: the one they signed up or
first signed in with, or the one they chose in their personal area."""

import re

import pytest
from django.core import mail

from accounts.mail import signin_link_send
from accounts.models import User
from tests.factories.accounts import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HANGUL = re.compile("[\uac00-\ud7a3]")


def test_a_korean_speaker_gets_korean_mail_and_an_english_speaker_english():
    korean = UserFactory(language="ko")
    english = UserFactory(language="")
    signin_link_send(user=korean, url="http://x/")
    signin_link_send(user=english, url="http://x/")
    ko, en = mail.outbox
    assert HANGUL.search(ko.subject)
    assert HANGUL.search(ko.body)
    assert not HANGUL.search(en.subject)
    assert not HANGUL.search(en.body)


def test_signing_up_on_a_korean_page_keeps_korean(client):
    response = client.post(
        "/ko/accounts/signup/",
        {
            "email": "kim@example.org",
            "first_name": "Minji",
            "last_name": "Kim",
            "password": "a-long-enough-pass-27",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="kim@example.org").language == "ko"


def test_the_first_sign_in_language_is_remembered_and_not_overwritten(client):
    user = UserFactory(language="")
    user.set_password("pw-for-this-test")
    user.save()
    client.post(
        "/ko/accounts/login/", {"username": user.email, "password": "pw-for-this-test"}
    )
    user.refresh_from_db()
    assert user.language == "ko"
    client.logout()
    client.post(
        "/en/accounts/login/", {"username": user.email, "password": "pw-for-this-test"}
    )
    user.refresh_from_db()
    assert user.language == "ko"


def test_the_personal_area_changes_the_language_and_refuses_an_unknown_one(client):
    user = UserFactory(language="ko")
    client.force_login(user)
    page = client.get("/en/me/registrations/").content.decode()
    title = page.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<form" not in title
    assert 'name="language"' in page.split("<main", 1)[1]
    client.post("/en/me/language/", {"language": "en"})
    user.refresh_from_db()
    assert user.language == "en"
    response = client.post("/en/me/language/", {"language": "xx"}, follow=True)
    user.refresh_from_db()
    assert user.language == "en"
    assert "Choose one of the languages offered." in response.content.decode()


@pytest.mark.parametrize(
    ("next_url", "lands"),
    [
        ("/en/register/kic/", "/en/register/kic/"),
        ("https://evil.example/steal", "/en/me/registrations/"),
        ("//evil.example/", "/en/me/registrations/"),
    ],
)
def test_signing_up_returns_to_the_page_it_came_from_never_off_the_site(
    client, next_url, lands
):
    response = client.post(
        f"/en/accounts/signup/?next={next_url}",
        {
            "email": "lee@example.org",
            "first_name": "Jiwoo",
            "last_name": "Lee",
            "password": "a-long-enough-pass-27",
        },
    )
    assert (response.status_code, response["Location"]) == (302, lands)
