"""Wagtail hooks of the site pages: editors reach only the pages they may edit."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page

from cms.access import choosable_pages
from cms.action_menu import confirm_publish
from cms.models import DelegationProgrammePage, EventPage, ForumPage
from events.wagtail_desk import ORGANISER_LINKS_HOOK, Tool

hooks.register("construct_page_action_menu", confirm_publish)


@hooks.register("construct_page_chooser_queryset")
def _chooser_pages(pages, request):
    if request.user.is_superuser:
        return pages
    return pages.filter(pk__in=choosable_pages(request.user).values("pk"))


@hooks.register("before_move_page")
def _move_only_what_you_may(request, page, destination):
    """Wagtail's move confirmation page shows both pages before any check."""
    permissions = page.permissions_for_user(request.user)
    if not (permissions.can_move() and permissions.can_move_to(destination)):
        raise PermissionDenied


# Page changes join the event's audit log (accounts/selectors.py), with their
# actor, beside the agenda's and the orders': Wagtail's own page history is per page.
def _event_id(page) -> int | None:
    for ancestor in Page.objects.ancestor_of(page, inclusive=True).specific().reverse():
        if getattr(ancestor, "event_id", None):
            return ancestor.event_id
    return None


def _log(request, page, action, **changes) -> None:
    event_id = _event_id(page)
    if event_id is None:
        return
    LogEntry.objects.log_create(
        page,
        force_log=True,
        action=action,
        changes={name: [before, after] for name, (before, after) in changes.items()},
        actor=request.user if request.user.is_authenticated else None,
        additional_data={"event_id": event_id},
    )


@hooks.register("after_create_page")
def _created(request, page):
    _log(request, page, LogEntry.Action.CREATE, title=(None, page.title))


@hooks.register("before_edit_page")
def _before_edit(request, page):
    request.convene_page_title = page.title


@hooks.register("after_edit_page")
def _edited(request, page):
    before = getattr(request, "convene_page_title", page.title)
    _log(request, page, LogEntry.Action.UPDATE, title=(before, page.title))


@hooks.register("after_publish_page")
def _published(request, page):
    _log(request, page, LogEntry.Action.UPDATE, live=(None, True))


@hooks.register("after_unpublish_page")
def _unpublished(request, page):
    _log(request, page, LogEntry.Action.UPDATE, live=(True, False))


@hooks.register("after_delete_page")
def _deleted(request, page):
    _log(request, page, LogEntry.Action.DELETE, title=(page.title, None))


@hooks.register(ORGANISER_LINKS_HOOK, order=50)
def _site_links(events, user):
    """The event's own pages in each language: the public page and its editor."""
    pages = []
    for model in (EventPage, ForumPage, DelegationProgrammePage):
        pages.extend(
            model.objects.filter(event__in=events)
            .select_related("locale")
            .order_by("locale__language_code")
        )
    for page in pages:
        language = page.locale.get_display_name()
        if page.live:
            label = _("Public page (%(language)s)") % {"language": language}
            yield Tool(page.event_id, "site", label, page.get_url())
        label = _("Edit the page (%(language)s)") % {"language": language}
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        yield Tool(page.event_id, "site", label, edit)
