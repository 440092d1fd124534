"""Background work goes through django-tasks; with REDIS_URL, onto RQ workers."""

import datetime as dt
import os
import time

import django_rq
import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus
from wagtail.models import Page, Revision

from cms.models import HomePage
from cms.tasks import publish_scheduled

pytestmark = pytest.mark.integration


def _scheduled_page() -> HomePage:
    """A page approved to go live a moment from now, once that moment has passed.

    The moment is two seconds ahead: a loaded machine can take longer than a
    fraction of a second to save and publish, and a moment already past makes
    Wagtail publish at once instead of scheduling."""
    page = Page.get_first_root_node().add_child(
        instance=HomePage(title="Later", slug="later", live=False)
    )
    go_live_at = timezone.now() + dt.timedelta(seconds=2)
    page.go_live_at = go_live_at
    page.save_revision().publish()
    assert Revision.objects.get(approved_go_live_at=go_live_at)
    time.sleep(max(0.0, (go_live_at - timezone.now()).total_seconds()) + 0.05)
    return page


@pytest.mark.django_db
def test_scheduled_publishing_task_publishes_due_pages_in_process():
    page = _scheduled_page()
    assert not HomePage.objects.get(pk=page.pk).live
    result = publish_scheduled.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert HomePage.objects.get(pk=page.pk).live


@pytest.mark.serial
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_task_runs_on_an_rq_worker_when_redis_is_configured(settings):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_rq.RQBackend",
            "QUEUES": ["default", "scheduling", "mail"],
        }
    }
    page = _scheduled_page()
    django_rq.get_queue("default").empty()

    result = publish_scheduled.enqueue()
    waiting = result.status
    worker = django_rq.get_worker(
        "default", job_class="django_tasks_rq.Job", worker_class="rq.SimpleWorker"
    )
    worker.work(burst=True)
    result.refresh()

    assert waiting == TaskResultStatus.READY
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert HomePage.objects.get(pk=page.pk).live
