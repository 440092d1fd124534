"""Keep Wagtail's groups in step with event teams (cms.access does the work)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import User
from cms import access
from cms.models import DelegationProgrammePage, EventPage, ForumPage
from events.models import Event, EventTeamMember


@receiver(post_save, sender=EventTeamMember)
@receiver(post_delete, sender=EventTeamMember)
def _team_changed(sender, instance: EventTeamMember, **kwargs) -> None:
    # A cascade (the event or the person deleted) leaves nothing to keep in step.
    if Event.objects.filter(pk=instance.event_id).exists():
        access.event_access_sync(event=instance.event)
    if User.objects.filter(pk=instance.user_id).exists():
        access.user_access_sync(user=instance.user)


@receiver(post_save, sender=EventPage)
@receiver(post_save, sender=ForumPage)
@receiver(post_save, sender=DelegationProgrammePage)
def _event_page_created(sender, instance, created: bool, **kwargs) -> None:
    if created:
        access.event_access_sync(event=instance.event)
