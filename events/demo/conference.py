"""KIC 2027: three days, four tracks, about a hundred sessions in Seoul."""

import datetime as dt
import random

from accounts.models import User
from events import services
from events.demo import names
from events.demo.common import Orgs, add_session, at, give_talk
from events.enums import (
    EventKind,
    SessionKind,
    SessionLanguage,
    SpeakerRole,
    SponsorTier,
)
from events.models import Event, Room, Track, Venue

PARALLEL_SLOTS = [(10, 0), (10, 50), (11, 40), (13, 30), (14, 20), (15, 10), (16, 0)]
KEYNOTES = [
    (
        "Opening keynote: Korea as a global trial hub",
        "기조연설: 글로벌 임상시험 허브 한국",
    ),
    ("Keynote: the next decade of oncology trials", "기조연설: 향후 10년의 항암 임상"),
    (
        "Closing keynote: from evidence to patients",
        "폐막 기조연설: 근거에서 환자에게로",
    ),
]


def _venue() -> Venue:
    venue = Venue.objects.filter(name_en="COEX Convention Center").first() or Venue()
    for name, value in {
        "name_en": "COEX Convention Center",
        "name_ko": "코엑스 컨벤션센터",
        "address_en": "513 Yeongdong-daero, Gangnam-gu",
        "address_ko": "서울 강남구 영동대로 513",
        "city": "Seoul",
        "country": "KR",
    }.items():
        setattr(venue, name, value)
    venue.full_clean()
    venue.save()
    return venue


def _rooms_and_tracks(event: Event) -> tuple[Room, dict[str, tuple[Track, Room]]]:
    hall, _created = Room.objects.update_or_create(
        event=event,
        name_en="Grand Ballroom",
        defaults={"name_ko": "그랜드볼룸", "capacity": 1200, "order": 0},
    )
    tracks = {}
    for order, (slug, en, ko, colour) in enumerate(names.TRACKS, start=1):
        track, _created = Track.objects.update_or_create(
            event=event,
            slug=slug,
            defaults={"name_en": en, "name_ko": ko, "colour": colour},
        )
        room, _created = Room.objects.update_or_create(
            event=event,
            name_en=f"Room {300 + order}",
            defaults={"name_ko": f"{300 + order}호", "capacity": 250, "order": order},
        )
        tracks[slug] = (track, room)
    return hall, tracks


def build(rng: random.Random, orgs: Orgs, people: list[User]) -> Event:
    event = services.event_upsert(
        slug="kic-2027",
        kind=EventKind.CONFERENCE,
        name_en="Korea International Clinical Trials Conference 2027",
        name_ko="2027 국제 임상시험 컨퍼런스",
        tagline_en="Where global sponsors meet Korea's trial ecosystem",
        tagline_ko="글로벌 스폰서와 한국 임상 생태계가 만나는 곳",
        description_en="Three days on trial operations, regulation, data and investment.",
        description_ko="임상 운영, 규제, 데이터, 투자를 다루는 3일간의 컨퍼런스.",
        timezone="Asia/Seoul",
        venue=_venue(),
        start_date=dt.date(2027, 9, 14),
        end_date=dt.date(2027, 9, 16),
        currency="KRW",
        website="https://kic.example",
        is_published=True,
    )
    hall, tracks = _rooms_and_tracks(event)
    for day in range(3):
        _plenary(event, day, hall, rng, people)
        _parallel(event, day, tracks, rng, people)
    _sponsors(event, orgs)
    return event


def _plenary(event: Event, day: int, hall: Room, rng, people: list[User]) -> None:
    en, ko = KEYNOTES[day]
    keynote = add_session(
        event,
        title_en=en,
        title_ko=ko,
        kind=SessionKind.KEYNOTE,
        start=at(event, day, 9),
        minutes=45,
        room=hall,
        language=SessionLanguage.BOTH,
    )
    give_talk(keynote, people[day])
    add_session(
        event,
        title_en=f"Lunch, day {day + 1}",
        title_ko=f"{day + 1}일차 점심",
        kind=SessionKind.BREAK,
        start=at(event, day, 12, 25),
        minutes=65,
    )
    if day == 0:
        add_session(
            event,
            title_en="Welcome reception",
            title_ko="환영 리셉션",
            kind=SessionKind.RECEPTION,
            start=at(event, day, 18),
            minutes=120,
            room=hall,
        )
    if day == 1:
        pitch = add_session(
            event,
            title_en="IR pitch showcase",
            title_ko="IR 피칭 쇼케이스",
            kind=SessionKind.PITCH,
            start=at(event, day, 16, 50),
            minutes=70,
            room=hall,
        )
        give_talk(pitch, people[3], SpeakerRole.MODERATOR)


def _parallel(event, day: int, tracks: dict, rng: random.Random, people) -> None:
    for slot, (hour, minute) in enumerate(PARALLEL_SLOTS):
        free = list(people[4:])
        rng.shuffle(free)
        for slug, (track, room) in tracks.items():
            index = day * len(PARALLEL_SLOTS) + slot
            topic_en, topic_ko = names.TOPICS[slug][index % 7]
            kind, fmt_en, fmt_ko = names.FORMATS[index // 7]
            session = add_session(
                event,
                title_en=fmt_en.format(topic=topic_en),
                title_ko=fmt_ko.format(topic=topic_ko),
                kind=kind,
                start=at(event, day, hour, minute),
                minutes=45,
                room=room,
                track=track,
                language=rng.choice([SessionLanguage.EN, SessionLanguage.KO]),
            )
            _cast(session, kind, free)


def _cast(session, kind: str, free: list[User]) -> None:
    if kind == SessionKind.PANEL:
        give_talk(session, free.pop(), SpeakerRole.MODERATOR, 0)
        for order in range(1, 4):
            give_talk(session, free.pop(), SpeakerRole.PANELLIST, order)
    else:
        for order in range(2 if kind == SessionKind.WORKSHOP else 1):
            give_talk(session, free.pop(), SpeakerRole.SPEAKER, order)


def _sponsors(event: Event, orgs: Orgs) -> None:
    tiers = [
        SponsorTier.PLATINUM,
        SponsorTier.GOLD,
        SponsorTier.GOLD,
        SponsorTier.SILVER,
    ]
    for tier, org in zip(tiers, orgs.pharma, strict=False):
        services.sponsor_upsert(event=event, organisation=org, tier=tier)
    for number, org in enumerate(orgs.cro[:4] + orgs.biotech[:8], start=1):
        services.sponsor_upsert(
            event=event,
            organisation=org,
            tier=SponsorTier.EXHIBITOR,
            booth=f"B{number:02}",
        )
