"""Building blocks shared by the demo events: organisations, people, sessions."""

import datetime as dt
import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from accounts.models import User
from accounts.services import user_upsert
from events import services
from events.demo import names
from events.enums import OrganisationKind, SpeakerRole
from events.models import Event, Organisation

DEMO_PASSWORD = "convene-demo"  # noqa: S105  (printed by `make demo`, demo data only)


@dataclass
class Orgs:
    biotech: list[Organisation] = field(default_factory=list)
    investor: list[Organisation] = field(default_factory=list)
    cro: list[Organisation] = field(default_factory=list)
    pharma: list[Organisation] = field(default_factory=list)
    institutions: list[Organisation] = field(default_factory=list)

    def all(self) -> list[Organisation]:
        return self.biotech + self.investor + self.cro + self.pharma + self.institutions


def _org(name_en: str, name_ko: str, kind: str, country: str = "KR") -> Organisation:
    slug = slugify(name_en)
    return services.organisation_upsert(
        slug=slug,
        name_en=name_en,
        name_ko=name_ko,
        kind=kind,
        country=country,
        website=f"https://{slug}.example",
        description_en=f"{name_en} ({OrganisationKind(kind).label}) takes part in "
        "Convene's demo events.",
        description_ko=f"{name_ko}은(는) Convene 데모 행사에 참여하는 기관입니다.",
    )


def _named(suffixes, count: int, kind: str) -> list[Organisation]:
    combos = [(p, s) for s in suffixes for p in names.PREFIXES]
    return [
        _org(f"{p_en} {s_en}", f"{p_ko}{s_ko}", kind)
        for (p_en, p_ko), (s_en, s_ko) in combos[:count]
    ]


def organisations() -> Orgs:
    orgs = Orgs()
    orgs.biotech = _named(names.BIOTECH_SUFFIXES, 60, OrganisationKind.BIOTECH)
    orgs.investor = _named(names.INVESTOR_SUFFIXES, 30, OrganisationKind.INVESTOR)
    orgs.cro = _named(names.CRO_SUFFIXES, 12, OrganisationKind.CRO)
    orgs.pharma = [
        _org(name, name, OrganisationKind.PHARMA, country)
        for name, country in names.GLOBAL_PHARMA
    ] + [_org(en, ko, OrganisationKind.PHARMA) for en, ko in names.KOREAN_PHARMA]
    orgs.institutions = [
        _org("Hanbit University Hospital", "한빛대학교병원", OrganisationKind.SITE),
        _org(
            "Korea Institute of Clinical Science",
            "한국임상과학원",
            OrganisationKind.ACADEMIA,
        ),
        _org(
            "National Drug Evaluation Institute",
            "국가의약품평가원",
            OrganisationKind.REGULATOR,
        ),
    ]
    return orgs


def person(first: str, last: str, name_ko: str, org: Organisation, title: str) -> User:
    email = f"{slugify(first)}.{slugify(last)}@{org.slug}.example"
    return user_upsert(
        email=email,
        first_name=first,
        last_name=last,
        name_ko=name_ko,
        job_title=title,
        organisation=org,
    )


def speakers(rng: random.Random, orgs: Orgs, count: int = 80) -> list[User]:
    korean = [(f, g) for f in names.FAMILY for g in names.GIVEN]
    rng.shuffle(korean)
    people = []
    pool = orgs.all()
    for (last, last_ko), (first, first_ko) in korean[
        : count - len(names.INTERNATIONAL)
    ]:
        org, title = rng.choice(pool), rng.choice(names.JOB_TITLES)
        people.append(person(first, last, f"{last_ko}{first_ko}", org, title))
    for first, last in names.INTERNATIONAL:
        org, title = (
            rng.choice(orgs.pharma + orgs.investor),
            rng.choice(names.JOB_TITLES),
        )
        people.append(person(first, last, "", org, title))
    return people


def at(event: Event, day: int, hour: int, minute: int = 0) -> dt.datetime:
    date = event.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=event.tz)


def add_session(event, *, title_en, title_ko, kind, start, minutes, room=None, **extra):
    return services.session_upsert(
        event=event,
        title_en=title_en,
        title_ko=title_ko,
        kind=kind,
        start=start,
        end=start + dt.timedelta(minutes=minutes),
        room=room,
        abstract_en=extra.pop("abstract_en", f"{title_en}: the state of the art."),
        abstract_ko=extra.pop("abstract_ko", f"{title_ko}: 최신 동향과 사례."),
        **extra,
    )


def give_talk(session, user: User, role: str = SpeakerRole.SPEAKER, order: int = 0):
    org = user.organisation
    return services.speaker_assign(
        session=session,
        user=user,
        role=role,
        order=order,
        bio_en=f"{user.get_full_name()} is {user.job_title} at {org.name_en}.",
        bio_ko=f"{org.name_ko} {user.job_title} {user.name_ko or user.get_full_name()}.",
    )
