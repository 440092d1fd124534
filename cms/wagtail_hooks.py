"""Wagtail hooks of the site pages: editors reach only the pages they may edit."""

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.models import Page

from cms.access import choosable_pages


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
