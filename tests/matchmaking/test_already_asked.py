"""A profile already asked shows that request instead of a second form; a
crafted second request is refused with a message, never a duplicate or a 500."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from matchmaking import services
from matchmaking.enums import RequestStatus
from matchmaking.models import MeetingRequest
from tests.factories.matchmaking import MeetingRequestFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _profile(event, participant) -> str:
    return f"/en/partnering/{event.slug}/people/{participant.pk}/"


def _asked_on(request, day: dt.datetime) -> None:
    MeetingRequest.objects.filter(pk=request.pk).update(created_at=day)


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (RequestStatus.PENDING, "pending"),
        (RequestStatus.ACCEPTED, "accepted"),
        (RequestStatus.DECLINED, "declined"),
    ],
)
def test_the_profile_says_when_you_asked_instead_of_a_second_form(
    client, event, investor, biotech, status, shown
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech, status=status)
    _asked_on(request, dt.datetime(2027, 2, 1, 1, 0, tzinfo=dt.UTC))
    client.force_login(investor.user)

    page = client.get(_profile(event, biotech)).content.decode()

    assert f"You already asked on 1 Feb 2027 — {shown}." in page
    assert f'href="/en/partnering/{event.slug}/requests/">My requests</a>' in page
    assert "request-form" not in page


def test_the_profile_of_someone_who_asked_you_says_so_in_korean(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(sender=biotech, recipient=investor)
    _asked_on(request, dt.datetime(2027, 2, 1, 1, 0, tzinfo=dt.UTC))
    client.force_login(investor.user)

    page = client.get(f"/ko/partnering/{event.slug}/people/{biotech.pk}/")

    assert "2027년 2월 1일" in page.content.decode()
    assert "request-form" not in page.content.decode()


def test_a_crafted_second_request_gets_a_message_not_a_duplicate(
    client, event, investor, biotech
):
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    _asked_on(request, dt.datetime(2027, 2, 1, 1, 0, tzinfo=dt.UTC))
    client.force_login(investor.user)

    response = client.post(
        _profile(event, biotech), {"message": "Again?", "priority": 2}
    )

    assert response.status_code == 200
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "You already asked on 1 Feb 2027: the request is pending."
    ]
    assert MeetingRequest.objects.count() == 1


def test_a_declined_request_is_not_sent_again_but_a_cancelled_one_may_be(
    event, investor, biotech
):
    MeetingRequestFactory(
        sender=investor, recipient=biotech, status=RequestStatus.CANCELLED
    )
    again = services.meeting_request_send(sender=investor, recipient=biotech)
    services.meeting_request_decline(request=again, user=biotech.user)

    with pytest.raises(services.PartneringError) as refused:
        services.meeting_request_send(sender=investor, recipient=biotech)

    assert str(refused.value).endswith(": the request is declined.")
    assert MeetingRequest.objects.count() == 2


@pytest.mark.parametrize("count", [1, 3])
def test_the_profile_page_queries_do_not_grow_with_requests(
    client, event, investor, biotech, count, django_assert_max_num_queries
):
    for _ in range(count):
        MeetingRequestFactory(
            sender=investor, recipient=biotech, status=RequestStatus.CANCELLED
        )
    MeetingRequestFactory(sender=investor, recipient=biotech)
    client.force_login(investor.user)

    # 18 for the page; 2 for the header (partnering links, event navigation).
    with django_assert_max_num_queries(20):
        page = client.get(_profile(event, biotech)).content.decode()

    assert "You already asked on" in page
