"""A person's own partnering notifications: read, unread, and marking them read."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from matchmaking import selectors, services
from matchmaking.models import Notification
from matchmaking.views.attendee import _base, _event, _me


def _own(request: HttpRequest, event, notification_id: int) -> Notification:
    try:
        return selectors.notification_get_for(
            user=request.user, event=event, notification_id=notification_id
        )
    except Notification.DoesNotExist as exc:  # another's is not there at all
        raise Http404 from exc


@login_required
def notifications(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    only_unread = request.GET.get("show") == "unread"
    notes = selectors.notification_list_for(
        user=request.user, event=event, unread=True if only_unread else None
    )
    context = _base(request, event, _me(request, event)) | {
        "page": Paginator(notes, 30).get_page(request.GET.get("page")),
        "only_unread": only_unread,
    }
    return render(request, "matchmaking/notifications.html", context)


@login_required
def notification_open(
    request: HttpRequest, slug: str, notification_id: int
) -> HttpResponse:
    """Follow a notification's link, marking it read on the way."""
    event = _event(request, slug)
    note = services.notification_mark_read(
        notification=_own(request, event, notification_id), user=request.user
    )
    target = note.link
    if not target or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect("matchmaking:notifications", slug=slug)
    return redirect(target)


@require_POST
@login_required
def notification_read(
    request: HttpRequest, slug: str, notification_id: int
) -> HttpResponse:
    event = _event(request, slug)
    services.notification_mark_read(
        notification=_own(request, event, notification_id), user=request.user
    )
    return redirect("matchmaking:notifications", slug=slug)


@require_POST
@login_required
def notification_read_all(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    services.notification_mark_all_read(user=request.user, event=event)
    return redirect("matchmaking:notifications", slug=slug)
