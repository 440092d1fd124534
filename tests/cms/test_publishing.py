import datetime as dt
import io
import time

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from wagtail.models import Revision

from cms.models import AgendaPage, EventPage, StandardPage
from cms.tasks import publish_scheduled
from events import services
from events.enums import TeamRole
from tests.cms.conftest import publish_child
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _draft(home, title="Later") -> StandardPage:
    page = StandardPage(title=title, slug="later", live=False)
    home.add_child(instance=page)
    return page


def test_a_draft_is_hidden_until_published(client, home):
    page = _draft(home)
    page.save_revision()
    assert client.get("/en/later/").status_code == 404
    page.get_latest_revision().publish()
    assert "<h1>Later</h1>" in client.get("/en/later/").content.decode()


def test_scheduled_page_goes_live_when_the_periodic_job_runs(client, home):
    page = _draft(home)
    go_live_at = timezone.now() + dt.timedelta(milliseconds=300)
    page.go_live_at = go_live_at
    page.save_revision().publish()  # approved, waiting for its time
    assert Revision.objects.get(approved_go_live_at=go_live_at)
    assert client.get("/en/later/").status_code == 404
    time.sleep(max(0.0, (go_live_at - timezone.now()).total_seconds()) + 0.05)
    result = publish_scheduled.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert client.get("/en/later/").status_code == 200


def test_a_page_not_yet_due_stays_unpublished(client, home):
    page = _draft(home)
    page.go_live_at = timezone.now() + dt.timedelta(hours=1)
    page.save_revision().publish()
    publish_scheduled.enqueue()
    assert client.get("/en/later/").status_code == 404


def test_rolling_back_republishes_an_earlier_revision(client, home):
    page = publish_child(home, StandardPage(title="First words", slug="words"))
    first = page.get_latest_revision()
    page.title = "Second words"
    page.save_revision().publish()
    assert "Second words" in client.get("/en/words/").content.decode()
    first.publish()
    assert "<h1>First words</h1>" in client.get("/en/words/").content.decode()
    assert page.revisions.count() == 2


def test_an_editor_submits_and_the_events_organiser_approves(client, pages):
    event = pages.landing.event
    editor, organiser, stranger = UserFactory(), UserFactory(), UserFactory()
    services.team_member_add(event=event, user=editor, role=TeamRole.EDITOR)
    services.team_member_add(event=event, user=organiser, role=TeamRole.ORGANISER)
    other = EventFactory(slug="elsewhere")
    services.team_member_add(event=other, user=stranger, role=TeamRole.ORGANISER)
    page = _draft(pages.landing, title="Awaiting review")
    page.save_revision(user=editor)
    state = page.get_workflow().start(page, editor)
    task_state = state.current_task_state
    assert "approve" in [a[0] for a in task_state.task.get_actions(page, organiser)]
    assert task_state.task.get_actions(page, stranger) == []
    assert client.get("/en/kic/later/").status_code == 404
    task_state.task.on_action(task_state, organiser, "approve")
    assert "Awaiting review" in client.get("/en/kic/later/").content.decode()


def test_agenda_preview_renders_the_agenda(pages):
    response = pages.agenda.make_preview_request()
    assert response.status_code == 200
    assert "All times are local to the event" in response.rendered_content


def test_load_demo_builds_every_event_page_in_both_languages(client):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    for language in ("en", "ko"):
        for path in (
            "kic-2027/",
            "kic-2027/agenda/",
            "kic-2027/speakers/",
            "kic-2027/practical-information/",
            "asco-2027-delegation/",
            "asco-2027-delegation/itinerary/",
            "kbif-2027/",
            "kbif-2027/agenda/",
            "about/",
        ):
            assert client.get(f"/{language}/{path}").status_code == 200, path
    assert EventPage.objects.count() == 2
    assert AgendaPage.objects.count() == 6
