import pytest
from django.core.management import call_command

from cms.models import DelegationProgrammePage
from events.delegation_enums import ApplicationStatus as S
from events.models import (
    ApplicationReview,
    Delegate,
    DelegationApplication,
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    Registration,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db, pytest.mark.slow]


def _counts() -> dict[str, int]:
    models = (
        DelegationApplication,
        ApplicationReview,
        Delegate,
        MeetingOutcomeReport,
        ProgrammeOutcomeReport,
        Registration,
    )
    return {model.__name__: model.objects.count() for model in models}


def test_the_demo_programme_runs_from_application_to_outcomes(capsys):
    # Loading twice is tested in test_demo.py, which counts these models too.
    call_command("load_demo")
    first = _counts()

    statuses = dict(
        DelegationApplication.objects.values_list("organisation__name", "status")
    )
    assert sorted(statuses.values()) == sorted(
        [S.CONFIRMED] * 8
        + [S.SUBMITTED, S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED, S.REJECTED]
        + [S.ACCEPTED, S.DRAFT]
    )
    assert first["Delegate"] == 17
    assert first["MeetingOutcomeReport"] == 8
    assert first["ProgrammeOutcomeReport"] == 3
    delegate = Delegate.objects.get(user__email="delegate@convene.test")
    assert delegate.registration.category == "delegation"
    assert delegate.user.check_password("convene-demo")
    out = capsys.readouterr().out
    assert "applicant@convene.test" in out
    page = DelegationProgrammePage.objects.get(locale__language_code="en")
    assert page.apply_url.endswith("/en/delegation/asco-2027-delegation/apply/")
