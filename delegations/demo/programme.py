"""The ASCO 2027 call for applications, from applications to outcome reports.

The eight member companies applied, were accepted and confirmed their two
delegates; seven more companies sit in the other states (draft, submitted,
shortlisted, wait-listed, not selected, accepted but not yet confirmed). Members
have reported their meetings. Everything goes through the services on a fixed
timeline and is keyed on natural identifiers, so loading twice changes nothing.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from accounts.models import User
from accounts.services import user_upsert
from delegations import selectors
from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.enums import DelegateRole
from delegations.models import Delegate, DelegationApplication
from delegations.services import itinerary
from events import services
from events.demo.common import DEMO_PASSWORD, Orgs, person
from events.enums import TeamRole
from events.models import Event, Session

SEOUL = ZoneInfo("Asia/Seoul")
OPENED = dt.datetime(2026, 10, 1, tzinfo=SEOUL)
DRAFTED = dt.datetime(2026, 10, 20, 10, tzinfo=SEOUL)
DECIDED = dt.datetime(2026, 11, 20, 10, tzinfo=SEOUL)
DEADLINE = dt.datetime(2027, 4, 30, 23, 59, tzinfo=SEOUL)

# (biotech index, CEO first/last/Korean name, final state)
APPLICANTS = [
    (16, "Hyejin", "Moon", "문혜진", S.SUBMITTED),
    (17, "Taeyang", "Kwon", "권태양", S.SUBMITTED),
    (18, "Eunbi", "Shin", "신은비", S.SHORTLISTED),
    (19, "Dohyun", "Baek", "백도현", S.WAITLISTED),
    (20, "Yuna", "Seo", "서유나", S.REJECTED),
    (21, "Junseo", "Oh", "오준서", S.ACCEPTED),
    (22, "Haneul", "Jang", "장하늘", S.DRAFT),
]
# What came of each member company's partnering meetings, in their time order;
# companies in the order the partnering demo pairs them (the demo delegate's
# company first, then by name), so each outcome is its own meeting's.
MEETING_OUTCOMES = [
    ["cda", "follow_up"],
    ["trial", "follow_up"],
    ["investment"],
    ["follow_up"],
    ["follow_up"],
    ["none"],
    ["follow_up"],
    [],
]
NOTES = {
    "cda": "CDA signed at the meeting; the data room opens in July.",
    "trial": "Sponsor to send a feasibility questionnaire for Korean sites.",
    "investment": "Second meeting with the fund's partners in Seoul in September.",
}
# (company, itinerary item kind, counterpart, outcome, notes): outcomes of items.
ITEM_OUTCOMES = [
    (4, "site_visit", "Lakeshore Cancer Center", "trial", NOTES["trial"]),
]
# (company, counterpart, day of the event, outcome, notes): met outside any
# meeting or item on record.
OTHER_OUTCOMES = [
    (3, "Pacific Clinical Research", 1, "follow_up", "Met at the Korea Pavilion."),
]
# Trials attracted, one per trial discussion in the order above (the sponsor is
# the meeting's counterpart): (title, phase, multi-regional, sites in Korea).
TRIALS = [
    (
        "Phase 2 basket study of a HER2-targeted ADC in HER2-low solid tumours",
        "2",
        True,
        4,
    ),
    ("Investigator-initiated phase 1b of an oral KRAS G12D inhibitor", "1", False, 1),
]
# (company, other agreements signed, satisfaction): the overall reports.
REPORTS = [(0, 1, 5), (1, 0, 5), (5, 1, 4)]


def _account(email: str, first: str, last: str, name_ko: str, **extra) -> User:
    return user_upsert(
        email=email,
        password=DEMO_PASSWORD,
        first_name=first,
        last_name=last,
        name_ko=name_ko,
        **extra,
    )


def _profile(org) -> dict:
    return {
        "company_profile": f"{org.name_en} is a Korean {org.get_kind_display()} "
        "with a clinical-stage oncology pipeline.",
        "employees": 40 + 7 * (org.pk % 9),
        "pipeline": "Lead asset: a HER2-targeted antibody-drug conjugate, phase 1b in "
        "solid tumours. Second: an oral KRAS G12D inhibitor, IND-enabling.",
        "goals": "Meet licensing partners for the lead asset and US trial sites.",
        "target_partners": "Global pharma oncology BD; US CROs; oncology-focused VCs.",
    }


def build(event: Event, orgs: Orgs, members: list[list[User]]) -> None:
    organiser = user_upsert(email="organiser@convene.test")
    services.team_member_add(event=event, user=organiser, role=TeamRole.ORGANISER)
    reviewer = _account(
        "reviewer@convene.test",
        "Hana",
        "Yoo",
        "유하나",
        job_title="Delegation reviewer",
        organisation=orgs.institutions[1],
    )
    services.team_member_add(event=event, user=reviewer, role=TeamRole.EDITOR)
    programme = svc.programme_upsert(
        event=event,
        host_congress="ASCO Annual Meeting 2027",
        host_city="Chicago",
        host_start_date=dt.date(2027, 5, 31),
        host_end_date=dt.date(2027, 6, 4),
        host_timezone="America/Chicago",
        places=10,
        delegates_per_company=3,
        eligibility="Korean biotechs, pharma companies and CROs with an oncology "
        "asset or service; one application per company.",
        fee=Decimal("3000.00"),
        subsidy=Decimal("2000.00"),
        applications_open_at=OPENED,
        application_deadline=DEADLINE,
        contact_name="Olivia Park, KoNECT delegation office",
        contact_email="delegation@convene.test",
        contact_phone="+82 2 0000 0000",
        venue_notes="McCormick Place, Hall B1; the Korea Pavilion is booth 1234. "
        "The delegation stays at the Hyatt Regency McCormick Place, connected to "
        "the convention centre by a skybridge. Badges: collect at the South "
        "Building registration desk with your passport.",
    )
    delegate = _account(
        "delegate@convene.test",
        "Minseo",
        "Ryu",
        "류민서",
        job_title="Clinical operations lead",
        organisation=members[0][0].organisation,
    )
    for index, people in enumerate(members):
        extra = [(delegate, DelegateRole.CLINICAL)] if index == 0 else []
        _member(programme, organiser, reviewer, people, extra)
    for index, first, last, name_ko, state in APPLICANTS:
        org = orgs.biotech[index]
        ceo = person(first, last, name_ko, org, "Chief Executive Officer")
        _application(programme, organiser, reviewer, ceo, state)
    _applicant_account(orgs)
    _itinerary(event, organiser, programme)


def _application(programme, organiser, reviewer, ceo: User, state: str):
    """Take one company's application through the services to `state`."""
    existing = DelegationApplication.objects.filter(
        programme=programme, organisation=ceo.organisation
    ).first()
    if existing is not None:
        return existing
    application = svc.application_save_draft(
        programme=programme, user=ceo, now=DRAFTED, **_profile(ceo.organisation)
    )
    if state == S.DRAFT:
        return application
    application = svc.application_submit(application=application, user=ceo, now=DRAFTED)
    review = svc.review_assign(
        application=application, reviewer=reviewer, actor=organiser, tell=False
    )
    score = 3 + application.pk % 3
    if state == S.SUBMITTED:
        return application
    svc.review_score(
        review=review,
        user=reviewer,
        fit=score,
        readiness=4,
        potential=score,
        comment="Strong oncology asset; BD team ready for global partners.",
        now=DECIDED,
    )
    path = {
        S.SHORTLISTED: [S.SHORTLISTED],
        S.WAITLISTED: [S.SHORTLISTED, S.WAITLISTED],
        S.REJECTED: [S.REJECTED],
        S.ACCEPTED: [S.SHORTLISTED, S.ACCEPTED],
        S.CONFIRMED: [S.ACCEPTED],
    }[state]
    for status in path:
        application = svc.application_decide(
            application=application, actor=organiser, status=status, now=DECIDED
        )
    return application


