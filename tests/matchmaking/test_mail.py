"""Partnering e-mails are written in the recipient's language, not the sender's."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from matchmaking import services
from tests.factories.matchmaking import MeetingRequestFactory, accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _speaks(participant, language: str) -> None:
    participant.user.language = language
    participant.user.save(update_fields=["language"])


def _link(body: str) -> str:
    return next(w for w in body.split() if w.startswith(settings.SITE_URL + "/"))


def test_korean_recipient_gets_korean_mail_for_an_english_senders_request(
    event, investor, biotech, committed
):
    _speaks(biotech, "ko")
    with translation.override("en"), committed():  # the sender's page is English
        services.meeting_request_send(
            sender=investor, recipient=biotech, message="Shall we meet?"
        )
    (message,) = mail.outbox
    assert message.to == [biotech.user.email]
    assert "님이 미팅을 요청했습니다." in message.body
    assert f"{investor.user.name_ko} (" in message.body  # the Korean name
    assert "Shall we meet?" in message.body  # their own words, as written
    assert _link(message.body).startswith(f"{settings.SITE_URL}/ko/partnering/")


def test_english_recipient_gets_english_mail_when_the_sender_uses_korean(
    client, event, investor, biotech, committed
):
    _speaks(investor, "en")
    _speaks(biotech, "ko")
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    client.force_login(biotech.user)
    with committed():  # the biotech accepts on the Korean page
        client.post(f"/ko/partnering/{event.slug}/requests/{request.pk}/accept/")
    (message,) = mail.outbox
    assert message.to == [investor.user.email]
    assert f"{biotech.user.get_full_name()} accepted your meeting request." in (
        message.body
    )
    assert not HANGUL.search(message.body)
    assert _link(message.body).startswith(f"{settings.SITE_URL}/en/partnering/")


@pytest.mark.parametrize(
    ("action", "korean"),
    [
        ("decline", "님이 미팅 요청을 거절했습니다."),
        ("cancel", "님이 미팅을 취소했습니다."),
    ],
)
def test_declines_and_cancellations_reach_each_side_in_their_language(
    event, investor, biotech, committed, action, korean
):
    _speaks(investor, "ko")
    request = MeetingRequestFactory(sender=investor, recipient=biotech)
    if action == "cancel":
        services.meeting_request_accept(request=request, user=biotech.user)
        mail.outbox.clear()
    change = {
        "decline": services.meeting_request_decline,
        "cancel": services.meeting_request_cancel,
    }[action]
    with translation.override("en"), committed():
        change(request=request, user=biotech.user)
    (message,) = mail.outbox
    assert message.to == [investor.user.email]
    assert korean in message.body


def test_published_and_moved_schedule_mails_follow_each_recipients_language(
    event, organiser, investor, biotech, committed
):
    _speaks(biotech, "ko")
    meeting = accepted_meeting(investor, biotech)
    run = services.schedule_run(event=event, time_limit=5)
    mail.outbox.clear()
    with translation.override("en"), committed():  # the organiser works in English
        services.schedule_publish(run=run, user=organiser)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {investor.user.email, biotech.user.email}
    english, korean = (by_recipient[p.user.email].body for p in (investor, biotech))
    assert "is published." in english
    assert not HANGUL.search(english)
    assert _link(english).startswith(f"{settings.SITE_URL}/en/partnering/")
    # no Korean text for "is published" yet: the mail was rendered in Korean all
    # the same, as its link (made while rendering) shows
    assert _link(korean).startswith(f"{settings.SITE_URL}/ko/partnering/")
    # a later run puts the meeting elsewhere: both are told it changed
    meeting.refresh_from_db()
    target = event.meeting_slots.exclude(pk=meeting.slot_id).first()
    run2 = services.schedule_run(event=event, time_limit=5)
    run2.solution["assignments"] = [
        {"meeting": f"m{meeting.pk}", "slot": f"s{target.pk}", "table": "T1"}
    ]
    run2.save()
    mail.outbox.clear()
    with translation.override("en"), committed():
        services.schedule_publish(run=run2, user=organiser)
    korean = next(m.body for m in mail.outbox if m.to == [biotech.user.email])
    assert "파트너링 일정이 변경되었습니다." in korean
