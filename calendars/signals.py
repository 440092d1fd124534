"""Deleting a session anywhere (an admin, a bulk action, a cascade) leaves a
tombstone, or subscribed calendars would keep showing it forever."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from calendars.services import session_tombstone_record
from events.models import Session


@receiver(pre_delete, sender=Session, dispatch_uid="session_tombstone")
def _session_deleted(sender, instance: Session, **kwargs) -> None:
    session_tombstone_record(session=instance)
