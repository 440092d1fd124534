import pytest
from django.core.management import call_command
from django.test import Client

from events.demo.common import DEMO_PASSWORD

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.mark.slow
def test_demo_logins_reach_the_admins_they_should():
    call_command("load_demo")
    organiser, attendee, admin = Client(), Client(), Client()
    assert organiser.login(email="organiser@convene.test", password=DEMO_PASSWORD)
    assert attendee.login(email="attendee@convene.test", password=DEMO_PASSWORD)
    assert admin.login(email="admin@convene.test", password=DEMO_PASSWORD)

    wagtail = organiser.get("/admin/snippets/events/session/?q=Keynote")
    closed = organiser.get("/django-admin/events/session/?q=Keynote")
    back_office = admin.get("/django-admin/events/session/?q=Keynote")
    refused = attendee.get("/admin/")

    assert wagtail.status_code == 200
    assert "Opening keynote" in wagtail.content.decode()
    assert closed.status_code == 302
    assert closed["Location"].startswith("/django-admin/login/")
    assert "Opening keynote" in back_office.content.decode()
    assert refused.status_code == 302
    assert refused["Location"].startswith("/admin/login/")


def test_wagtail_login_with_wrong_password_shows_the_form_again(client):
    response = client.post(
        "/admin/login/", {"username": "nobody@example.org", "password": "wrong"}
    )
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()
