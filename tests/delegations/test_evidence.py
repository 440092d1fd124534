"""Outcomes as evidence: each outcome tied to the company's own meeting it came
from (a partnering meeting or an itinerary item), trials listed one by one, and
the ministry's report with one row per company and per outcome, and the totals."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from accounts.privacy import personal_data_export
from delegations import outcomes
from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.models import MeetingOutcomeReport, ProgrammeOutcomeReport
from delegations.services import itinerary
from events.enums import EventKind, SessionKind, TeamRole
from events.models import EventTeamMember
from matchmaking import services as partnering
from matchmaking.models import Meeting, Slot, Table
from registration.enums import RegistrationStatus
from registration.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.delegations import (
    ApplicationFactory,
    DelegationEventFactory,
    ProgrammeFactory,
)
from tests.factories.events import OrganisationFactory
from tests.factories.matchmaking import ParticipantFactory, PartneringSetupFactory
from tests.spreadsheets import by_heading, csv_rows

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CDT_0900 = dt.datetime(2027, 6, 2, 14, tzinfo=dt.UTC)  # 09:00 in Chicago


def _member(programme, name: str):
    """A confirmed company with one delegate holding a delegation registration."""
    application = ApplicationFactory(
        programme=programme,
        status=S.ACCEPTED,
        applicant__organisation=OrganisationFactory(name_en=name, name_ko=f"{name} 코"),
    )
    ceo = application.applicant
    svc.application_confirm(
        application=application,
        user=ceo,
        delegates=[
            svc.DelegateIn(
                email=ceo.email, first_name="Jiwoo", last_name="Han", role="lead"
            )
        ],
    )
    application.refresh_from_db()
    return application


def _meeting(event, slot, table, *registrations) -> Meeting:
    people = [
        partnering.participant_join(registration=r)
        if not hasattr(r, "participant")
        else r.participant
        for r in registrations
    ]
    meeting = Meeting.objects.create(event=event, slot=slot, table=table)
    meeting.participants.set(people)
    return meeting


@pytest.fixture
def world(programme, organiser):
    """Two member companies, each with a published meeting with Norbridge
    Pharma (09:00 and 09:30 CDT on 2 June), a site visit for the first
    company's delegate only and a reception for everyone."""
    event = programme.event
    PartneringSetupFactory(event=event)
    partnering.block_upsert(
        event=event,
        date=dt.date(2027, 6, 2),
        start_time=dt.time(9),
        end_time=dt.time(10),
        label="Korea Pavilion meeting rooms",
    )
    partnering.grid_build(event=event)
    partnering.tables_ensure(event=event, count=1)
    first, second = Slot.objects.filter(event=event).order_by("start")[:2]
    table = Table.objects.get(event=event)
    bora = _member(programme, "Bora Therapeutics")
    dami = _member(programme, "Dami Therapeutics")
    norbridge = OrganisationFactory(name_en="Norbridge Pharma", kind="pharma")
    pharma = ParticipantFactory(
        event=event,
        registration=Registration.objects.create(
            event=event,
            user=UserFactory(organisation=norbridge),
            status=RegistrationStatus.CONFIRMED,
        ),
    )
    ours = _meeting(
        event, first, table, pharma.registration, bora.delegates.get().registration
    )
    theirs = _meeting(
        event, second, table, pharma.registration, dami.delegates.get().registration
    )
    visit = itinerary.itinerary_item_save(
        programme=programme,
        actor=organiser,
        delegates=[bora.delegates.get()],
        title_en="Site visit: Lakeshore Cancer Center",
        kind=SessionKind.SITE_VISIT,
        start=CDT_0900 + dt.timedelta(days=1),
        end=CDT_0900 + dt.timedelta(days=1, hours=2),
    )
    reception = itinerary.itinerary_item_save(
        programme=programme,
        actor=organiser,
        title_en="Korea Night reception",
        kind=SessionKind.RECEPTION,
        start=CDT_0900 + dt.timedelta(hours=9),
        end=CDT_0900 + dt.timedelta(hours=11),
    )
    return {
        "bora": bora,
        "dami": dami,
        "ours": ours,
        "theirs": theirs,
        "visit": visit,
        "reception": reception,
    }


def _report_url(application):
    return reverse("delegation:outcomes_report", args=[application.pk])


def test_the_form_offers_only_the_company_s_own_meetings(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)

    page = client.get(_report_url(bora)).content.decode()

    assert f'value="m{world["ours"].pk}"' in page
    assert "2027-06-02 09:00 CDT · Table 1 · Norbridge Pharma" in page
    assert f'value="m{world["theirs"].pk}"' not in page
    assert f'value="s{world["visit"].pk}"' in page  # assigned to her company
    assert f'value="s{world["reception"].pk}"' in page  # for everyone
    client.force_login(world["dami"].applicant)
    theirs = client.get(_report_url(world["dami"])).content.decode()
    assert f'value="s{world["visit"].pk}"' not in theirs
    assert f'value="m{world["ours"].pk}"' not in theirs


