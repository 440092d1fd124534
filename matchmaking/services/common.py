"""What every partnering service shares: the error type, saving, roles, notifying."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from events.models import Event, User
from events.registration import is_organiser
from matchmaking.models import Notification, Participant


class PartneringError(Exception):
    """A refused partnering action; `status` is the HTTP status the API answers."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


def save(instance, **fields: Any):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def require_organiser(*, user: User, event: Event) -> None:
    if not is_organiser(user=user, event=event):
        raise PartneringError(_("Only the event's organisers may do this."), 403)


def participant_of(*, user: User, event: Event) -> Participant:
    """The user's active participant record at the event, or a 403."""
    participant = (
        Participant.objects.select_related("registration__user__organisation")
        .filter(event=event, registration__user=user, is_active=True)
        .first()
    )
    if participant is None:
        raise PartneringError(_("You do not take part in partnering here."), 403)
    return participant


def notify(*, users, event: Event, text: str, url: str = "") -> list[Notification]:
    """In-app notifications, and the same text by e-mail once the transaction commits."""
    from matchmaking import tasks

    rows = Notification.objects.bulk_create(
        [Notification(user=u, event=event, text=text, url=url) for u in users]
    )
    ids = [n.pk for n in rows]
    transaction.on_commit(lambda: tasks.notification_email.enqueue(ids))
    return rows
