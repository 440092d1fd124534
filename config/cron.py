"""Periodic jobs for `rq cron` (started by `make worker`)."""

from rq import cron

from config import cron_jobs

cron.register(cron_jobs.publish_scheduled_pages, queue_name="cron", interval=60)
cron.register(cron_jobs.expire_order_holds, queue_name="cron", interval=60)
cron.register(cron_jobs.offer_waitlist_seats, queue_name="cron", interval=60)
cron.register(cron_jobs.remind_unpaid_invoices, queue_name="cron", interval=3600)
cron.register(cron_jobs.fail_stale_schedule_runs, queue_name="cron", interval=60)
