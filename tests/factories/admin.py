"""An organiser of one event with Wagtail admin access (the demo's Organisers
group), plus the model permissions a test names as "app_label.codename"."""

from django.contrib.auth.models import Permission

from events.demo.accounts import organisers_group
from events.enums import TeamRole
from events.models import Event, EventTeamMember, User
from tests.factories import UserFactory


def admin_organiser(event: Event, *, email: str, permissions=()) -> User:
    user = UserFactory(email=email)
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    group = organisers_group()
    for name in permissions:
        app_label, codename = name.split(".")
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    user.groups.add(group)
    return user
