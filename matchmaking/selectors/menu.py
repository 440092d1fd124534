"""The account menu's partnering links: one query, for the signed-in person only."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts.models import User
from matchmaking.models import Notification, Participant


def partnering_menu_for(*, user: User) -> QuerySet[Participant]:
    """The person's participant records at events with partnering, newest event
    first, each with `unread` (their unread notifications there): one query."""
    unread = (
        Notification.objects.filter(
            user=user, event=OuterRef("event"), read_at__isnull=True
        )
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Participant.objects.filter(
            registration__user=user, event__partnering__isnull=False
        )
        .select_related("event")
        .annotate(unread=Coalesce(Subquery(unread, output_field=IntegerField()), 0))
        .order_by("-event__start_date", "event__pk")
    )
