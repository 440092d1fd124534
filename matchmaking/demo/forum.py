"""KBIF 2027: an investment forum with IR pitches and partnering participants."""

import datetime as dt
import random

from accounts.models import User
from events import services
from events.demo import names
from events.demo.common import Orgs, add_session, at, give_talk, person
from events.enums import EventKind, SessionKind, SessionLanguage
from events.models import Event, Organisation, Room, Venue
from registration.enums import RegistrationCategory
from registration.services import registration_upsert

PITCHES_PER_DAY = 12
PITCH_MINUTES = 10


def _venue() -> Venue:
    venue = Venue.objects.filter(name_en="Grand InterContinental Seoul Parnas").first()
    venue = venue or Venue()
    venue.name_en, venue.name_ko = (
        "Grand InterContinental Seoul Parnas",
        "그랜드 인터컨티넨탈 서울 파르나스",
    )
    venue.address_en = "521 Teheran-ro, Gangnam-gu"
    venue.city, venue.country = "Seoul", "KR"
    venue.full_clean()
    venue.save()
    return venue


def build(rng: random.Random, orgs: Orgs) -> Event:
    event = services.event_upsert(
        slug="kbif-2027",
        kind=EventKind.FORUM,
        name_en="Korea Bio Investment Forum 2027",
        name_ko="2027 한국 바이오 투자 포럼",
        tagline_en="Sixty biotechs, thirty investors, one day of partnering",
        tagline_ko="바이오텍 60개사와 투자사 30개사의 파트너링",
        timezone="Asia/Seoul",
        venue=_venue(),
        start_date=dt.date(2027, 3, 16),
        end_date=dt.date(2027, 3, 17),
        currency="KRW",
        is_published=True,
    )
    stage, _created = Room.objects.update_or_create(
        event=event, name_en="Pitch Stage", defaults={"name_ko": "피칭 스테이지"}
    )
    participants = _participants(rng, event, orgs)
    _pitches(event, stage, participants)
    return event


def _participants(rng: random.Random, event: Event, orgs: Orgs) -> dict[int, User]:
    """One partnering contact per organisation: 60 biotechs, 30 investors, 20 others."""
    korean = rng.sample([(f, g) for f in names.FAMILY for g in names.GIVEN], 110)
    contacts: dict[int, User] = {}
    others = orgs.cro + orgs.pharma[:8]
    for index, org in enumerate(orgs.biotech + orgs.investor + others):
        (last, last_ko), (first, first_ko) = korean[index]
        title = _title(org)
        contact = person(first, last, f"{last_ko}{first_ko}", org, title)
        category = (
            RegistrationCategory.INVESTOR
            if org.kind == "investor"
            else RegistrationCategory.ATTENDEE
        )
        registration_upsert(event=event, user=contact, category=category)
        contacts[org.pk] = contact
    return contacts


def _title(org: Organisation) -> str:
    return {
        "biotech": "Chief Executive Officer",
        "investor": "Partner",
        "cro": "VP Business Development",
        "pharma": "Head of Search and Evaluation",
    }[org.kind]


def _pitches(event: Event, stage: Room, contacts: dict[int, User]) -> None:
    pitching = [
        user for user in contacts.values() if user.organisation.kind == "biotech"
    ]
    for index, presenter in enumerate(pitching[: 2 * PITCHES_PER_DAY]):
        day, slot = divmod(index, PITCHES_PER_DAY)
        start = at(event, day, 9) + dt.timedelta(minutes=slot * PITCH_MINUTES)
        org = presenter.organisation
        session = add_session(
            event,
            title_en=f"IR pitch: {org.name_en}",
            title_ko=f"IR 피칭: {org.name_ko}",
            kind=SessionKind.PITCH,
            start=start,
            minutes=PITCH_MINUTES,
            room=stage,
            language=SessionLanguage.EN,
        )
        give_talk(session, presenter)
