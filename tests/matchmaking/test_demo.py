import pytest
from django.core.management import call_command

from accounts.models import User
from events.models import Event
from matchmaking.enums import MeetingStatus, RequestStatus, RunStatus
from matchmaking.models import Meeting, MeetingRequest, ScheduleRun

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def test_demo_forum_has_accepted_requests_and_a_published_schedule(client):
    call_command("load_demo")
    forum = Event.objects.get(slug="kbif-2027")
    accepted = MeetingRequest.objects.filter(
        event=forum, status=RequestStatus.ACCEPTED
    ).count()
    assert accepted >= 200
    published = ScheduleRun.objects.get(event=forum, status=RunStatus.PUBLISHED)
    meetings = Meeting.objects.filter(event=forum, status=MeetingStatus.CONFIRMED)
    assert meetings.count() == accepted
    scheduled = meetings.filter(slot__isnull=False, table__isnull=False).count()
    assert scheduled == len(published.solution["assignments"]) > 0.9 * accepted
    # the demo investor can find the demo biotech, who has no request from them yet
    client.force_login(User.objects.get(email="investor@convene.test"))
    page = client.get("/en/partnering/kbif-2027/?q=Yoon").content.decode()
    assert "Seoyeon Yoon" in page
    client.force_login(User.objects.get(email="organiser@convene.test"))
    review = client.get("/en/partnering/kbif-2027/organiser/schedule/").content.decode()
    assert "Published" in review
    assert "Slots by table" in review