def _member(programme, organiser, reviewer, people: list[User], extra: list):
    ceo, bd = people
    application = _application(programme, organiser, reviewer, ceo, S.CONFIRMED)
    if application.status == S.CONFIRMED:
        return
    DelegationApplication.objects.filter(pk=application.pk).update(
        decision_sent_at=DECIDED
    )
    svc.application_confirm(
        application=application,
        user=ceo,
        now=DECIDED + dt.timedelta(days=3),
        tell=False,
        delegates=[
            svc.DelegateIn(
                email=p.email,
                first_name=p.first_name,
                last_name=p.last_name,
                name_ko=p.name_ko,
                job_title=p.job_title,
                role=role,
            )
            for p, role in [
                (ceo, DelegateRole.LEAD),
                (bd, DelegateRole.BUSINESS),
                *extra,
            ]
        ],
    )


def _applicant_account(orgs: Orgs) -> User:
    """A company that has not applied yet: the newcomer applies as them."""
    return _account(
        "applicant@convene.test",
        "Jisoo",
        "Han",
        "한지수",
        job_title="Head of business development",
        organisation=orgs.biotech[23],
    )


def _itinerary(event: Event, organiser: User, programme) -> None:
    """Booth shifts and the site visit are assigned; the rest is for everyone."""
    delegates = list(
        Delegate.objects.filter(application__programme=programme).order_by(
            "application__organisation__name", "user__email"
        )
    )
    shifts = {
        s.title_en: s for s in Session.objects.filter(event=event, kind="booth_shift")
    }
    visit = Session.objects.filter(event=event, kind="site_visit").first()
    plan = {
        "Korea Pavilion: morning shift": delegates[0::2],
        "Korea Pavilion: afternoon shift": delegates[1::2],
        "Korea Pavilion: closing shift": delegates[::3],
    }
    assigned: dict[int, list[Session]] = {d.pk: [] for d in delegates}
    for title, people in plan.items():
        for d in people:
            if title in shifts:
                assigned[d.pk].append(shifts[title])
    for d in delegates:
        items = assigned[d.pk] + ([visit] if visit and d.role == "lead" else [])
        itinerary.delegate_assign_sessions(delegate=d, sessions=items, actor=organiser)


