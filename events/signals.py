"""Signal receivers: each only hands over to a service.

Deleting a session anywhere (the admin, a bulk action, a cascade) must leave a
tombstone, or subscribed calendars would keep showing it forever. Signing in
remembers the language of the page as the person's e-mail language, once.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import translation

from events.calendar_services import session_tombstone_record
from events.models import Session
from events.services import user_language_remember


@receiver(pre_delete, sender=Session, dispatch_uid="session_tombstone")
def _session_deleted(sender, instance: Session, **kwargs) -> None:
    session_tombstone_record(session=instance)


@receiver(user_logged_in, dispatch_uid="user_language_remember")
def _signed_in(sender, request, user, **kwargs) -> None:
    user_language_remember(user=user, language=translation.get_language() or "")
