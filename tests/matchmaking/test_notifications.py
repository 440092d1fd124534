"""In-app notifications: unread until read; only their owner sees or marks them."""

import pytest

from matchmaking import services
from matchmaking.enums import NotificationKind
from matchmaking.models import Notification
from tests.factories.matchmaking import MeetingRequestFactory, ParticipantFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def url(event, rest: str = "", lang: str = "en") -> str:
    return f"/{lang}/partnering/{event.slug}/{rest}"


def api(event, rest: str = "") -> str:
    return f"/api/partnering/{event.slug}/notifications{rest}"


def _requests_to(recipient, count: int) -> list[Notification]:
    """`count` meeting requests to `recipient`, each leaving a notification."""
    for _ in range(count):
        sender = ParticipantFactory(event=recipient.event, kind="investor")
        services.meeting_request_send(sender=sender, recipient=recipient)
    return list(Notification.objects.filter(user=recipient.user))


def test_a_request_leaves_an_unread_notification_counted_in_the_nav(
    client, event, investor, biotech
):
    services.meeting_request_send(sender=investor, recipient=biotech)
    note = Notification.objects.get(user=biotech.user)
    assert (note.kind, note.actor, note.is_unread) == (
        NotificationKind.REQUEST_RECEIVED,
        investor.user,
        True,
    )
    client.force_login(biotech.user)
    page = client.get(url(event)).content.decode()
    assert 'Notifications <span class="badge unread-count"' in page
    listing = client.get(url(event, "notifications/")).content.decode()
    assert f"{investor.user} ({investor.organisation}) asks to meet you." in listing
    assert 'class="notification unread"' in listing


def test_mark_one_read_then_all_read_on_the_page(client, event, biotech):
    first, second, third = _requests_to(biotech, 3)
    client.force_login(biotech.user)
    client.post(url(event, f"notifications/{second.pk}/read/"))
    unread = Notification.objects.filter(read_at__isnull=True)
    assert set(unread.values_list("pk", flat=True)) == {first.pk, third.pk}
    second.refresh_from_db()
    read_at = second.read_at
    client.post(url(event, f"notifications/{second.pk}/read/"))  # again: unchanged
    second.refresh_from_db()
    assert second.read_at == read_at
    page = client.get(url(event, "notifications/?show=unread")).content.decode()
    assert 'data-unread="2"' in page
    assert f'data-notification="{second.pk}"' not in page
    client.post(url(event, "notifications/read-all/"))
    assert not unread.exists()
    page = client.get(url(event, "notifications/")).content.decode()
    assert 'data-unread="0"' in page
    assert 'class="badge unread-count"' not in page


def test_opening_a_notification_marks_it_read_and_follows_its_link(
    client, event, investor, biotech
):
    services.meeting_request_send(sender=investor, recipient=biotech)
    note = Notification.objects.get()
    client.force_login(biotech.user)
    response = client.get(url(event, f"notifications/{note.pk}/", "ko"))
    assert response["Location"] == url(event, "requests/", "ko")
    note.refresh_from_db()
    assert note.read_at is not None


def test_anothers_notification_is_not_found_and_stays_unread(
    client, event, investor, biotech
):
    services.meeting_request_send(sender=investor, recipient=biotech)
    note = Notification.objects.get()
    client.force_login(investor.user)
    assert client.post(url(event, f"notifications/{note.pk}/read/")).status_code == 404
    assert client.get(url(event, f"notifications/{note.pk}/")).status_code == 404
    assert client.post(api(event, f"/{note.pk}/read")).status_code == 404
    client.post(url(event, "notifications/read-all/"))  # marks only the caller's
    assert client.get(api(event)).json() == {"items": [], "count": 0}
    note.refresh_from_db()
    assert note.read_at is None


def test_api_lists_counts_and_marks_notifications(client, event, biotech):
    first, second = _requests_to(biotech, 2)
    client.force_login(biotech.user)
    assert client.get(api(event, "/unread-count")).json() == {"unread": 2}
    read = client.post(api(event, f"/{first.pk}/read")).json()
    assert (read["id"], read["unread"], read["kind"]) == (
        first.pk,
        False,
        "request_received",
    )
    assert read["url"] == url(event, "requests/")
    unread = client.get(api(event, "?unread=true")).json()
    assert [n["id"] for n in unread["items"]] == [second.pk]
    assert unread["items"][0]["text"].endswith("asks to meet you.")
    assert client.post(api(event, "/read-all")).json() == {"marked": 1}
    assert client.get(api(event, "/unread-count")).json() == {"unread": 0}
    assert client.get(api(event, "?unread=false")).json()["count"] == 2


def test_text_is_in_the_readers_language_on_each_page(client, event, biotech):
    (note,) = _requests_to(biotech, 1)
    client.force_login(biotech.user)
    sender = note.actor
    english = client.get(url(event, "notifications/")).content.decode()
    korean = client.get(url(event, "notifications/", "ko")).content.decode()
    assert f"{sender.get_full_name()} (" in english
    assert "asks to meet you." in english
    assert f"{sender.name_ko} (" in korean
    assert "님이 미팅을 요청했습니다." in korean


@pytest.mark.parametrize("count", [1, 3])
def test_notification_lists_queries_do_not_grow(
    client, event, biotech, count, django_assert_max_num_queries
):
    _requests_to(biotech, count)
    MeetingRequestFactory(recipient=biotech)  # no notification: not counted
    client.force_login(biotech.user)
    # 18: the header's account menu (partnering links, one query) and the event's
    # navigation (one query) included.
    with django_assert_max_num_queries(18):
        page = client.get(url(event, "notifications/")).content.decode()
    assert page.count('class="notification unread"') == count
    with django_assert_max_num_queries(8):
        body = client.get(api(event)).json()
    assert body["count"] == count
