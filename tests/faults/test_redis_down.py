"""Redis down (cache, rate limits and task queue pointed at a closed port): pages
and the API still answer from PostgreSQL, a confirmation e-mail is still sent
(in-process, after three tries), and a scheduler run that cannot be queued is
marked failed, so it can be started again."""

import pytest
from django.core import mail
from django.core.cache import cache

from config import env
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking import services as partnering
from matchmaking.enums import RunStatus
from registration.models import Order
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, SessionFactory
from tests.factories.matchmaking import partnering_event
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.serial, pytest.mark.slow]


@pytest.fixture
def redis_down(settings, closed_port):
    url = f"redis://127.0.0.1:{closed_port}/0"
    settings.CACHES = env.caches({"REDIS_URL": url}, base_dir=settings.BASE_DIR)
    settings.TASKS = env.tasks({"REDIS_URL": url})
    settings.RQ_QUEUES = env.rq_queues({"REDIS_URL": url})
    settings.RATELIMIT_ENABLED = True
    return url


def test_pages_and_api_serve_and_mail_is_sent_without_redis(
    transactional_db, redis_down, client
):
    assert cache.get("anything", "miss") == "miss"  # down reads as a miss
    event = EventFactory(slug="fault-redis")
    SessionFactory(event=event, title_en="Opening keynote")
    ticket = TicketTypeFactory(event=event, capacity=10)
    buyer = UserFactory(email="buyer@example.org")
    client.force_login(buyer)
    page = client.get(f"/en/register/{event.slug}/")
    api = client.get(f"/api/events/{event.slug}/sessions")
    feed = client.get(f"/calendar/events/{event.slug}.ics")
    assert (page.status_code, api.status_code, feed.status_code) == (200, 200, 200)
    assert api.json()["items"][0]["title"] == "Opening keynote"

    response = client.post(
        f"/api/registration/events/{event.slug}/orders",
        {
            "attendees": [{"ticket_type_id": ticket.pk, "email": buyer.email}],
            "method": "invoice",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    order = Order.objects.get(code=response.json()["code"])
    assert [m.to for m in mail.outbox] == [["buyer@example.org"]]
    assert order.code in mail.outbox[0].body

    health = client.get("/healthz")
    assert (health.status_code, health.json()["checks"]["cache"]) == (
        503,
        "error: value not kept",
    )


def test_a_scheduler_run_that_cannot_be_queued_is_failed_and_retryable(
    transactional_db, redis_down
):
    event = partnering_event().event
    organiser = UserFactory()
    EventTeamMember.objects.create(event=event, user=organiser, role=TeamRole.ORGANISER)
    run = partnering.schedule_run_start(event=event, user=organiser, time_limit=5)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "start the run again" in run.error
