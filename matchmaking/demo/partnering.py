"""Partnering for the demo forum: profiles, a few hundred requests, a published schedule.

Seed data, keyed on natural identifiers: tags by slug, participants by registration,
blocks by day and time. Requests are written once per event (a second load finds them
and leaves them); the schedule is solved and published only when none is published.
Requests and meetings are inserted directly, without the services' notifications, so
loading the demo sends no e-mail.
"""

import datetime as dt
import random

from accounts.services import user_upsert
from events.demo.common import DEMO_PASSWORD, Orgs
from events.models import Event
from matchmaking import services
from matchmaking.enums import RequestStatus, RunStatus, TagCategory, TicketSize
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    Participant,
    ScheduleRun,
    Tag,
)
from matchmaking.selectors.directory import match_score
from registration.enums import RegistrationCategory
from registration.models import Registration
from registration.services import registration_upsert

SCHEDULE_SECONDS = 3
TAGS = {
    TagCategory.AREA: [
        ("oncology", "Oncology", "항암"),
        ("immunology", "Immunology", "면역"),
        ("neurology", "Neurology", "신경"),
        ("rare-diseases", "Rare diseases", "희귀질환"),
        ("cardiometabolic", "Cardiometabolic", "심혈관·대사"),
        ("infectious-diseases", "Infectious diseases", "감염병"),
    ],
    TagCategory.MODALITY: [
        ("small-molecule", "Small molecule", "저분자"),
        ("antibody", "Antibody", "항체"),
        ("adc", "Antibody-drug conjugate", "항체약물접합체"),
        ("cell-therapy", "Cell therapy", "세포치료제"),
        ("gene-therapy", "Gene therapy", "유전자치료제"),
        ("mrna", "mRNA", "mRNA"),
    ],
    TagCategory.STAGE: [
        ("discovery", "Discovery", "탐색"),
        ("preclinical", "Preclinical", "비임상"),
        ("phase-1", "Phase 1", "임상 1상"),
        ("phase-2", "Phase 2", "임상 2상"),
        ("phase-3", "Phase 3", "임상 3상"),
    ],
    TagCategory.SERVICE: [
        ("clinical-operations", "Clinical operations", "임상 운영"),
        ("regulatory", "Regulatory affairs", "인허가"),
        ("bioanalysis", "Bioanalysis", "생물분석"),
        ("data-management", "Data management and biostatistics", "데이터관리·통계"),
        ("cmc", "CMC and manufacturing", "CMC·생산"),
    ],
    TagCategory.REGION: [
        ("korea", "Korea", "한국"),
        ("asia-pacific", "Asia-Pacific", "아시아태평양"),
        ("north-america", "North America", "북미"),
        ("europe", "Europe", "유럽"),
    ],
}
PAIRS = [
    ["investor", "biotech"],
    ["biotech", "investor"],
    ["cro", "biotech"],
    ["biotech", "cro"],
    ["pharma", "biotech"],
    ["biotech", "pharma"],
    ["cro", "pharma"],
    ["pharma", "cro"],
]
DEMO_LOGINS = [
    ("investor@convene.test", "Jiwoo", "Han", "한지우", "investor", "Partner"),
    (
        "biotech@convene.test",
        "Seoyeon",
        "Yoon",
        "윤서연",
        "biotech",
        "Chief Executive Officer",
    ),
]


def build(rng: random.Random, event: Event, orgs: Orgs) -> None:
    tags = _tags()
    _setup(event)
    _demo_logins(event, orgs)
    participants = _participants(rng, event, tags)
    _host_tables(event, participants)
    if not MeetingRequest.objects.filter(event=event).exists():
        _requests(rng, event, participants)
    added = _demo_meetings(event, participants)
    published = ScheduleRun.objects.filter(event=event, status=RunStatus.PUBLISHED)
    if added or not published.exists():
        # The first load publishes the one release of the history; a later load
        # that gave the demo sign-ins their meetings repairs it.
        run = services.schedule_run(
            event=event, time_limit=SCHEDULE_SECONDS, incremental=published.exists()
        )
        if run.status == RunStatus.DRAFT:
            services.schedule_publish(run=run, user=None, tell=False)


