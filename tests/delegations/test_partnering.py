"""Pre-arranged meetings of a delegation, end to end: a pharma company asks, the
delegate accepts, the partnering scheduler places the meeting around the
delegate's booth shift, the organiser publishes, and the meeting shows on the
delegate's itinerary and in their handbook in Chicago and Korea time."""

import datetime as dt
import io

import pypdfium2
import pytest
from django.urls import reverse

from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.services import itinerary
from events.enums import SessionKind
from matchmaking import services
from matchmaking.enums import RunStatus
from matchmaking.models import Meeting
from tests.factories.delegations import ApplicationFactory
from tests.factories.matchmaking import ParticipantFactory, PartneringSetupFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CHICAGO_0900 = dt.datetime(2027, 6, 2, 14, tzinfo=dt.UTC)  # 09:00 CDT, 23:00 KST


def _delegate(programme):
    """An accepted company confirms; its delegate holds a delegation registration."""
    application = ApplicationFactory(programme=programme, status=S.ACCEPTED)
    ceo = application.applicant
    svc.application_confirm(
        application=application,
        user=ceo,
        delegates=[
            svc.DelegateIn(
                email=ceo.email,
                first_name="Jiwoo",
                last_name="Han",
                role="business",
            )
        ],
    )
    return application.delegates.get()


def _partnering(event):
    """Meeting rooms open 09:00-10:00 on 2 June, two half-hour slots, one table."""
    PartneringSetupFactory(
        event=event, allowed_pairs=[["pharma", "biotech"], ["biotech", "pharma"]]
    )
    services.block_upsert(
        event=event,
        date=dt.date(2027, 6, 2),
        start_time=dt.time(9),
        end_time=dt.time(10),
        label="Korea Pavilion meeting rooms",
    )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=1)


def test_a_pharma_meeting_is_scheduled_around_the_shift_and_on_the_itinerary(
    client, programme, organiser
):
    event = programme.event
    _partnering(event)
    delegate = _delegate(programme)
    mine = services.participant_join(registration=delegate.registration)
    pharma = ParticipantFactory(event=event, kind="pharma")
    itinerary.itinerary_item_save(
        programme=programme,
        actor=organiser,
        delegates=[delegate],
        title_en="Korea Pavilion: morning shift",
        kind=SessionKind.BOOTH_SHIFT,
        start=CHICAGO_0900,
        end=CHICAGO_0900 + dt.timedelta(minutes=30),
    )
    request = services.meeting_request_send(sender=pharma, recipient=mine)
    services.meeting_request_accept(request=request, user=delegate.user)

    run = services.schedule_run(event=event, time_limit=5)
    assert run.status == RunStatus.DRAFT, run.error
    services.schedule_publish(run=run, user=organiser)
    client.force_login(delegate.user)
    page = client.get(reverse("delegation:itinerary", args=[event.slug]))
    handbook = client.get(reverse("delegation:handbook", args=[event.slug]))

    meeting = Meeting.objects.get(event=event)
    # The 09:00 slot is the delegate's shift; the scheduler takes 09:30.
    assert meeting.slot.start == CHICAGO_0900 + dt.timedelta(minutes=30)
    html = page.content.decode()
    assert ">09:30</time>–<time" in html
    assert "(Korea 23:30)" in html
    assert f"Meeting with {pharma.user} ({pharma.organisation})" in html
    assert "Korea Pavilion meeting rooms, Table 1" in html
    pdf = pypdfium2.PdfDocument(io.BytesIO(handbook.content))
    text = "".join(p.get_textpage().get_text_range() for p in pdf)
    assert "09:30–10:00" in text
    assert "2 Jun 23:30" in text
    assert str(pharma.organisation) in text


def test_assigning_a_shift_blocks_only_that_delegates_overlapping_slots(
    programme, organiser
):
    event = programme.event
    _partnering(event)
    delegate = _delegate(programme)
    other = _delegate(programme)
    mine = services.participant_join(registration=delegate.registration)
    theirs = services.participant_join(registration=other.registration)

    itinerary.itinerary_item_save(
        programme=programme,
        actor=organiser,
        delegates=[delegate],
        title_en="Site visit",
        kind=SessionKind.SITE_VISIT,
        start=CHICAGO_0900 + dt.timedelta(minutes=45),
        end=CHICAGO_0900 + dt.timedelta(hours=2),
    )

    blocked = [s.start for s in mine.blocked_slots.order_by("start")]
    assert blocked == [CHICAGO_0900 + dt.timedelta(minutes=30)]
    assert list(theirs.blocked_slots.all()) == []
