"""What `rq cron` enqueues. Each job only hands work to a django-tasks task, so all
real work runs in the ordinary workers; the imports are inline because the cron
process itself never sets Django up."""


def publish_scheduled_pages() -> None:
    from cms.tasks import publish_scheduled

    publish_scheduled.enqueue()


def expire_order_holds() -> None:
    from events.tasks import order_expire_due

    order_expire_due.enqueue()
