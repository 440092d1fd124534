import datetime as dt

import factory
from factory.django import DjangoModelFactory

from events.enums import EventKind, OrganisationKind, SessionKind
from events.models import (
    Event,
    Organisation,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    Track,
    Venue,
)
from tests.factories.accounts import UserFactory


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    name_ko = factory.Sequence(lambda n: f"기관 {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.BIOTECH
    country = "KR"


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    name_en = "COEX"
    city = "Seoul"
    country = "KR"


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    kind = EventKind.CONFERENCE
    slug = factory.Sequence(lambda n: f"event-{n}")
    name_en = factory.Sequence(lambda n: f"Event {n}")
    name_ko = factory.Sequence(lambda n: f"행사 {n}")
    timezone = "Asia/Seoul"
    venue = factory.SubFactory(VenueFactory)
    start_date = dt.date(2027, 9, 14)
    end_date = dt.date(2027, 9, 16)
    currency = "KRW"
    is_published = True


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Room {n}")
    capacity = 100


class TrackFactory(DjangoModelFactory):
    class Meta:
        model = Track

    event = factory.SubFactory(EventFactory)
    name_en = factory.Sequence(lambda n: f"Track {n}")
    slug = factory.Sequence(lambda n: f"track-{n}")


def local(event: Event, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime on the event's day `day` (0-based), in the event's zone."""
    date = event.start_date + dt.timedelta(days=day)
    return dt.datetime.combine(date, dt.time(hour, minute), tzinfo=event.tz)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    kind = SessionKind.TALK
    title_en = factory.Sequence(lambda n: f"Session {n}")
    title_ko = factory.Sequence(lambda n: f"세션 {n}")
    start = factory.LazyAttribute(lambda o: local(o.event, 0, 10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=45))


class SpeakerFactory(DjangoModelFactory):
    class Meta:
        model = Speaker

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    bio_en = "Works on trials."


class SessionSpeakerFactory(DjangoModelFactory):
    class Meta:
        model = SessionSpeaker

    session = factory.SubFactory(SessionFactory)
    speaker = factory.SubFactory(
        SpeakerFactory, event=factory.SelfAttribute("..session.event")
    )


class SponsorFactory(DjangoModelFactory):
    class Meta:
        model = Sponsor

    event = factory.SubFactory(EventFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    tier = "gold"