def _tags() -> dict[str, list[Tag]]:
    return {
        category: [
            services.tag_upsert(
                category=category, slug=slug, name_en=en, name_ko=ko, order=i
            )
            for i, (slug, en, ko) in enumerate(rows)
        ]
        for category, rows in TAGS.items()
    }


def _setup(event: Event) -> None:
    close = dt.datetime.combine(event.start_date, dt.time(9), tzinfo=event.tz)
    services.setup_upsert(
        event=event,
        request_cap=25,
        slot_minutes=30,
        allowed_pairs=PAIRS,
        requests_close_at=close,
        max_breaks_spread=None,
    )
    for day in event.days():
        services.block_upsert(
            event=event,
            date=day,
            start_time=dt.time(9),
            end_time=dt.time(12),
            label="Morning",
        )
        services.block_upsert(
            event=event,
            date=day,
            start_time=dt.time(13, 30),
            end_time=dt.time(17, 30),
            label="Afternoon",
        )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=20)


def _demo_logins(event: Event, orgs: Orgs) -> None:
    """Two sign-ins for trying the journey: an investor and a biotech (their
    meetings come from `_demo_meetings`)."""
    for email, first, last, name_ko, kind, title in DEMO_LOGINS:
        org = (orgs.investor if kind == "investor" else orgs.biotech)[1]
        user = user_upsert(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            name_ko=name_ko,
            job_title=title,
            organisation=org,
        )
        category = (
            RegistrationCategory.INVESTOR
            if kind == "investor"
            else RegistrationCategory.ATTENDEE
        )
        registration_upsert(event=event, user=user, category=category)


# The demo sign-ins' own meetings, so that "Meet" has something to show: the
# investor with three biotechs, the biotech with two investors and a pharma (never
# each other, so the investor can still find and ask the biotech).
DEMO_MEETINGS = {
    "investor@convene.test": (("biotech", 3),),
    "biotech@convene.test": (
        ("investor", 2),
        ("pharma", 1),
    ),
}


def _demo_meetings(event: Event, participants: list[Participant]) -> bool:
    """Accepted requests and meetings of the demo sign-ins, once; True if added."""
    demo = {p.user.email: p for p in participants if p.user.email in DEMO_MEETINGS}
    if MeetingRequest.objects.filter(event=event, sender__in=demo.values()).exists():
        return False
    taken = {p.organisation.pk for p in demo.values() if p.organisation}
    pairs = []
    for email, wanted in DEMO_MEETINGS.items():
        sender = demo.get(email)
        if sender is None:
            continue
        for kind, count in wanted:
            others = [
                p
                for p in participants
                if p.kind == kind
                and p.user.email not in DEMO_MEETINGS
                and p.organisation
                and p.organisation.pk not in taken
            ]
            others.sort(key=lambda p: -match_score(sender, p)[0])
            pairs += [(sender, other) for other in others[:count]]
    requests = MeetingRequest.objects.bulk_create(
        [
            MeetingRequest(
                event=event,
                sender=sender,
                recipient=recipient,
                message="We would like to discuss a partnership.",
                priority=3,
                status=RequestStatus.ACCEPTED,
            )
            for sender, recipient in pairs
        ]
    )
    for request in requests:
        meeting = Meeting.objects.create(event=event, request=request, priority=3)
        meeting.participants.set([request.sender_id, request.recipient_id])
    return bool(requests)


def _pick(rng: random.Random, tags: list[Tag], low: int, high: int) -> list[Tag]:
    return rng.sample(tags, rng.randint(low, high))