def _members_in_meeting_order(programme) -> list[DelegationApplication]:
    members = list(
        programme.applications.filter(status=S.CONFIRMED)
        .select_related("organisation", "applicant")
        .order_by("organisation__name", "pk")
    )
    mine = {
        d.application_id
        for d in Delegate.objects.filter(
            application__programme=programme, user__email="delegate@convene.test"
        )
    }
    return sorted(members, key=lambda a: a.pk not in mine)


def outcomes_build(programme) -> None:
    """After the partnering schedule is published: each company's outcomes tied
    to its own meetings and items (so a CDA is dated by the meeting it was signed
    at), a trial per trial discussion, and three overall reports."""
    event = programme.event
    members = _members_in_meeting_order(programme)
    trial_outcomes = []
    for application, kinds in zip(members, MEETING_OUTCOMES, strict=False):
        meetings = list(selectors.company_partnering_meetings(application=application))
        for meeting, outcome in zip(meetings, kinds, strict=False):
            report = svc.meeting_outcome_report(
                application=application,
                user=application.applicant,
                meeting=meeting,
                outcome=outcome,
                notes=NOTES.get(outcome, ""),
            )
            trial_outcomes += [report] if outcome == "trial" else []
    for index, kind, counterpart, outcome, notes in ITEM_OUTCOMES:
        application = members[index]
        item = next(
            s
            for s in selectors.company_itinerary_items(application=application)
            if s.kind == kind
        )
        report = svc.meeting_outcome_report(
            application=application,
            user=application.applicant,
            session=item,
            counterpart=counterpart,
            outcome=outcome,
            notes=notes,
        )
        trial_outcomes += [report] if outcome == "trial" else []
    for index, counterpart, day, outcome, notes in OTHER_OUTCOMES:
        svc.meeting_outcome_report(
            application=members[index],
            user=members[index].applicant,
            counterpart=counterpart,
            held_on=event.start_date + dt.timedelta(days=day),
            outcome=outcome,
            notes=notes,
        )
    for report, (title, phase, mrct, sites) in zip(
        trial_outcomes, TRIALS, strict=False
    ):
        svc.trial_save(
            application=report.application,
            user=report.application.applicant,
            sponsor=report.counterpart,
            title=title,
            phase=phase,
            multi_regional=mrct,
            korea_sites=sites,
            outcome=report,
        )
    for index, agreements, satisfaction in REPORTS:
        svc.programme_report_save(
            application=members[index],
            user=members[index].applicant,
            agreements_signed=agreements,
            satisfaction=satisfaction,
            comments="Well-prepared meetings; the pavilion drew strong traffic.",
        )
