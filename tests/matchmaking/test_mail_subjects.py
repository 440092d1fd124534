"""Each partnering e-mail's subject says what happened, in the recipient's language;
the schedule e-mail lists each meeting with its local time, table and counterpart."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext, ngettext

from events.enums import OrganisationKind
from matchmaking import services
from matchmaking.models.releases import when_text
from tests.factories.matchmaking import (
    MeetingRequestFactory,
    ParticipantFactory,
    accepted_meeting,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _speaks(participant, language: str) -> None:
    participant.user.language = language
    participant.user.save(update_fields=["language"])


def _korean(msgid: str, event, org=None, **values) -> str:
    """The Korean subject as the catalogue writes it (English until translated),
    with the event's and organisation's Korean names."""
    with translation.override("ko"):
        values["event"] = event.name
        if org is not None:
            values["who"] = str(org)
        return gettext(msgid) % values


@pytest.fixture
def other(event):
    return ParticipantFactory(event=event, kind=OrganisationKind.BIOTECH)


def _act(action: str, investor, biotech, organiser):
    """Do `action`; return (recipient, acting participant's organisation)."""
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    mail.outbox.clear()
    if action == "received":
        request.delete()
        services.meeting_request_send(sender=investor, recipient=biotech)
        return biotech, investor
    if action == "accepted":
        services.meeting_request_accept(request=request, user=biotech.user)
    elif action == "declined":
        services.meeting_request_decline(request=request, user=biotech.user)
    elif action == "cancelled":
        services.meeting_request_accept(request=request, user=biotech.user)
        mail.outbox.clear()
        services.meeting_request_cancel(request=request, user=biotech.user)
    return investor, biotech


SUBJECTS = {
    "received": "%(event)s: %(who)s asks to meet you",
    "accepted": "%(event)s: your meeting with %(who)s is accepted",
    "declined": "%(event)s: %(who)s declined your meeting request",
    "cancelled": "%(event)s: your meeting with %(who)s is cancelled",
}


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("action", list(SUBJECTS))
def test_each_request_mail_says_what_happened_in_the_recipients_language(
    event, investor, biotech, organiser, committed, action, language
):
    _speaks(investor, language)
    _speaks(biotech, language)
    with translation.override("en"), committed():
        recipient, actor = _act(action, investor, biotech, organiser)

    *_earlier, message = mail.outbox  # a cancellation follows its acceptance
    english = SUBJECTS[action] % {"event": event.name, "who": actor.organisation}

    assert message.to == [recipient.user.email]
    if language == "en":
        assert message.subject == english
    else:
        assert message.subject == _korean(
            SUBJECTS[action], event, org=actor.organisation
        )


def test_the_english_subjects_read_as_sentences(
    event, investor, biotech, organiser, committed
):
    with committed():
        _act("received", investor, biotech, organiser)
    (message,) = mail.outbox

    assert message.subject == (
        f"{event.name}: {investor.organisation} asks to meet you"
    )


def test_a_proposed_time_is_in_the_subject_on_the_events_clock_in_korean(
    event, investor, biotech, committed
):
    _speaks(investor, "ko")
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    slot = event.meeting_slots.order_by("start").last()
    with committed():
        services.meeting_request_propose(request=request, user=biotech.user, slot=slot)
    (message,) = mail.outbox
    with translation.override("ko"):
        when = when_text(slot.start.isoformat(), event)

    assert when == "3월 16일 (화) 10:30 KST"
    assert message.subject == _korean(
        "%(event)s: %(who)s proposes to meet at %(slot)s",
        event,
        org=biotech.organisation,
        slot=when,
    )


def test_a_person_without_an_organisation_is_named_in_korean_order(
    event, investor, biotech, committed
):
    _speaks(investor, "ko")
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    biotech.user.organisation = None
    biotech.user.save(update_fields=["organisation"])
    with committed():
        services.meeting_request_accept(request=request, user=biotech.user)
    (message,) = mail.outbox

    assert biotech.user.name_ko in message.subject


def test_the_schedule_mail_counts_and_lists_each_meeting_with_time_table_and_whom(
    event, investor, biotech, other, organiser, committed
):
    _speaks(other, "ko")
    first, second = (
        accepted_meeting(investor, biotech),
        accepted_meeting(investor, other),
    )
    run = services.schedule_run(event=event, time_limit=5)
    mail.outbox.clear()
    with committed():
        services.schedule_publish(run=run, user=organiser)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    english = by_recipient[investor.user.email]
    korean = by_recipient[other.user.email]
    first.refresh_from_db()
    second.refresh_from_db()
    lines = [
        f"- Your meeting with {p.user.get_full_name()} ({p.organisation}) is on "
        f"{when_text(m.slot.start.isoformat(), event)} at Table {m.table.number}."
        for m, p in sorted(
            [(first, biotech), (second, other)], key=lambda pair: pair[0].slot.start
        )
    ]

    assert english.subject == f"{event.name}: your partnering schedule, 2 meetings"
    assert "\n".join(lines) in english.body
    assert " KST at Table " in english.body
    with translation.override("ko"):
        one = ngettext(
            "%(event)s: your partnering schedule, %(n)s meeting",
            "%(event)s: your partnering schedule, %(n)s meetings",
            1,
        )
        assert korean.subject == one % {"event": event.name, "n": 1}
        org = str(investor.organisation)
        when = when_text(second.slot.start.isoformat(), event)
    assert f"- {investor.user.name_ko} ({org})" in korean.body  # Korean order
    assert f"{when}, 테이블 {second.table.number}" in korean.body
