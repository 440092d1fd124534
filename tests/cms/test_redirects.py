import pytest
from django.core.management import call_command

from events.models import Session

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def test_calendar_short_link_leads_to_the_session_page_in_each_language(client):
    call_command("load_demo")
    session = Session.objects.get(
        title_en="Opening keynote: Korea as a global trial hub"
    )

    english = client.get(f"/go/session/{session.pk}/")
    korean = client.get(f"/go/session/{session.pk}/", HTTP_ACCEPT_LANGUAGE="ko")
    page = client.get(english["Location"])

    assert english.status_code == 302
    assert english["Location"].startswith("/en/")
    assert english["Location"].endswith(f"/session/{session.pk}/")
    assert korean["Location"].startswith("/ko/")
    assert page.status_code == 200
    assert "Opening keynote" in page.content.decode()


def test_short_link_to_an_unknown_session_is_404(client):
    assert client.get("/go/session/999999/").status_code == 404
