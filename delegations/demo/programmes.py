"""A Korean delegation to ASCO 2027 in Chicago: member companies, an itinerary and
pre-arranged meetings with global pharma."""

import datetime as dt
import random

from accounts.models import User
from delegations.demo import partnering, programme
from events import services
from events.demo import names
from events.demo.common import Orgs, add_session, at, person
from events.enums import EventKind, SessionKind
from events.models import Event, Room, Venue
from registration.enums import RegistrationCategory
from registration.services import registration_upsert

ITINERARY = [
    # (day, hour, minute, minutes, kind, room key, title_en, title_ko)
    (
        0,
        15,
        0,
        90,
        SessionKind.TALK,
        "hotel",
        "Delegation briefing",
        "대표단 사전 브리핑",
    ),
    (
        0,
        18,
        30,
        120,
        SessionKind.RECEPTION,
        "hotel",
        "Welcome dinner with KoNECT",
        "환영 만찬",
    ),
    (
        1,
        8,
        0,
        60,
        SessionKind.TALK,
        "hall",
        "ASCO opening session (host congress)",
        "ASCO 개막 세션",
    ),
    (
        1,
        10,
        0,
        240,
        SessionKind.BOOTH_SHIFT,
        "pavilion",
        "Korea Pavilion: morning shift",
        "한국관 오전 근무",
    ),
    (
        1,
        14,
        0,
        240,
        SessionKind.BOOTH_SHIFT,
        "pavilion",
        "Korea Pavilion: afternoon shift",
        "한국관 오후 근무",
    ),
    (
        2,
        9,
        0,
        90,
        SessionKind.TALK,
        "hall",
        "Plenary: late-breaking abstracts (host congress)",
        "플레너리: 최신 초록",
    ),
    (
        2,
        11,
        0,
        180,
        SessionKind.BOOTH_SHIFT,
        "pavilion",
        "Korea Pavilion: partnering hours",
        "한국관 파트너링",
    ),
    (
        2,
        18,
        0,
        150,
        SessionKind.RECEPTION,
        "hotel",
        "Korea Night reception with global sponsors",
        "코리아 나이트 리셉션",
    ),
    (
        3,
        9,
        30,
        180,
        SessionKind.SITE_VISIT,
        None,
        "Site visit: Lakeshore Cancer Center",
        "현지 기관 방문: 레이크쇼어 암센터",
    ),
    (
        3,
        14,
        0,
        240,
        SessionKind.BOOTH_SHIFT,
        "pavilion",
        "Korea Pavilion: closing shift",
        "한국관 마감 근무",
    ),
    (
        4,
        10,
        0,
        60,
        SessionKind.TALK,
        "hotel",
        "Debrief and next steps",
        "결과 공유 및 후속 조치",
    ),
]


def _venue() -> Venue:
    venue = Venue.objects.filter(name_en="McCormick Place").first() or Venue()
    venue.name_en, venue.name_ko = "McCormick Place", "맥코믹 플레이스"
    venue.address_en = "2301 S King Dr, Chicago, IL"
    venue.city, venue.country = "Chicago", "US"
    venue.full_clean()
    venue.save()
    return venue


def _rooms(event: Event) -> dict[str, Room]:
    spec = {
        "hall": ("Hall B1, McCormick Place", "맥코믹 B1홀", 0),
        "pavilion": ("Korea Pavilion, booth 1234", "한국관 1234 부스", 1),
        "hotel": ("Hyatt Regency, Regency Room A", "하얏트 리젠시 A룸", 2),
    }
    rooms = {}
    for key, (en, ko, order) in spec.items():
        rooms[key], _created = Room.objects.update_or_create(
            event=event, name_en=en, defaults={"name_ko": ko, "order": order}
        )
    return rooms


def build(rng: random.Random, orgs: Orgs) -> Event:
    event = services.event_upsert(
        slug="asco-2027-delegation",
        kind=EventKind.DELEGATION,
        name_en="Korea Delegation to ASCO 2027",
        name_ko="ASCO 2027 한국 대표단",
        tagline_en="Korean biotechs and CROs meet global oncology partners in Chicago",
        tagline_ko="시카고에서 글로벌 항암 파트너를 만나는 한국 바이오·CRO",
        timezone="America/Chicago",
        venue=_venue(),
        start_date=dt.date(2027, 5, 31),
        end_date=dt.date(2027, 6, 4),
        currency="USD",
        host_congress="ASCO Annual Meeting 2027",
        is_published=True,
    )
    rooms = _rooms(event)
    for day, hour, minute, minutes, kind, room, en, ko in ITINERARY:
        add_session(
            event,
            title_en=en,
            title_ko=ko,
            kind=kind,
            start=at(event, day, hour, minute),
            minutes=minutes,
            room=rooms.get(room) if room else None,
        )
    members = _members(rng, event, orgs)
    programme.build(event, orgs, members)
    partnering.build(event, orgs)
    programme.outcomes_build(event.programme)
    return event


def _members(rng: random.Random, event: Event, orgs: Orgs) -> list[list[User]]:
    """Eight member companies, two delegates each (their CEO applied)."""
    member_orgs = orgs.biotech[10:16] + orgs.cro[4:6]
    korean = rng.sample(
        [(f, g) for f in names.FAMILY for g in names.GIVEN], 2 * len(member_orgs)
    )
    titles = ["Chief Executive Officer", "VP Business Development"]
    members = []
    for index, org in enumerate(member_orgs):
        members.append([])
        for offset, title in enumerate(titles):
            (last, last_ko), (first, first_ko) = korean[2 * index + offset]
            delegate = person(first, last, f"{last_ko}{first_ko}", org, title)
            registration_upsert(
                event=event, user=delegate, category=RegistrationCategory.DELEGATION
            )
            members[-1].append(delegate)
    return members
