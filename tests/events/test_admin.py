"""The Django admin (superusers') reads and shows an event's times on its clock."""

import datetime as dt

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.delegations import ProgrammeFactory
from tests.factories.events import SessionFactory, local

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_session_edits_on_the_events_clock(superuser_client, event):
    session = SessionFactory(event=event, start=local(event, 0, 9))  # 00:00 UTC
    url = f"/django-admin/events/session/{session.pk}/change/"
    html = superuser_client.get(url).content.decode()
    assert 'name="start_1" value="09:00:00"' in html
    assert "zone (KST (Asia/Seoul))." in html
    data = {
        "event": event.pk,
        "kind": session.kind,
        "title_en": session.title_en,
        "title_ko": session.title_ko,
        "start_0": "2027-09-14",
        "start_1": "14:20",
        "end_0": "2027-09-14",
        "end_1": "15:05",
        "language": session.language,
        "status": session.status,
        "session_speakers-TOTAL_FORMS": "0",
        "session_speakers-INITIAL_FORMS": "0",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.start == dt.datetime(2027, 9, 14, 5, 20, tzinfo=dt.UTC)


def test_a_programmes_deadline_edits_in_korea_time(superuser_client):
    programme = ProgrammeFactory()  # the event is in Chicago; the deadline Seoul's
    url = f"/django-admin/delegations/delegationprogramme/{programme.pk}/change/"
    html = superuser_client.get(url).content.decode()
    assert 'name="application_deadline_1" value="23:59:00"' in html
    assert "KST (Asia/Seoul)" in html
