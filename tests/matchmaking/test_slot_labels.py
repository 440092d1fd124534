"""Partnering slot labels read in the page's language on the event's clock:
"Tue 16 Mar 09:00" in English, "3월 16일 (화) 09:00" in Korean (they were
English on Korean pages); the counterpart named family name first."""

import pytest
from django.utils import translation

from matchmaking.forms import MeetingFilterForm
from matchmaking.models import Participant, Slot
from matchmaking.models.releases import when_text
from tests.factories.matchmaking import accepted_meeting

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def first(event):
    return Slot.objects.filter(event=event).order_by("start").first()


def test_a_slot_is_named_in_the_active_language(first):
    with translation.override("en"):
        assert str(first) == "Tue 16 Mar 09:00"
    with translation.override("ko"):
        assert str(first) == "3월 16일 (화) 09:00"


def test_move_choices_and_filter_days_read_korean(event, first):
    with translation.override("ko"):
        assert when_text(first.start.isoformat(), event) == "3월 16일 (화) 09:00 KST"
        days = (
            MeetingFilterForm(event=event, participants=Participant.objects.none())
            .fields["day"]
            .choices
        )
    assert ("2027-03-16", "3월 16일 (화)") in days
    with translation.override("en"):
        assert when_text(first.start.isoformat(), event) == "Tue 16 Mar 09:00 KST"


def test_my_meetings_in_korean_dates_and_names(client, event, investor, biotech):
    biotech.user.first_name, biotech.user.last_name = "Minji", "Kim"
    biotech.user.name_ko = ""
    biotech.user.save()
    meeting = accepted_meeting(investor, biotech)
    meeting.slot, meeting.table = (
        event.meeting_slots.first(),
        event.meeting_tables.first(),
    )
    meeting.save()
    client.force_login(investor.user)
    page = client.get(f"/ko/partnering/{event.slug}/meetings/").content.decode()
    assert '<span class="slot">3월 16일 (화) 09:00–09:30</span>' in page
    assert "Kim Minji" in page
    assert "Tue 16 Mar" not in page
