"""Delegation e-mails other than decisions, each in its recipient's language:
a reviewer told of an assignment, and the delegates a company names."""

import re

import pytest
from django.core import mail

from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.delegations import (
    ApplicationFactory,
    DelegationEventFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HANGUL = re.compile("[\uac00-\ud7a3]")


@pytest.fixture
def programme():
    event = DelegationEventFactory(
        name_en="Korea Delegation to ASCO 2027", name_ko="ASCO 2027 한국 대표단"
    )
    return ProgrammeFactory(event=event, delegates_per_company=3)


@pytest.fixture
def organiser(programme):
    user = UserFactory(language="en")
    EventTeamMember.objects.create(
        event=programme.event, user=user, role=TeamRole.ORGANISER
    )
    return user


def test_each_reviewer_is_told_in_their_language(
    programme, organiser, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    korean = UserFactory(language="ko", email="yoo@example.org")
    english = UserFactory(language="en", email="smith@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        for reviewer in (korean, english, english):  # again: nobody told twice
            svc.review_assign(
                application=application, reviewer=reviewer, actor=organiser
            )

    ko, en = mail.outbox
    assert (ko.to, en.to) == (["yoo@example.org"], ["smith@example.org"])
    assert ko.subject.startswith("ASCO 2027 한국 대표단")
    assert "Convene 대표단 운영팀" in ko.body
    assert en.subject == "Korea Delegation to ASCO 2027: an application to review"
    assert not HANGUL.search(en.body)
    review = application.reviews.get(reviewer=english)
    assert f"/delegation/reviews/{review.pk}/" in en.body


def test_named_delegates_are_told_in_their_language_and_not_the_one_confirming(
    programme, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(programme=programme, status=S.ACCEPTED)
    ceo = application.applicant
    UserFactory(email="kim@example.org", language="ko")

    with django_capture_on_commit_callbacks(execute=True):
        _confirm(application, ceo)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["kim@example.org", "new.person@example.org"]
    ko, en = by_address["kim@example.org"], by_address["new.person@example.org"]
    assert ko.subject.startswith("ASCO 2027 한국 대표단")
    assert "사업 개발(BD)" in ko.body  # the role, in Korean
    assert en.subject == "Korea Delegation to ASCO 2027: you are a delegate"
    assert not HANGUL.search(en.body)
    assert f"/delegation/{programme.event.slug}/itinerary/" in en.body
    assert "email=new.person%40example.org" in en.body


def _confirm(application, ceo):
    svc.application_confirm(
        application=application,
        user=ceo,
        delegates=[
            svc.DelegateIn(
                email=ceo.email, first_name="Ji", last_name="Han", role="lead"
            ),
            svc.DelegateIn(
                email="kim@example.org",
                first_name="Minji",
                last_name="Kim",
                role="business",
            ),
            svc.DelegateIn(
                email="new.person@example.org",
                first_name="Alex",
                last_name="Reed",
                role="scientific",
            ),
        ],
    )
