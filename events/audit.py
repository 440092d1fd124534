"""Each audit entry carries the id of its object's event, so the event's audit
log finds every change, deletions included, by one indexed-free JSON lookup."""

from auditlog.signals import post_log
from django.dispatch import receiver

from events.authority import event_id_of


@receiver(post_log)
def _tag_with_event(sender, instance, log_entry=None, **kwargs) -> None:
    if log_entry is None:
        return
    event_id = event_id_of(instance)
    if event_id is None:
        return
    log_entry.additional_data = {
        **(log_entry.additional_data or {}),
        "event_id": event_id,
    }
    log_entry.save(update_fields=["additional_data"])
