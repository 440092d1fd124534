"""Organisation profiles: shared by the organisation's participants, used by
discovery, edited by its own contacts, seen by organisers."""

import pytest

from events.enums import OrganisationKind
from matchmaking import selectors, services
from matchmaking.enums import TagCategory
from matchmaking.models import OrganisationProfile
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import ParticipantFactory, TagFactory, colleague_of

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def tags(db):
    return {
        "oncology": TagFactory(
            category=TagCategory.AREA, slug="oncology", name_en="Oncology"
        ),
        "neuro": TagFactory(
            category=TagCategory.AREA, slug="neurology", name_en="Neurology"
        ),
        "phase-1": TagFactory(
            category=TagCategory.STAGE, slug="phase-1", name_en="Phase 1"
        ),
        "korea": TagFactory(category=TagCategory.REGION, slug="korea", name_en="Korea"),
    }


@pytest.fixture
def fund(event, tags):
    """An investor whose fund's focus is on its organisation's profile only."""
    fund = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    services.organisation_profile_update(
        organisation=fund.organisation,
        user=None,
        seeks=[tags["oncology"], tags["phase-1"]],
        ticket_size="5-20m",
    )
    return fund


@pytest.fixture
def onco_biotech(event, tags):
    """A biotech whose participant set nothing: all comes from its organisation."""
    biotech = ParticipantFactory(event=event, pitch_en="")
    services.organisation_profile_update(
        organisation=biotech.organisation,
        user=None,
        pitch_en="First-in-class ADC for gastric cancer.",
        pitch_ko="위암 대상 계열 내 최초 항체약물접합체.",
        offers=[tags["oncology"], tags["phase-1"]],
    )
    return biotech


def url(event, rest: str = "", lang: str = "en") -> str:
    return f"/{lang}/partnering/{event.slug}/{rest}"


def test_participant_shows_and_is_matched_on_the_organisations_profile(
    event, tags, fund, onco_biotech
):
    onco_biotech.offers.set([tags["korea"]])  # and one tag of their own
    ParticipantFactory(event=event, offers=[tags["neuro"]])  # no match
    (best,) = selectors.recommendation_list(viewer=fund)
    assert best.participant == onco_biotech
    assert best.explanation == (
        "both in Oncology; their stage (Phase 1) fits your fund's focus"
    )
    assert [t.slug for t in best.participant.profile_offers] == [
        "oncology",
        "korea",
        "phase-1",
    ]
    assert best.participant.profile_pitch == "First-in-class ADC for gastric cancer."


def test_colleagues_of_an_organisation_all_inherit_its_profile(event, onco_biotech):
    colleague = colleague_of(onco_biotech)
    found = selectors.participant_list_visible(viewer=None, event=event)
    offers = {p.pk: [t.slug for t in p.profile_offers] for p in found}
    assert offers[colleague.pk] == offers[onco_biotech.pk] == ["oncology", "phase-1"]


def test_search_tags_and_facets_use_the_organisations_profile(
    event, tags, fund, onco_biotech
):
    other = ParticipantFactory(event=event, offers=[tags["neuro"]])
    search = selectors.participant_list_visible
    assert list(search(viewer=fund, q="gastric")) == [onco_biotech]
    assert list(search(viewer=fund, q="위암")) == [onco_biotech]
    assert list(search(viewer=fund, tags=["area:oncology"])) == [onco_biotech]
    assert list(search(viewer=fund, tags=["area:neurology"])) == [other]
    facets = selectors.directory_facets(profiles=search(viewer=fund))
    assert {t.slug: t.n for t in facets["tags"]["area"]} == {
        "oncology": 1,
        "neurology": 1,
    }
    assert {t.slug: t.n for t in facets["tags"]["stage"]} == {"phase-1": 1}


def test_only_the_organisations_participants_may_edit_its_profile(
    event, tags, onco_biotech, fund
):
    org = onco_biotech.organisation
    outsider = fund.user  # takes part, but for another organisation
    with pytest.raises(services.PartneringError) as refused:
        services.organisation_profile_update(
            organisation=org, user=outsider, event=event, pitch_en="Hijacked"
        )
    assert refused.value.status == 403
    not_taking_part = UserFactory(organisation=org)  # same company, not registered
    with pytest.raises(services.PartneringError):
        services.organisation_profile_update(
            organisation=org, user=not_taking_part, event=event, pitch_en="No"
        )
    colleague = colleague_of(onco_biotech)
    services.organisation_profile_update(
        organisation=org, user=colleague.user, event=event, pitch_en="Updated"
    )
    profile = OrganisationProfile.objects.get(organisation=org)
    assert (profile.pitch_en, profile.updated_by) == ("Updated", colleague.user)
    assert [t.slug for t in profile.offers.all()] == ["oncology", "phase-1"]  # kept


def test_contact_edits_the_organisation_profile_on_its_page(
    client, event, tags, onco_biotech
):
    client.force_login(onco_biotech.user)
    page = client.get(url(event, "organisation/")).content.decode()
    assert "First-in-class ADC for gastric cancer." in page
    response = client.post(
        url(event, "organisation/"),
        {
            "pitch_en": "Bispecific antibodies.",
            "pitch_ko": "이중항체.",
            "offers": [tags["neuro"].pk],
            "ticket_size": "",
        },
    )
    org = onco_biotech.organisation
    assert response["Location"] == url(event, f"organisations/{org.pk}/")
    profile = OrganisationProfile.objects.get(organisation=org)
    assert [t.slug for t in profile.offers.all()] == ["neurology"]
    korean = client.get(url(event, f"organisations/{org.pk}/", "ko")).content.decode()
    assert "이중항체." in korean
    assert f'href="{url(event, "organisation/", "ko")}"' in korean


