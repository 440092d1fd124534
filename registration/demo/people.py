"""The demo's sign-ins: one per kind of user, printed by `make demo`."""

from accounts.models import User
from accounts.services import user_upsert
from events import services
from events.demo.common import DEMO_PASSWORD, Orgs
from events.enums import TeamRole
from events.models import Event
from registration.enums import RegistrationCategory
from registration.services import registration_upsert


def _account(email: str, first: str, last: str, name_ko: str, **extra) -> User:
    return user_upsert(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        name_ko=name_ko,
        **extra,
    )


def build(events: dict[str, Event], orgs: Orgs) -> dict[str, User]:
    conference, forum = events["kic-2027"], events["kbif-2027"]
    return {
        "organiser": _organiser(events, orgs),
        "delegation_organiser": _delegation_organiser(events, orgs),
        "attendee": _attendee((conference, forum), orgs),
        # Nothing booked yet: the README's attendee walk starts here.
        "newcomer": _account(
            "newcomer@convene.test",
            "Seoyeon",
            "Choi",
            "최서연",
            organisation=orgs.investor[-1],
        ),
        "exhibitor": _exhibitor(conference, orgs),
        "checkin": _checkin((conference, forum)),
        "admin": _account(
            "admin@convene.test",
            "Site",
            "Administrator",
            "",
            is_staff=True,
            is_superuser=True,
        ),
    }


def _organiser(events: dict[str, Event], orgs: Orgs) -> User:
    """A team role is the only grant: it opens the Wagtail admin and the event's
    pages, snippets and organiser pages (cms.access follows the roles)."""
    organiser = _account(
        "organiser@convene.test",
        "Olivia",
        "Park",
        "박올리비아",
        job_title="Programme manager",
        organisation=orgs.institutions[1],
    )
    for event in events.values():
        services.team_member_add(event=event, user=organiser, role=TeamRole.ORGANISER)
    return organiser


def _delegation_organiser(events: dict[str, Event], orgs: Orgs) -> User:
    """The ASCO delegation's own staff: they organise that programme and nothing
    else."""
    organiser = _account(
        "asco.organiser@convene.test",
        "Jiwoo",
        "Han",
        "한지우",
        job_title="Delegation programme manager",
        organisation=orgs.institutions[1],
    )
    services.team_member_add(
        event=events["asco-2027-delegation"], user=organiser, role=TeamRole.ORGANISER
    )
    return organiser


def _attendee(registered_for: tuple[Event, ...], orgs: Orgs) -> User:
    attendee = _account(
        "attendee@convene.test",
        "Minji",
        "Kim",
        "김민지",
        job_title="Clinical research associate",
        organisation=orgs.cro[0],
    )
    for event in registered_for:
        registration_upsert(event=event, user=attendee)
    return attendee


def _exhibitor(conference: Event, orgs: Orgs) -> User:
    exhibitor = _account(
        "exhibitor@convene.test",
        "Daniel",
        "Cho",
        "조다니엘",
        job_title="Business development",
        organisation=orgs.cro[1],
    )
    services.team_member_add(event=conference, user=exhibitor, role=TeamRole.EXHIBITOR)
    registration_upsert(
        event=conference, user=exhibitor, category=RegistrationCategory.EXHIBITOR
    )
    return exhibitor


def _checkin(desks: tuple[Event, ...]) -> User:
    checkin = _account("checkin@convene.test", "Sora", "Lee", "이소라")
    for event in desks:
        services.team_member_add(event=event, user=checkin, role=TeamRole.CHECKIN)
    return checkin
