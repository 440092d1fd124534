"""Demo badge designs and the organisers' badge permissions; safe to run again."""

from django.contrib.auth.models import Group, Permission

from badges.enums import BadgeSize
from badges.models import BadgeDesign
from events.enums import EventKind
from events.models import Event

SIZES = {EventKind.CONFERENCE: BadgeSize.A6, EventKind.FORUM: BadgeSize.IN4X3}


def build(events: dict[str, Event]) -> None:
    for event in events.values():
        BadgeDesign.objects.get_or_create(
            event=event, defaults={"size": SIZES.get(event.kind, BadgeSize.CR80)}
        )
    group = Group.objects.filter(name="Organisers").first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="badges",
                codename__in=[
                    "add_badgedesign",
                    "change_badgedesign",
                    "delete_badgedesign",
                    "view_badgedesign",
                ],
            )
        )