def test_an_outcome_takes_its_meeting_s_day_and_counterpart(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)

    response = client.post(
        _report_url(bora),
        {
            "form": "meeting",
            "source": f"m{world['ours'].pk}",
            "counterpart": "typed by mistake",
            "held_on": "2027-06-01",
            "outcome": "cda",
            "notes": "CDA signed at the table.",
        },
    )

    assert response.status_code == 302
    outcome = bora.outcomes.get()
    assert outcome.meeting == world["ours"]
    assert outcome.held_on == dt.date(2027, 6, 2)  # the meeting's day, not 1 June
    assert outcome.counterpart == "Norbridge Pharma"
    page = client.get(_report_url(bora)).content.decode()
    assert "2027-06-02 09:00 CDT · Norbridge Pharma" in page


def test_a_crafted_post_of_another_company_s_meeting_is_refused(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)

    for source in (f"m{world['theirs'].pk}", "m999999", "sx"):
        response = client.post(
            _report_url(bora),
            {"form": "meeting", "source": source, "outcome": "cda", "notes": "kept"},
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert "kept" in response.content.decode()  # the input stays
    assert not MeetingOutcomeReport.objects.exists()
    with pytest.raises(svc.DelegationError, match="own meetings"):
        svc.meeting_outcome_report(
            application=bora,
            user=bora.applicant,
            meeting=world["theirs"],
            outcome="cda",
        )


def test_an_item_outcome_names_its_counterpart_and_free_text_needs_both(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)

    client.post(
        _report_url(bora),
        {
            "form": "meeting",
            "source": f"s{world['visit'].pk}",
            "counterpart": "Lakeshore Cancer Center",
            "outcome": "trial",
        },
    )
    missing = client.post(
        _report_url(bora), {"form": "meeting", "source": "", "outcome": "follow_up"}
    )

    visit = bora.outcomes.get()
    assert (visit.session, visit.held_on) == (world["visit"], dt.date(2027, 6, 3))
    assert visit.counterpart == "Lakeshore Cancer Center"
    assert missing.content.decode().count("Needed when the meeting is not") == 2


def _trial(client, application, **fields):
    data = {
        "form": "trial",
        "sponsor": "Norbridge Pharma",
        "title": "Phase 2 basket study",
        "identifier": "",
        "phase": "2",
        "korea_sites": "3",
        **fields,
    }
    return client.post(_report_url(application), data)


def test_trials_are_listed_and_the_totals_come_from_the_list(client, world):
    bora, dami = world["bora"], world["dami"]
    client.force_login(bora.applicant)
    client.post(
        _report_url(bora),
        {"form": "meeting", "source": f"m{world['ours'].pk}", "outcome": "trial"},
    )
    outcome = bora.outcomes.get()
    _trial(client, bora, multi_regional="on", outcome=str(outcome.pk))
    _trial(client, bora, title="Phase 1b KRAS study", phase="1", korea_sites="1")
    _trial(client, bora, korea_sites="4", multi_regional="on")  # corrects the first
    # A bare number reported before the list counts until it is listed.
    ProgrammeOutcomeReport.objects.create(
        application=dami, trials_without_details=2, satisfaction=4
    )

    figures = outcomes.outcome_figures(events=[bora.programme.event])[0].figures
    assert bora.trials.count() == 2
    assert (figures.trials_attracted, figures.multi_regional_trials) == (4, 1)
    assert figures.korea_sites == 5
    assert figures.trial_discussions == 1
    page = client.get(_report_url(bora)).content.decode()
    assert "Phase 2 basket study" in page
    assert "4 sites in Korea" in page


def test_a_trial_cannot_name_another_company_s_meeting(client, world):
    bora, dami = world["bora"], world["dami"]
    theirs = svc.meeting_outcome_report(
        application=dami, user=dami.applicant, meeting=world["theirs"], outcome="trial"
    )
    client.force_login(bora.applicant)

    response = _trial(client, bora, outcome=str(theirs.pk))

    assert response.status_code == 200
    assert not bora.trials.exists()


def test_trials_reported_without_details_may_only_go_down(client, world):
    dami = world["dami"]
    ProgrammeOutcomeReport.objects.create(
        application=dami, trials_without_details=2, satisfaction=4
    )
    client.force_login(dami.applicant)
    form = {"form": "report", "agreements_signed": "0", "satisfaction": "4"}

    shown = client.get(_report_url(dami)).content.decode()
    raised = client.post(_report_url(dami), {**form, "trials_without_details": "5"})
    client.post(_report_url(dami), {**form, "trials_without_details": "1"})

    assert "2 trials reported earlier without details." in shown
    assert raised.status_code == 200
    assert (
        dami.report.__class__.objects.get(application=dami).trials_without_details == 1
    )


def test_the_korean_page_renders_the_meetings_on_the_event_s_clock(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)
    with translation.override("ko"):
        url = _report_url(bora)

    page = client.get(url).content.decode()

    assert url.startswith("/ko/")
    assert 'lang="ko"' in page
    assert (
        "2027-06-02 09:00 CDT · 테이블 1 · " in page
    )  # the organisation's Korean name
    assert "성과" in page


# The ministry's report -------------------------------------------------------


def _outcomes_for(world):
    bora, dami = world["bora"], world["dami"]
    cda = svc.meeting_outcome_report(
        application=bora, user=bora.applicant, meeting=world["ours"], outcome="cda"
    )
    visit = svc.meeting_outcome_report(
        application=bora,
        user=bora.applicant,
        session=world["visit"],
        counterpart="Lakeshore Cancer Center",
        outcome="trial",
    )
    booth = svc.meeting_outcome_report(
        application=bora,
        user=bora.applicant,
        counterpart="Pacific Clinical Research",
        held_on=dt.date(2027, 6, 1),
        outcome="follow_up",
    )
    svc.trial_save(
        application=bora,
        user=bora.applicant,
        sponsor="Lakeshore Cancer Center",
        title="Investigator-initiated phase 1b",
        phase="1",
        korea_sites=2,
        outcome=visit,
    )
    return {"cda": cda, "visit": visit, "booth": booth, "dami": dami}


def _export(client, slug, fmt, **query):
    url = reverse("delegation:programme_ministry_export", args=[slug, fmt])
    return client.get(url, query)


def test_the_ministry_csv_has_a_row_per_company_and_outcome_tied_to_its_meeting(
    client, world, organiser
):
    made = _outcomes_for(world)
    client.force_login(organiser)
    slug = world["bora"].programme.event.slug

    rows = by_heading(csv_rows(_export(client, slug, "csv")))
    trials = by_heading(csv_rows(_export(client, slug, "csv", part="trials")))
    totals = by_heading(csv_rows(_export(client, slug, "csv", part="totals")))

    bora = [r for r in rows if r["Company (English)"] == "Bora Therapeutics"]
    assert [r["Counterpart"] for r in bora] == [
        "Pacific Clinical Research",
        "Norbridge Pharma",
        "Lakeshore Cancer Center",
    ]
    booth, cda, visit = bora
    assert cda["Meeting"] == "Partnering meeting"
    assert cda["Starts (CDT)"] == "2027-06-02 09:00"
    assert cda["Where"] == "Table 1"
    assert cda["Outcome"] == "Confidential disclosure agreement signed"
    assert cda["Evidence"].endswith(
        f"/delegation/organise/applications/{world['bora'].pk}/#outcome-{made['cda'].pk}"
    )
    assert visit["Meeting"] == "Itinerary item: Site visit: Lakeshore Cancer Center"
    assert (visit["Date"], visit["Starts (CDT)"]) == ("2027-06-03", "2027-06-03 09:00")
    assert visit["Trials from this meeting"] == "1"
    assert booth["Meeting"].startswith("No meeting on record")
    assert (booth["Date"], booth["Starts (CDT)"]) == ("2027-06-01", "")
    dami = [r for r in rows if r["Company (English)"] == "Dami Therapeutics"]
    assert [r["Meeting"] for r in dami] == ["No outcome reported"]
    assert dami[0]["Company (Korean)"] == "Dami Therapeutics 코"
    assert trials[0]["Sponsor"] == "Lakeshore Cancer Center"
    assert trials[0]["From the meeting"] == (
        "2027-06-03 09:00 CDT · Lakeshore Cancer Center"
    )
    assert totals[0]["Meetings held"] == "3"
    assert totals[0]["Trials attracted"] == "1"
    assert totals[-1]["Event (English)"] == "Total"


def test_the_ministry_xlsx_holds_outcomes_trials_and_totals(client, world, organiser):
    _outcomes_for(world)
    client.force_login(organiser)
    slug = world["bora"].programme.event.slug

    response = _export(client, slug, "xlsx")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Outcomes", "Trials attracted", "Totals"]
    outcomes_rows = by_heading(list(book["Outcomes"].values))
    cda = next(r for r in outcomes_rows if r["Counterpart"] == "Norbridge Pharma")
    # Excel has no zones: the event's clock, named in the heading.
    assert cda["Starts (CDT)"] == dt.datetime(2027, 6, 2, 9, 0)  # noqa: DTZ001
    assert cda["Date"] == dt.datetime(2027, 6, 2)  # noqa: DTZ001
    assert cda["Year"] == 2027
    trials = by_heading(list(book["Trials attracted"].values))
    assert trials[0]["Sites in Korea"] == 2
    assert trials[0]["Multi-regional"] == "No"
    totals = by_heading(list(book["Totals"].values))
    assert totals[0]["Trial sites in Korea"] == 2


def test_the_ministry_report_is_the_organiser_s_own_programmes_only(
    client, world, organiser
):
    _outcomes_for(world)
    other = ProgrammeFactory(
        event=DelegationEventFactory(slug="other-2027", kind=EventKind.DELEGATION)
    )
    stranger = UserFactory()
    EventTeamMember.objects.create(
        event=other.event, user=stranger, role=TeamRole.ORGANISER
    )
    slug = world["bora"].programme.event.slug
    client.force_login(stranger)

    assert _export(client, slug, "csv").status_code == 404
    year = client.get(
        reverse("delegation:ministry_export", args=["csv"]), {"year": "2027"}
    )
    assert by_heading(csv_rows(year)) == []  # no member company, no row
    client.force_login(organiser)
    mine = client.get(reverse("delegation:ministry_export", args=["csv"]))
    assert {r["Company (English)"] for r in by_heading(csv_rows(mine))} == {
        "Bora Therapeutics",
        "Dami Therapeutics",
    }


def test_the_ministry_report_s_queries_do_not_grow_with_companies(
    client, world, organiser, django_assert_max_num_queries
):
    _outcomes_for(world)
    client.force_login(organiser)
    slug = world["bora"].programme.event.slug
    _export(client, slug, "xlsx")
    for n in range(3):
        extra = _member(world["bora"].programme, f"Company {n}")
        svc.meeting_outcome_report(
            application=extra,
            user=extra.applicant,
            counterpart="Somebody",
            held_on=dt.date(2027, 6, 1),
            outcome="none",
        )

    with django_assert_max_num_queries(25):
        response = _export(client, slug, "xlsx")

    assert response.status_code == 200


def test_the_links_to_the_ministry_report_are_on_the_organiser_pages(
    client, world, organiser
):
    client.force_login(organiser)
    slug = world["bora"].programme.event.slug

    programme_page = client.get(reverse("delegation:organiser_programme", args=[slug]))
    dashboard = client.get(reverse("delegation:outcome_dashboard"))

    assert (
        f"/delegation/organise/{slug}/ministry.xlsx" in programme_page.content.decode()
    )
    assert "/delegation/organise/outcomes/ministry.xlsx" in dashboard.content.decode()


# API and privacy -----------------------------------------------------------------


def test_the_api_offers_the_company_s_meetings_and_refuses_another_s(client, world):
    bora = world["bora"]
    client.force_login(bora.applicant)
    base = f"/api/delegation/applications/{bora.pk}"

    meetings = client.get(f"{base}/meetings").json()
    refused = client.post(
        f"{base}/outcomes",
        {"meeting": world["theirs"].pk, "outcome": "cda"},
        content_type="application/json",
    )
    made = client.post(
        f"{base}/outcomes",
        {"meeting": world["ours"].pk, "outcome": "cda"},
        content_type="application/json",
    )
    trial = client.post(
        f"{base}/trials",
        {
            "sponsor": "Norbridge Pharma",
            "title": "ADC study",
            "phase": "2",
            "multi_regional": True,
            "korea_sites": 3,
            "outcome": made.json()["id"],
        },
        content_type="application/json",
    )

    assert {(m["kind"], m["id"]) for m in meetings} >= {
        ("partnering", world["ours"].pk)
    }
    assert world["theirs"].pk not in {
        m["id"] for m in meetings if m["kind"] == "partnering"
    }
    assert meetings[0]["starts_at"] == "2027-06-02T09:00:00-05:00"
    assert refused.status_code == 400
    assert "own meetings" in refused.json()["detail"]
    assert made.status_code == 201
    assert made.json()["starts_at"] == "2027-06-02T09:00:00-05:00"
    assert made.json()["counterpart"] == "Norbridge Pharma"
    assert trial.status_code == 201
    assert client.get(f"{base}/trials").json()[0]["korea_sites"] == 3
    other = client.get(f"/api/delegation/applications/{world['dami'].pk}/trials")
    assert other.status_code == 404
    assert client.delete(f"{base}/trials/{trial.json()['id']}").status_code == 204


def test_a_person_s_data_holds_the_outcomes_and_trials_they_reported(world):
    made = _outcomes_for(world)

    data = personal_data_export(user=world["bora"].applicant)

    reported = data["delegation_outcomes_reported"]
    assert made["cda"].pk in [o["id"] for o in reported]
    assert data["delegation_trials_reported"][0]["sponsor"] == "Lakeshore Cancer Center"
