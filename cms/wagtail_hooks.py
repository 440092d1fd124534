"""Wagtail hooks of the site pages: editors reach only the pages they may edit."""

from django.core.exceptions import PermissionDenied
from wagtail import hooks

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
