import pytest
from django.urls import reverse

from events.enums import OrganisationKind
from matchmaking import selectors, services
from matchmaking.enums import TagCategory
from registration.enums import RegistrationStatus
from registration.services import registration_upsert
from tests.factories.accounts import UserFactory
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    TagFactory,
    accepted_meeting,
    partnering_event,
)

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
        "clinops": TagFactory(
            category=TagCategory.SERVICE, slug="clinops", name_en="Clinical operations"
        ),
    }


@pytest.fixture
def fund(event, tags):
    return ParticipantFactory(
        event=event,
        kind=OrganisationKind.INVESTOR,
        seeks=[tags["oncology"], tags["phase-1"]],
    )


def test_recommendation_explains_the_match_in_words(event, tags, fund):
    good = ParticipantFactory(event=event, offers=[tags["oncology"], tags["phase-1"]])
    ParticipantFactory(event=event, offers=[tags["neuro"]])  # no match: not proposed
    (best,) = selectors.recommendation_list(viewer=fund)
    assert best.participant == good
    assert best.score == 5
    assert best.explanation == (
        "both in Oncology; their stage (Phase 1) fits your fund's focus"
    )


def test_recommendations_never_propose_someone_met_or_declined(event, tags, fund):
    met, declined, fresh = (
        ParticipantFactory(event=event, offers=[tags["oncology"]]) for _ in range(3)
    )
    accepted_meeting(fund, met)
    refused = MeetingRequestFactory(sender=fund, recipient=declined)
    services.meeting_request_decline(request=refused, user=declined.user)
    found = [r.participant for r in selectors.recommendation_list(viewer=fund)]
    assert found == [fresh]


def test_recommendations_skip_kinds_the_viewer_may_not_request(event, tags, fund):
    ParticipantFactory(
        event=event, kind=OrganisationKind.INVESTOR, offers=[tags["oncology"]]
    )
    assert selectors.recommendation_list(viewer=fund) == []


def test_directory_shows_only_kinds_the_viewer_deals_with(event, fund):
    biotech = ParticipantFactory(event=event)
    ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    ParticipantFactory(event=event, kind=OrganisationKind.REGULATOR)
    inactive = ParticipantFactory(event=event)
    services.participant_leave(participant=inactive)
    assert list(selectors.participant_list_visible(viewer=fund)) == [biotech]
    everyone = selectors.participant_list_visible(viewer=None, event=event)
    assert everyone.count() == 4


def test_search_by_text_and_tag_with_facet_counts(event, tags, fund):
    onco = ParticipantFactory(
        event=event, offers=[tags["oncology"]], pitch_en="First-in-class ADC"
    )
    ParticipantFactory(event=event, offers=[tags["neuro"]], pitch_en="Brain shuttle")
    assert list(selectors.participant_list_visible(viewer=fund, q="adc")) == [onco]
    tagged = selectors.participant_list_visible(viewer=fund, tags=["area:oncology"])
    assert list(tagged) == [onco]
    facets = selectors.directory_facets(
        profiles=selectors.participant_list_visible(viewer=fund)
    )
    assert {t.slug: t.n for t in facets["tags"]["area"]} == {
        "oncology": 1,
        "neurology": 1,
    }
    assert facets["kinds"] == {"biotech": 2}


@pytest.mark.parametrize("count", [1, 3])
def test_directory_and_recommendations_queries_do_not_grow(
    event, tags, fund, count, django_assert_max_num_queries
):
    for _ in range(count):
        ParticipantFactory(event=event, offers=[tags["oncology"], tags["clinops"]])
    with django_assert_max_num_queries(4):
        profiles = list(selectors.participant_list_visible(viewer=fund))
        assert [list(p.offers.all()) for p in profiles]
    with django_assert_max_num_queries(9):
        assert len(selectors.recommendation_list(viewer=fund)) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_requests_and_meetings_queries_do_not_grow(
    event, fund, count, django_assert_max_num_queries
):
    for _ in range(count):
        accepted_meeting(fund, ParticipantFactory(event=event))
    with django_assert_max_num_queries(1):
        rows = list(selectors.request_list_for(participant=fund))
        assert [r.sender.organisation.name for r in rows]
    with django_assert_max_num_queries(3):
        meetings = list(selectors.meeting_list_for(participant=fund))
        assert [str(p.organisation) for m in meetings for p in m.participants.all()]


def test_directory_pages_keep_the_search_and_filters(client, event, tags, fund):
    for _ in range(31):  # a page holds 30
        ParticipantFactory(event=event, offers=[tags["oncology"]])
    client.force_login(fund.user)
    query = "?q=&kind=biotech&tag=area%3Aoncology"

    first = client.get(f"/en/partnering/{event.slug}/{query}").content.decode()
    second = client.get(f"/en/partnering/{event.slug}/{query}&page=2").content.decode()

    assert "31 profiles" in first
    assert (
        '<a href="?q=&amp;kind=biotech&amp;tag=area%3Aoncology&amp;page=2">Next</a>'
    ) in first
    assert (
        '<a href="?q=&amp;kind=biotech&amp;tag=area%3Aoncology&amp;page=1">Previous</a>'
    ) in second


def test_the_directory_tells_a_newcomer_what_comes_before_taking_part(client, db):
    """Not registered: register first. Registered but unpaid: once confirmed,
    with the order. Confirmed: the profile form."""
    event = partnering_event().event
    user = UserFactory()
    client.force_login(user)
    url = reverse("matchmaking:directory", args=[event.slug])

    assert reverse("registration:register", args=[event.slug]) in _html(client, url)
    registration_upsert(event=event, user=user, status=RegistrationStatus.PENDING)
    assert "once your registration is confirmed" in _html(client, url)
    registration_upsert(event=event, user=user)
    assert reverse("matchmaking:my_profile", args=[event.slug]) in _html(client, url)


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_someone_whose_kind_meets_nobody_is_told_why_the_directory_is_empty(client):
    """Investors, CROs and pharma meet biotechs here; someone from a university
    sees no one, and is told why."""
    event = partnering_event().event
    ParticipantFactory(event=event)  # a biotech
    academic = ParticipantFactory(event=event, kind=OrganisationKind.ACADEMIA)
    investor = ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)
    url = reverse("matchmaking:directory", args=[event.slug])

    client.force_login(academic.user)
    assert "You see no one here" in _html(client, url)
    client.force_login(investor.user)
    assert "You see no one here" not in _html(client, url)
