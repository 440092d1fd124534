"""What `rq cron` enqueues. Each job only hands work to a django-tasks task, so all
real work runs in the ordinary workers; the imports are inline because the cron
process itself never sets Django up."""


def publish_scheduled_pages() -> None:
    from cms.tasks import publish_scheduled

    publish_scheduled.enqueue()


def expire_order_holds() -> None:
    from registration.tasks import order_expire_due

    order_expire_due.enqueue()


def offer_waitlist_seats() -> None:
    from registration.tasks import waitlist_offer_due

    waitlist_offer_due.enqueue()


def remind_unpaid_invoices() -> None:
    from registration.tasks import invoice_remind_due

    invoice_remind_due.enqueue()


def fail_stale_schedule_runs() -> None:
    from matchmaking.tasks import schedule_run_fail_stale_task

    schedule_run_fail_stale_task.enqueue()
