"""A participant's notifications: only their own (another's answers 404)."""

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from matchmaking import selectors, services
from matchmaking.api.common import partnering_event
from matchmaking.schemas import MarkedOut, NotificationOut, UnreadOut

router = Router()


@router.get(
    "/{slug}/notifications",
    response=list[NotificationOut],
    url_name="partnering_notification_list",
    operation_id="partnering_notification_list",
)
@paginate
def notification_list(request: HttpRequest, slug: str, unread: bool | None = None):
    """Your own notifications, newest first; `unread=true` for the unread ones."""
    return selectors.notification_list_for(
        user=request.user, event=partnering_event(request, slug), unread=unread
    )


@router.get(
    "/{slug}/notifications/unread-count",
    response=UnreadOut,
    url_name="partnering_notification_unread_count",
    operation_id="partnering_notification_unread_count",
)
def notification_unread_count(request: HttpRequest, slug: str):
    event = partnering_event(request, slug)
    return {
        "unread": selectors.notification_unread_count(user=request.user, event=event)
    }


@router.post(
    "/{slug}/notifications/read-all",
    response=MarkedOut,
    url_name="partnering_notification_read_all",
    operation_id="partnering_notification_read_all",
)
def notification_read_all(request: HttpRequest, slug: str):
    event = partnering_event(request, slug)
    return {
        "marked": services.notification_mark_all_read(user=request.user, event=event)
    }


@router.post(
    "/{slug}/notifications/{notification_id}/read",
    response=NotificationOut,
    url_name="partnering_notification_read",
    operation_id="partnering_notification_read",
)
def notification_read(request: HttpRequest, slug: str, notification_id: int):
    """Mark one of your notifications read; another's answers 404."""
    note = selectors.notification_get_for(
        user=request.user,
        event=partnering_event(request, slug),
        notification_id=notification_id,
    )
    return services.notification_mark_read(notification=note, user=request.user)
