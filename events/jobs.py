"""Periodic registration jobs (enqueued by `rq cron`, see `config/cron.py`): thin
wrappers over services. Apart from `events.tasks`, which the registration services
themselves enqueue, so that module stays below the waiting list in the layers."""

from django_tasks import task

from events import order_manage, waitlist


@task()
def waitlist_offer_due() -> int:
    """Expire passed waiting-list offers and offer freed seats (every minute)."""
    return waitlist.waitlist_offer_due()


@task()
def invoice_remind_due() -> int:
    """Remind buyers of invoices about to expire (every hour)."""
    return order_manage.invoice_remind_due()
