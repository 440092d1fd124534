"""Partnering factories: a forum with a set-up, a grid, tables and participants."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from events.enums import EventKind, OrganisationKind
from matchmaking import services
from matchmaking.enums import TagCategory
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    Participant,
    PartneringSetup,
    Tag,
)
from registration.enums import RegistrationStatus
from registration.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, OrganisationFactory


class ForumFactory(EventFactory):
    kind = EventKind.FORUM
    start_date = dt.date(2027, 3, 16)
    end_date = dt.date(2027, 3, 16)


class PartneringSetupFactory(DjangoModelFactory):
    class Meta:
        model = PartneringSetup

    event = factory.SubFactory(ForumFactory)
    request_cap = 10
    slot_minutes = 30
    allowed_pairs = factory.LazyFunction(
        lambda: [
            ["investor", "biotech"],
            ["biotech", "investor"],
            ["cro", "biotech"],
            ["biotech", "cro"],
            ["pharma", "biotech"],
            ["biotech", "pharma"],
        ]
    )


def partnering_event(*, slots: int = 4, tables: int = 2, **setup) -> PartneringSetup:
    """A one-day forum: one block of `slots` half hours from 09:00, `tables` tables."""
    partnering = PartneringSetupFactory(**setup)
    event = partnering.event
    end = dt.datetime.combine(event.start_date, dt.time(9)) + dt.timedelta(
        minutes=30 * slots
    )
    services.block_upsert(
        event=event,
        date=event.start_date,
        start_time=dt.time(9),
        end_time=end.time(),
        label="Morning",
    )
    services.grid_build(event=event)
    services.tables_ensure(event=event, count=tables)
    return partnering


class TagFactory(DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("category", "slug")

    category = TagCategory.AREA
    slug = factory.Sequence(lambda n: f"tag-{n}")
    name_en = factory.LazyAttribute(lambda o: o.slug.replace("-", " ").title())


class ParticipantFactory(DjangoModelFactory):
    """An active participant of `event`, from a confirmed registration.

    `kind` sets the organisation's kind (biotech by default).
    """

    class Meta:
        model = Participant
        skip_postgeneration_save = True

    class Params:
        kind = OrganisationKind.BIOTECH

    event = factory.SubFactory(ForumFactory)
    registration = factory.LazyAttribute(
        lambda o: Registration.objects.create(
            event=o.event,
            user=UserFactory(organisation=OrganisationFactory(kind=o.kind)),
            status=RegistrationStatus.CONFIRMED,
        )
    )
    pitch_en = "We develop first-in-class medicines."

    @factory.post_generation
    def offers(self, create, extracted, **kwargs):
        if create and extracted:
            self.offers.set(extracted)

    @factory.post_generation
    def seeks(self, create, extracted, **kwargs):
        if create and extracted:
            self.seeks.set(extracted)


def colleague_of(participant: Participant) -> Participant:
    """Another participant from the same organisation."""
    registration = Registration.objects.create(
        event=participant.event,
        user=UserFactory(organisation=participant.organisation),
        status=RegistrationStatus.CONFIRMED,
    )
    return ParticipantFactory(event=participant.event, registration=registration)


class MeetingRequestFactory(DjangoModelFactory):
    class Meta:
        model = MeetingRequest

    event = factory.SelfAttribute("sender.event")
    sender = factory.SubFactory(ParticipantFactory, kind=OrganisationKind.INVESTOR)
    recipient = factory.SubFactory(
        ParticipantFactory, event=factory.SelfAttribute("..sender.event")
    )
    message = "Shall we meet?"


def accepted_meeting(sender: Participant, recipient: Participant) -> Meeting:
    """A request from sender to recipient, accepted through the service."""
    request = MeetingRequestFactory(sender=sender, recipient=recipient)
    services.meeting_request_accept(request=request, user=recipient.user)
    return Meeting.objects.get(request=request)
