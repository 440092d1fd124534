"""Background tasks: thin wrappers that load by id and call a service."""

from django_tasks import task

from registration import mail, services
from registration.models import Order, WaitlistEntry
from registration.services import changes, waitlist


@task()
def order_expire_due() -> int:
    """Release the seats of pending orders whose hold has passed (run every minute)."""
    return services.order_expire_due()


@task(queue_name="mail")
def order_confirmation_email(order_id: int) -> None:
    mail.order_confirmation_send(order=Order.objects.get(pk=order_id))


@task(queue_name="mail")
def order_received_email(order_id: int) -> None:
    mail.order_received_send(order=Order.objects.get(pk=order_id))


@task(queue_name="mail")
def order_cancelled_email(order_id: int) -> None:
    mail.order_cancelled_send(order=Order.objects.get(pk=order_id))


@task(queue_name="mail")
def order_reminder_email(order_id: int) -> None:
    mail.order_reminder_send(order=Order.objects.get(pk=order_id))


@task(queue_name="mail")
def waitlist_offer_email(entry_id: int) -> None:
    entry = WaitlistEntry.objects.select_related("ticket_type__event", "user")
    mail.waitlist_offer_send(entry=entry.get(pk=entry_id))


@task()
def waitlist_offer_due() -> int:
    """Expire passed waiting-list offers and offer freed seats (every minute)."""
    return waitlist.waitlist_offer_due()


@task()
def invoice_remind_due() -> int:
    """Remind buyers of invoices about to expire (every hour)."""
    return changes.invoice_remind_due()
