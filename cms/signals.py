"""Keep Wagtail's groups in step with event teams (cms.access does the work),
and the public pages' cached version with their content (cms.page_cache)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from accounts.models import User
from cms import access, page_cache
from cms.models import DelegationProgrammePage, EventPage, ForumPage
from events.models import Event, EventTeamMember, Organisation, Speaker
from registration.enums import RegistrationCategory
from registration.models import Registration


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


# The public pages' version (cms/page_cache.py) moves with their content.

# What the public pages show: a save or delete of one of these models changes
# the version. Pages themselves change it when published, unpublished, moved or
# deleted (their drafts do not); people and companies when they speak or
# travel in a delegation (`_shown_publicly`). Models that change with every visitor (orders,
# bookmarks, meetings, tokens, log entries, image renditions) are not here, so a
# registration rush keeps the pages cached.
PUBLIC_CONTENT = {
    "events.event",
    "events.venue",
    "events.room",
    "events.track",
    "events.speaker",
    "events.session",
    "events.sessionspeaker",
    "events.sponsor",
    "matchmaking.partneringsetup",
    "cms.sitechrome",
    "wagtailcore.site",
    "wagtailcore.locale",
    "wagtailcore.pageviewrestriction",
    "wagtailimages.image",
    "wagtaildocs.document",
}
# A sign-in writes these, and nothing a page shows.
_SIGN_IN_FIELDS = {"last_login", "password"}


def _content_changed() -> None:
    # Now, so this transaction's own next read sees it; and again after the
    # commit, so a page another request rendered from the old rows in between
    # is never found under the new version.
    page_cache.bump()
    transaction.on_commit(page_cache.bump)


def _shown_publicly(instance) -> bool:
    label = instance._meta.label_lower
    if label in PUBLIC_CONTENT:
        return True
    if isinstance(instance, User):  # a speaker's name, title or photo
        return Speaker.objects.filter(user_id=instance.pk).exists()
    if isinstance(instance, Organisation):  # beside a speaker, or a member company
        members = Registration.objects.filter(
            user__organisation=instance, category=RegistrationCategory.DELEGATION
        )
        speakers = Speaker.objects.filter(user__organisation=instance)
        return speakers.exists() or members.exists()
    if isinstance(instance, Registration):  # a delegation's member companies
        return instance.category == RegistrationCategory.DELEGATION
    return False


@receiver(post_save)
def _saved(
    sender, instance, created=False, update_fields=None, raw=False, **kwargs
) -> None:
    if raw or isinstance(instance, Page):  # pages change when published
        return
    if created and isinstance(instance, User | Organisation):
        return  # nobody new speaks yet: a sign-up costs no query here
    signing_in = bool(update_fields) and set(update_fields) <= _SIGN_IN_FIELDS
    if isinstance(instance, User) and signing_in:
        return
    if _shown_publicly(instance):
        _content_changed()


@receiver(post_delete)
def _deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page) or _shown_publicly(instance):
        _content_changed()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def _page_changed(sender, **kwargs) -> None:
    _content_changed()