def _profile(rng: random.Random, kind: str, tags: dict) -> dict:
    area, mod, stage = (
        tags[TagCategory.AREA],
        tags[TagCategory.MODALITY],
        tags[TagCategory.STAGE],
    )
    service, region = tags[TagCategory.SERVICE], tags[TagCategory.REGION]
    if kind == "biotech":
        offers = (
            _pick(rng, area, 1, 2) + _pick(rng, mod, 1, 1) + _pick(rng, stage, 1, 1)
        )
        return {"offers": offers + region[:1], "seeks": _pick(rng, service, 1, 2)}
    if kind == "investor":
        seeks = _pick(rng, area, 2, 3) + _pick(rng, stage, 2, 3) + _pick(rng, mod, 1, 2)
        size = rng.choice(TicketSize.values)
        return {"offers": region[:2], "seeks": seeks, "ticket_size": size}
    if kind == "cro":
        offers = _pick(rng, service, 2, 3) + _pick(rng, area, 1, 2) + region[:2]
        return {"offers": offers, "seeks": []}
    seeks = _pick(rng, area, 2, 3) + _pick(rng, mod, 2, 3) + _pick(rng, stage, 1, 2)
    return {"offers": _pick(rng, region, 1, 2), "seeks": seeks}


PITCH = {
    "biotech": (
        "{org} develops new medicines in {what} for patients with few options, and "
        "seeks partners for its next trials.",
        "{org_ko}는 치료 옵션이 부족한 환자를 위한 {what} 분야 신약을 개발하며 다음 "
        "임상의 파트너를 찾습니다.",
    ),
    "investor": (
        "{org} invests in {what} companies from seed to Series C.",
        "{org_ko}는 {what} 분야 기업에 시드부터 시리즈 C까지 투자합니다.",
    ),
    "cro": (
        "{org} runs {what} studies across Korea and Asia-Pacific.",
        "{org_ko}는 한국과 아시아태평양에서 {what} 임상을 수행합니다.",
    ),
    "pharma": (
        "{org} in-licenses {what} assets for its global pipeline.",
        "{org_ko}는 글로벌 파이프라인을 위해 {what} 자산을 도입합니다.",
    ),
}


FOCUS = ("Early-stage Korean biotech", "초기 단계 한국 바이오텍")
ROLE_PITCH = (
    "I look after partnerships for {org}; happy to talk about {what}.",
    "{org_ko}의 파트너십을 맡고 있습니다. {what} 분야 논의를 환영합니다.",
)


def _organisation_profile(rng: random.Random, org, tags: dict) -> None:
    """The organisation's shared profile: what it offers and seeks, its pitch."""
    kind = org.kind if org.kind in PITCH else "pharma"
    profile = _profile(rng, kind, tags)
    en, ko = PITCH[kind]
    what = _areas(profile["offers"] + profile["seeks"])
    names = {"org": org.name_en, "org_ko": org.name_ko or org.name_en}
    services.organisation_profile_update(
        organisation=org,
        user=None,
        pitch_en=en.format(what=what.lower(), **names),
        pitch_ko=ko.format(what=what, **names),
        investment_focus_en=FOCUS[0] if kind == "investor" else "",
        investment_focus_ko=FOCUS[1] if kind == "investor" else "",
        **profile,
    )


def _areas(found: list[Tag]) -> str:
    return ", ".join(t.name_en for t in found if t.category == "area") or "oncology"


def _participants(rng: random.Random, event: Event, tags: dict) -> list[Participant]:
    """Each organisation's profile, then its people: most show only it, every third
    adds a therapeutic area of their own and a personal line."""
    registrations = (
        Registration.objects.filter(event=event, status="confirmed")
        .select_related("user__organisation")
        .order_by("pk")
    )
    out, seen = [], set()
    for i, registration in enumerate(registrations):
        org = registration.user.organisation
        if org is not None and org.pk not in seen:
            seen.add(org.pk)
            _organisation_profile(rng, org, tags)
        own: dict = {"offers": [], "seeks": [], "pitch_en": "", "pitch_ko": ""}
        if org is not None and i % 3 == 2:
            extra = _pick(rng, tags[TagCategory.AREA], 1, 1)
            names = {"org": org.name_en, "org_ko": org.name_ko or org.name_en}
            what = _areas(extra)
            own = {
                "offers": extra if org.kind != "investor" else [],
                "seeks": extra if org.kind == "investor" else [],
                "pitch_en": ROLE_PITCH[0].format(what=what.lower(), **names),
                "pitch_ko": ROLE_PITCH[1].format(what=what, **names),
            }
        out.append(
            services.participant_join(
                registration=registration, investment_focus="", ticket_size="", **own
            )
        )
    return out