def test_others_and_organisers_see_the_organisation_page_but_cannot_edit(
    client, event, organiser, fund, onco_biotech
):
    org = onco_biotech.organisation
    client.force_login(fund.user)
    page = client.get(url(event, f"organisations/{org.pk}/")).content.decode()
    assert "First-in-class ADC for gastric cancer." in page
    assert str(onco_biotech.user) in page
    assert "Edit our organisation" not in page
    profile_page = client.get(url(event, f"people/{onco_biotech.pk}/")).content
    assert "First-in-class ADC for gastric cancer." in profile_page.decode()
    # an investor may not deal with another investor: that page is not there
    rival = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    other = f"organisations/{rival.organisation.pk}/"
    assert client.get(url(event, other)).status_code == 404
    client.force_login(organiser)
    for rest in (f"organisations/{org.pk}/", other):
        assert client.get(url(event, rest)).status_code == 200


def test_api_reads_and_writes_the_callers_organisation_profile(
    client, event, tags, fund, onco_biotech
):
    api = f"/api/partnering/{event.slug}"
    client.force_login(onco_biotech.user)
    put = client.put(
        f"{api}/organisation",
        {
            "pitch_en": "Radioligands.",
            "pitch_ko": "방사성리간드.",
            "offers": ["area:oncology", "region:korea"],
            "seeks": [],
            "investment_focus_en": "",
            "ticket_size": None,
        },
        content_type="application/json",
    )
    assert put.status_code == 200
    body = put.json()
    assert (body["id"], body["profile"]["pitch_en"]) == (
        onco_biotech.organisation.pk,
        "Radioligands.",
    )
    assert [t["slug"] for t in body["profile"]["offers"]] == ["oncology", "korea"]
    client.force_login(fund.user)
    listed = client.get(f"{api}/organisations").json()["items"]
    assert [o["id"] for o in listed] == [
        o.pk
        for o in sorted(
            [fund.organisation, onco_biotech.organisation], key=lambda o: o.name
        )
    ]
    detail = client.get(f"{api}/organisations/{onco_biotech.organisation.pk}").json()
    assert [p["id"] for p in detail["people"]] == [onco_biotech.pk]
    person = client.get(f"{api}/participants/{onco_biotech.pk}").json()
    assert person["organisation_profile"]["pitch_en"] == "Radioligands."
    assert [t["slug"] for t in person["offers"]] == ["oncology", "korea"]
    me = client.get(f"{api}/me").json()
    assert [t["slug"] for t in me["seeks"]] == ["oncology", "phase-1"]
    assert me["own_seeks"] == []
    assert me["ticket_size"] == "5-20m"


def test_api_refuses_edits_by_someone_not_taking_part(client, event, onco_biotech):
    api = f"/api/partnering/{event.slug}"
    client.force_login(UserFactory(organisation=onco_biotech.organisation))
    response = client.put(
        f"{api}/organisation", {"pitch_en": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert OrganisationProfile.objects.get().pitch_en.startswith("First-in-class")


@pytest.mark.parametrize("count", [1, 3])
def test_discovery_with_organisation_profiles_queries_do_not_grow(
    client, event, tags, fund, count, django_assert_max_num_queries
):
    for _ in range(count):
        biotech = ParticipantFactory(event=event, offers=[tags["korea"]])
        services.organisation_profile_update(
            organisation=biotech.organisation,
            user=None,
            offers=[tags["oncology"]],
            seeks=[tags["phase-1"]],
        )
    with django_assert_max_num_queries(6):
        profiles = list(selectors.participant_list_visible(viewer=fund))
        assert all(len(p.profile_offers) == 2 for p in profiles)
    with django_assert_max_num_queries(12):
        assert len(selectors.recommendation_list(viewer=fund)) == count
    with django_assert_max_num_queries(4):
        orgs = list(selectors.organisation_list_visible(viewer=fund))
        assert [list(o.partnering_profile.offers.all()) for o in orgs]
    client.force_login(fund.user)
    # 38 with the header's account menu and event navigation (a query each).
    with django_assert_max_num_queries(38):
        assert client.get(url(event)).status_code == 200


def test_organisers_dashboard_counts_and_lists_organisation_profiles(
    client, event, organiser, fund, onco_biotech
):
    ParticipantFactory(event=event)  # an organisation without a profile
    client.force_login(organiser)
    page = client.get(url(event, "organiser/")).content.decode()
    assert "2 of 3 organisations taking part have a partnering profile." in page
    assert str(onco_biotech.organisation) in page
    assert "No profile yet" in page


def test_my_profile_page_shows_the_organisations_profile_to_edit(
    client, event, onco_biotech
):
    client.force_login(onco_biotech.user)
    page = client.get(url(event, "me/")).content.decode()
    assert "First-in-class ADC for gastric cancer." in page
    assert f'href="{url(event, "organisation/")}"' in page
