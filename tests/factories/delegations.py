import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from delegations.enums import ApplicationStatus, DelegateRole
from delegations.models import (
    ApplicationReview,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
)
from events.enums import EventKind
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, VenueFactory

UTC = dt.UTC


class DelegationEventFactory(EventFactory):
    kind = EventKind.DELEGATION
    timezone = "America/Chicago"
    venue = factory.SubFactory(VenueFactory, name_en="McCormick Place", city="Chicago")
    start_date = dt.date(2027, 5, 31)
    end_date = dt.date(2027, 6, 4)
    currency = "USD"


class ProgrammeFactory(DjangoModelFactory):
    """Applications open 2027-01-01 and close 2027-03-31 23:59 in Seoul."""

    class Meta:
        model = DelegationProgramme

    event = factory.SubFactory(DelegationEventFactory)
    host_congress = "ASCO Annual Meeting 2027"
    host_city = "Chicago"
    host_start_date = dt.date(2027, 6, 1)
    host_end_date = dt.date(2027, 6, 4)
    host_timezone = "America/Chicago"
    places = 2
    delegates_per_company = 2
    eligibility = "Korean biotechs with an asset in oncology."
    fee = Decimal("3000.00")
    subsidy = Decimal("2000.00")
    applications_open_at = dt.datetime(2027, 1, 1, tzinfo=UTC)
    application_deadline = dt.datetime(2027, 3, 31, 14, 59, tzinfo=UTC)
    contact_name = "Olivia Park"
    contact_email = "delegation@convene.test"


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = DelegationApplication

    programme = factory.SubFactory(ProgrammeFactory)
    applicant = factory.SubFactory(UserFactory)
    organisation = factory.SelfAttribute("applicant.organisation")
    status = ApplicationStatus.DRAFT
    company_profile = "A Korean biotech."
    goals = "Meet licensing partners."


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = ApplicationReview

    application = factory.SubFactory(
        ApplicationFactory, status=ApplicationStatus.SUBMITTED
    )
    reviewer = factory.SubFactory(UserFactory)


class DelegateFactory(DjangoModelFactory):
    class Meta:
        model = Delegate

    application = factory.SubFactory(
        ApplicationFactory, status=ApplicationStatus.CONFIRMED
    )
    user = factory.SubFactory(UserFactory)
    role = DelegateRole.LEAD