def _host_tables(event: Event, participants: list[Participant]) -> None:
    """The first two pharma companies meet at their own booths (tables 19 and 20)."""
    pharma = [p for p in participants if p.kind == "pharma"][:2]
    for number, host in zip((19, 20), pharma, strict=False):
        table = event.meeting_tables.get(number=number)
        if table.host_id != host.pk:
            services.table_host_set(table=table, host=host)


def _requests(
    rng: random.Random, event: Event, participants: list[Participant]
) -> None:
    """Each investor, pharma and CRO asks its best biotech matches; biotechs ask back.

    About four in five are accepted, the rest declined or still pending.
    """
    setup = event.partnering
    demo = {e for e, *_rest in DEMO_LOGINS}
    profiles = (
        Participant.objects.filter(pk__in=[p.pk for p in participants])
        .select_related("registration__user__organisation__partnering_profile")
        .prefetch_related(
            "offers",
            "seeks",
            "registration__user__organisation__partnering_profile__offers",
            "registration__user__organisation__partnering_profile__seeks",
        )
        .order_by("pk")
    )
    pool = [p for p in profiles if p.user.email not in demo]
    biotechs = [p for p in pool if p.kind == "biotech"]
    per_kind = {"investor": 7, "pharma": 9, "cro": 4}
    pairs: dict[frozenset, tuple] = {}
    for sender in pool:
        wanted = per_kind.get(sender.kind)
        if wanted is None:
            continue
        ranked = sorted(
            biotechs, key=lambda b: -match_score(sender, b)[0] - rng.random()
        )
        for recipient in ranked[:wanted]:
            pairs.setdefault(frozenset((sender.pk, recipient.pk)), (sender, recipient))
    for sender in biotechs:
        others = [p for p in pool if p.kind in ("investor", "pharma")]
        for recipient in rng.sample(others, 2):
            if setup.may_request(sender.kind, recipient.kind):
                pairs.setdefault(
                    frozenset((sender.pk, recipient.pk)), (sender, recipient)
                )
    _write(rng, event, list(pairs.values()))


def _write(rng: random.Random, event: Event, pairs: list[tuple]) -> None:
    requests = []
    for sender, recipient in pairs:
        roll = rng.random()
        status = (
            RequestStatus.ACCEPTED
            if roll < 0.8
            else RequestStatus.DECLINED
            if roll < 0.9
            else RequestStatus.PENDING
        )
        requests.append(
            MeetingRequest(
                event=event,
                sender=sender,
                recipient=recipient,
                message="We would like to discuss a partnership.",
                priority=rng.choice((1, 2, 2, 3)),
                status=status,
                decline_reason="Not a fit for our pipeline now."
                if status == RequestStatus.DECLINED
                else "",
            )
        )
    MeetingRequest.objects.bulk_create(requests)
    accepted = list(
        MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
    )
    Meeting.objects.bulk_create(
        [Meeting(event=event, request=r, priority=r.priority) for r in accepted]
    )
    through = Meeting.participants.through
    rows = []
    for meeting in Meeting.objects.filter(event=event).select_related("request"):
        for pid in (meeting.request.sender_id, meeting.request.recipient_id):
            rows.append(through(meeting_id=meeting.pk, participant_id=pid))
    through.objects.bulk_create(rows)
