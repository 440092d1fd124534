"""Adding a session to My agenda returns to where it was clicked, says so, and
warns of a clash with another session or a partnering meeting on the agenda."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from calendars import selectors
from calendars import services as calendar_services
from events.enums import OrganisationKind
from tests.factories.events import SessionFactory
from tests.factories.matchmaking import (
    ParticipantFactory,
    accepted_meeting,
    partnering_event,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def event():
    return partnering_event(slots=4, tables=2).event


@pytest.fixture
def me(event):
    return ParticipantFactory(event=event, kind=OrganisationKind.INVESTOR)


def _messages(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def _add(client, session, page="/en/kic/agenda/session/1/"):
    return client.post(f"/en/me/agenda/{session.pk}/", {"next": page})


def test_adding_returns_to_the_sessions_anchor_with_a_message(client, event, me):
    session = SessionFactory(event=event, title_en="Opening")
    client.force_login(me.user)

    response = _add(client, session)

    assert response["Location"] == f"/en/kic/agenda/session/1/#session-{session.pk}"
    assert _messages(response) == [("success", "Added to My agenda.")]


def test_a_clash_with_another_session_on_my_agenda_is_named_with_its_time(
    client, event, me
):
    slot = event.meeting_slots.order_by("start").first()  # 09:00–09:30 KST
    keynote = SessionFactory(
        event=event, title_en="Keynote", start=slot.start, end=slot.end
    )
    calendar_services.bookmark_add(user=me.user, session=keynote)
    panel = SessionFactory(
        event=event,
        title_en="Panel",
        start=slot.start + dt.timedelta(minutes=15),
        end=slot.end + dt.timedelta(minutes=15),
    )
    client.force_login(me.user)

    response = _add(client, panel)

    assert _messages(response) == [
        ("success", "Added to My agenda."),
        ("warning", "It overlaps “Keynote”, Tue 16 Mar 09:00–09:30 KST."),
    ]


def test_a_clash_with_a_partnering_meeting_names_the_counterpart(client, event, me):
    other = ParticipantFactory(event=event)
    meeting = accepted_meeting(me, other)
    slot = event.meeting_slots.order_by("start").last()  # 10:30–11:00 KST
    meeting.slot, meeting.table = slot, event.meeting_tables.first()
    meeting.save()
    talk = SessionFactory(event=event, title_en="Talk", start=slot.start, end=slot.end)
    client.force_login(me.user)

    response = _add(client, talk)

    name = f"{other.user.get_full_name()} ({other.organisation})"
    assert _messages(response)[1] == (
        "warning",
        f"It overlaps “Meeting: {name}”, Tue 16 Mar 10:30–11:00 KST.",
    )


def test_sessions_at_other_times_and_removed_ones_do_not_clash(event, me):
    slot = event.meeting_slots.order_by("start").first()
    before = SessionFactory(event=event, start=slot.start - dt.timedelta(hours=1))
    removed = SessionFactory(event=event, start=slot.start, end=slot.end)
    session = SessionFactory(event=event, start=slot.start, end=slot.end)
    for s in (before, removed, session):
        calendar_services.bookmark_add(user=me.user, session=s)
    calendar_services.bookmark_remove(user=me.user, session=removed)

    assert selectors.agenda_clashes(user=me.user, session=session) == []


@pytest.mark.parametrize("count", [1, 3])
def test_clash_queries_do_not_grow(event, me, count, django_assert_num_queries):
    slot = event.meeting_slots.order_by("start").first()
    session = SessionFactory(event=event, start=slot.start, end=slot.end)
    for _ in range(count):
        other = SessionFactory(event=event, start=slot.start, end=slot.end)
        calendar_services.bookmark_add(user=me.user, session=other)

    with django_assert_num_queries(2):
        clashes = selectors.agenda_clashes(user=me.user, session=session)

    assert len(clashes) == count
