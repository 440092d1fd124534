import datetime as dt
from dataclasses import dataclass

import pytest
from wagtail.models import Locale

from cms.demo.pages import build_site
from cms.models import AgendaPage, EventPage, HomePage, SpeakerIndexPage
from events.models import Event, Room, Track
from tests.factories.events import (
    EventFactory,
    RoomFactory,
    SessionFactory,
    SessionSpeakerFactory,
    TrackFactory,
    local,
)


@dataclass
class Conference:
    event: Event
    rooms: list[Room]
    track: Track


@dataclass
class Pages:
    landing: EventPage
    agenda: AgendaPage
    speakers: SpeakerIndexPage


def publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(page, **fields):
    korean = Locale.objects.get(language_code="ko")
    translation = page.copy_for_translation(korean)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def home(db) -> HomePage:
    return build_site()


@pytest.fixture
def conference(db) -> Conference:
    event = EventFactory(slug="kic-test", name_en="KIC Test", name_ko="국제임상 테스트")
    rooms = [
        RoomFactory(event=event, name_en="Hall A", name_ko="A홀", order=0),
        RoomFactory(event=event, name_en="Hall B", name_ko="B홀", order=1),
    ]
    track = TrackFactory(
        event=event, slug="regulatory", name_en="Regulatory", name_ko="규제과학"
    )
    return Conference(event, rooms, track)


@pytest.fixture
def pages(home, conference) -> Pages:
    event = conference.event
    landing = publish_child(home, EventPage(title="KIC Test", slug="kic", event=event))
    agenda = publish_child(
        landing, AgendaPage(title="Agenda", slug="agenda", event=event)
    )
    speakers = publish_child(
        landing, SpeakerIndexPage(title="Speakers", slug="speakers", event=event)
    )
    translate(landing, title="국제임상 테스트")
    translate(agenda, title="프로그램")
    translate(speakers, title="연사")
    return Pages(landing, agenda, speakers)


def add_sessions(conference: Conference, count: int) -> list:
    """`count` sessions on the first day, alternating rooms, each with a speaker."""
    sessions = []
    for i in range(count):
        start = local(conference.event, 0, 9) + dt.timedelta(hours=i)
        session = SessionFactory(
            event=conference.event,
            title_en=f"Talk {i}",
            title_ko=f"발표 {i}",
            start=start,
            end=start + dt.timedelta(minutes=45),
            room=conference.rooms[i % 2],
            track=conference.track if i % 2 == 0 else None,
        )
        SessionSpeakerFactory(session=session)
        sessions.append(session)
    return sessions
