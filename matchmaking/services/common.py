"""What every partnering service shares: the error type, saving, roles, notifying."""

from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.queue import enqueue
from events.authority import is_organiser
from events.models import Event
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


def notify(
    *,
    users,
    event: Event,
    kind: str,
    actor: User | None = None,
    params: dict | None = None,
    params_of: dict[int, dict] | None = None,
    url: str = "",
) -> list[Notification]:
    """In-app notifications, and an e-mail each once the transaction commits.

    The text is written per reader: in the app in the page's language, by e-mail in
    the recipient's (`User.mail_language`); `text` keeps it in the latter.
    `params_of` gives some users their own details (by user id), e.g. their changes.
    """
    rows = []
    for user in users:
        note = Notification(
            user=user,
            event=event,
            kind=kind,
            actor=actor,
            params=(params_of or {}).get(user.pk, params or {}),
            url=url,
        )
        with translation.override(user.mail_language):
            note.text = note.message[:500]
        rows.append(note)
    rows = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in rows]
    transaction.on_commit(lambda: enqueue("matchmaking.tasks.notification_email", ids))
    return rows


def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    """Mark one's own notification read; marking it again keeps the first time."""
    if notification.user_id != user.pk:
        raise Notification.DoesNotExist  # someone else's is not there at all
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notification_mark_all_read(*, user: User, event: Event) -> int:
    """Every unread notification of the user at the event; how many were marked."""
    return Notification.objects.filter(
        user=user, event=event, read_at__isnull=True
    ).update(read_at=timezone.now())
