"""The demo's sign-ins: one per kind of user, printed by `make demo`."""

from django.contrib.auth.models import Group, Permission

from events import services
from events.demo.common import DEMO_PASSWORD, Orgs
from events.enums import RegistrationCategory, TeamRole
from events.models import Event, User

ORGANISERS_GROUP = "Organisers"


def organisers_group() -> Group:
    """Wagtail admin access and every change permission on the events app."""
    group, _created = Group.objects.get_or_create(name=ORGANISERS_GROUP)
    permissions = Permission.objects.filter(content_type__app_label="events") | (
        Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    group.permissions.set(permissions)
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        group.page_permissions.all().delete()
        for page_permission in moderators.page_permissions.all():
            group.page_permissions.create(
                page=page_permission.page, permission=page_permission.permission
            )
    return group


def _account(email: str, first: str, last: str, name_ko: str, **extra) -> User:
    return services.user_upsert(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        name_ko=name_ko,
        **extra,
    )


def build(events: dict[str, Event], orgs: Orgs) -> dict[str, User]:
    conference, forum = events["kic-2027"], events["kbif-2027"]
    organiser = _account(
        "organiser@convene.test",
        "Olivia",
        "Park",
        "박올리비아",
        job_title="Programme manager",
        organisation=orgs.institutions[1],
        is_staff=True,
    )
    organiser.groups.add(organisers_group())
    for event in events.values():
        services.team_member_add(event=event, user=organiser, role=TeamRole.ORGANISER)
    attendee = _account(
        "attendee@convene.test",
        "Minji",
        "Kim",
        "김민지",
        job_title="Clinical research associate",
        organisation=orgs.cro[0],
    )
    for event in (conference, forum):
        services.registration_upsert(event=event, user=attendee)
    exhibitor = _account(
        "exhibitor@convene.test",
        "Daniel",
        "Cho",
        "조다니엘",
        job_title="Business development",
        organisation=orgs.cro[1],
    )
    services.team_member_add(event=conference, user=exhibitor, role=TeamRole.EXHIBITOR)
    services.registration_upsert(
        event=conference, user=exhibitor, category=RegistrationCategory.EXHIBITOR
    )
    checkin = _account("checkin@convene.test", "Sora", "Lee", "이소라")
    for event in (conference, forum):
        services.team_member_add(event=event, user=checkin, role=TeamRole.CHECKIN)
    admin = _account(
        "admin@convene.test",
        "Site",
        "Administrator",
        "",
        is_staff=True,
        is_superuser=True,
    )
    return {
        "organiser": organiser,
        "attendee": attendee,
        "exhibitor": exhibitor,
        "checkin": checkin,
        "admin": admin,
    }
