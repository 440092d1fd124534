"""Pre-arranged meetings with global pharma at ASCO 2027, through partnering.

Business-development heads of four global pharma companies at the host congress
accepted meetings with the member companies' delegates (the demo delegate
included). The meeting rooms of the Korea Pavilion open on two afternoons; each
delegate's own booth shifts and site visit block their slots
(`delegate_availability_sync`), and the forum's scheduler places the meetings
(`matchmaking.services.schedule_run`) and publishes them. Requests and meetings
are written directly, as `matchmaking/demo.py` does, so loading sends no e-mail;
a second load finds them and changes nothing.
"""

import datetime as dt

from delegations.models import Delegate, DelegationProgramme
from delegations.services import itinerary
from events.demo.common import Orgs, person
from events.models import Event
from matchmaking import services
from matchmaking.enums import RequestStatus, RunStatus
from matchmaking.models import Meeting, MeetingRequest, Participant, ScheduleRun
from registration.enums import RegistrationCategory
from registration.services import registration_upsert

SCHEDULE_SECONDS = 2
# (global pharma index, first, last name, job title)
PHARMA_BD = [
    (0, "Emily", "Carter", "Head of Oncology Business Development"),
    (1, "Lukas", "Brunner", "Director, External Innovation"),
    (3, "Daniel", "Ortiz", "VP Search & Evaluation, Oncology"),
    (5, "Sophie", "Weber", "Senior Director, Licensing"),
]
# (day of the event, from, to): the pavilion's meeting rooms, host-city time.
BLOCKS = [
    (2, dt.time(14, 30), dt.time(17, 30)),
    (3, dt.time(13, 0), dt.time(17, 0)),
]
ROOMS = 4
# (pharma, member company index) pairs that agreed to meet; the demo delegate
# (company 0's clinical lead) meets the first two pharma companies herself.
PAIRS = [
    (0, 0),
    (0, 1),
    (0, 4),
    (0, 6),
    (1, 0),
    (1, 2),
    (1, 5),
    (2, 1),
    (2, 3),
    (2, 7),
    (3, 2),
    (3, 4),
    (3, 6),
    (3, 7),
]
DEMO_DELEGATE = "delegate@convene.test"


def build(event: Event, orgs: Orgs) -> None:
    programme = DelegationProgramme.objects.get(event=event)
    _setup(event)
    pharma = [_pharma_participant(event, orgs, *row) for row in PHARMA_BD]
    members = _member_participants(programme)
    if not MeetingRequest.objects.filter(event=event).exists():
        pairs = [(pharma[p], members[c][0]) for p, c in PAIRS]
        mine = members[0][1]
        pairs += [(pharma[0], mine), (pharma[1], mine)] if mine else []
        _write(event, pairs)
    itinerary.delegate_availability_sync(
        delegates=Delegate.objects.filter(application__programme=programme)
    )
    if not ScheduleRun.objects.filter(event=event, status=RunStatus.PUBLISHED).exists():
        run = services.schedule_run(event=event, time_limit=SCHEDULE_SECONDS)
        if run.status == RunStatus.DRAFT:
            services.schedule_publish(run=run, user=None, tell=False)


def _setup(event: Event) -> None:
    services.setup_upsert(
        event=event,
        request_cap=10,
        slot_minutes=30,
        allowed_pairs=[
            ["pharma", "biotech"],
            ["biotech", "pharma"],
            ["pharma", "cro"],
            ["cro", "pharma"],
        ],
        requests_close_at=dt.datetime.combine(
            event.start_date, dt.time(9), tzinfo=event.tz
        ),
    )
    for day, start, end in BLOCKS:
        services.block_upsert(
            event=event,
            date=event.start_date + dt.timedelta(days=day),
            start_time=start,
            end_time=end,
            label="Korea Pavilion meeting rooms",
        )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=ROOMS)


def _pharma_participant(event, orgs: Orgs, index, first, last, title) -> Participant:
    org = orgs.pharma[index]
    user = person(first, last, "", org, title)
    registration = registration_upsert(
        event=event, user=user, category=RegistrationCategory.ATTENDEE
    )
    return services.participant_join(
        registration=registration,
        pitch_en=f"{org.name_en} in-licenses oncology assets for its global "
        "pipeline; at ASCO to meet Korean biotechs.",
        pitch_ko=f"{org.name_ko}는 글로벌 파이프라인을 위해 항암 자산을 도입하며, "
        "ASCO에서 한국 바이오 기업을 만납니다.",
    )


def _member_participants(programme) -> list[list[Participant | None]]:
    """Per member company (by name): its meeting delegate, then the demo delegate
    if she belongs to it. The business developer meets where there is one."""
    out = []
    members = programme.applications.filter(status="confirmed").order_by(
        "organisation__name", "pk"
    )
    for application in members:
        delegates = list(application.delegates.select_related("registration"))
        lead = next(
            (d for d in delegates if d.role == "business"),
            next((d for d in delegates if d.role == "lead"), delegates[0]),
        )
        demo = next((d for d in delegates if d.user.email == DEMO_DELEGATE), None)
        out.append([_join(lead), _join(demo) if demo else None])
    # The demo delegate's company comes first, so PAIRS can name it as 0.
    out.sort(key=lambda pair: pair[1] is None)
    return out


def _join(delegate: Delegate) -> Participant:
    org = delegate.application.organisation
    return services.participant_join(
        registration=delegate.registration,
        pitch_en=f"{org.name_en}: a Korean oncology company in the delegation to "
        "ASCO, looking for licensing partners and US trial sites.",
        pitch_ko=f"{org.name_ko}: ASCO 한국 대표단 항암 기업, 라이선싱 파트너와 "
        "미국 임상 기관을 찾습니다.",
    )


def _write(event: Event, pairs: list[tuple[Participant, Participant]]) -> None:
    for sender, recipient in pairs:
        request = MeetingRequest.objects.create(
            event=event,
            sender=sender,
            recipient=recipient,
            message="We would like to discuss your lead oncology asset.",
            priority=2,
            status=RequestStatus.ACCEPTED,
        )
        meeting = Meeting.objects.create(
            event=event, request=request, priority=request.priority
        )
        meeting.participants.set([sender, recipient])
