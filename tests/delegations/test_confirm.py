"""Delegation actions that cannot be taken back ask first (`config.confirm`):
bulk decisions with their count, e-mailing decisions, deleting an itinerary item,
submitting an application. A POST without the confirmation does nothing."""

import datetime as dt
from datetime import UTC

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from delegations.enums import ApplicationStatus as S
from delegations.models import DelegationApplication
from events.enums import SessionKind
from events.models import Session
from tests.confirm import confirm_fields
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ApplicationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _url(name, *args):
    return reverse(f"delegation:{name}", args=args)


def _said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    ("count", "said"), [(1, "1 application decided."), (2, "2 applications decided.")]
)
def test_bulk_decisions_name_the_count_and_the_companies_first(
    client, programme, organiser, count, said
):
    applications = [
        ApplicationFactory(programme=programme, status=S.SUBMITTED)
        for _ in range(count)
    ]
    url = _url("organiser_programme", programme.event.slug)
    client.force_login(organiser)

    asked = client.post(
        url, {"status": S.SHORTLISTED, "applications": [a.pk for a in applications]}
    ).content.decode()
    untouched = set(DelegationApplication.objects.values_list("status", flat=True))
    done = client.post(url, confirm_fields(asked))

    noun = "application" if count == 1 else "applications"
    assert f"Decide “Shortlisted” for {count} {noun}?" in asked
    assert all(a.organisation.name in asked for a in applications)
    assert untouched == {S.SUBMITTED}
    assert set(DelegationApplication.objects.values_list("status", flat=True)) == {
        S.SHORTLISTED
    }
    assert said in _said(done)


def test_a_stale_bulk_confirmation_does_nothing(client, programme, organiser):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    url = _url("organiser_programme", programme.event.slug)
    client.force_login(organiser)
    asked = client.post(
        url, {"status": S.ACCEPTED, "applications": [application.pk]}
    ).content.decode()
    DelegationApplication.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
    stale = client.post(url, confirm_fields(asked))
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    assert any("Nothing was done" in m for m in _said(stale))


def test_emailing_decisions_asks_whom_first(client, programme, organiser, mailoutbox):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    client.force_login(organiser)
    url = _url("organiser_programme", programme.event.slug)
    client.post(
        url,
        confirm_fields(
            client.post(
                url, {"status": S.ACCEPTED, "applications": [application.pk]}
            ).content.decode()
        ),
    )
    send = _url("decisions_send", programme.event.slug)
    asked = client.post(send).content.decode()
    assert mailoutbox == []
    assert "E-mail 1 company its decision?" in asked
    assert application.organisation.name in asked
    client.post(send, confirm_fields(asked))
    assert len(mailoutbox) == 1


def test_deleting_an_itinerary_item_says_when_and_for_whom_first(
    client, programme, organiser
):
    item = Session.objects.create(
        event=programme.event,
        title_en="Briefing",
        kind=SessionKind.TALK,
        start=dt.datetime(2027, 6, 1, 14, tzinfo=UTC),
        end=dt.datetime(2027, 6, 1, 15, tzinfo=UTC),
    )
    url = _url("itinerary_item_delete", programme.event.slug, item.pk)
    client.force_login(organiser)

    asked = client.get(url).content.decode()
    client.post(url)
    kept = Session.objects.filter(pk=item.pk).exists()
    client.post(url, confirm_fields(asked))
    again = client.post(url, confirm_fields(asked))

    assert "Delete “Briefing” from the itinerary?" in asked
    assert "2027-06-01 09:00 CDT – 10:00 CDT" in asked  # the host's clock
    assert "For every delegate." in asked
    assert kept
    assert not Session.objects.filter(pk=item.pk).exists()
    assert "That itinerary item is already deleted." in _said(again)


def test_submitting_says_the_application_cannot_be_edited_after(client, programme):
    now = timezone.now()  # open now: the pages use the real clock
    programme.applications_open_at = now - dt.timedelta(days=1)
    programme.application_deadline = now + dt.timedelta(days=21)
    programme.save()
    user = UserFactory()
    client.force_login(user)
    client.post(
        _url("apply", programme.event.slug),
        {"company_profile": "ADC platform.", "goals": "Find licensees."},
    )
    application = DelegationApplication.objects.get()
    url = _url("application_submit", application.pk)

    asked = client.get(url).content.decode()
    client.post(url)
    draft = DelegationApplication.objects.get().status
    client.post(url, confirm_fields(asked))

    assert "After submitting you cannot edit the application" in asked
    assert "0 documents attached." in asked
    assert draft == S.DRAFT
    assert DelegationApplication.objects.get().status == S.SUBMITTED


def test_programme_fees_show_as_money(client, programme):
    client.force_login(UserFactory())
    application = ApplicationFactory(programme=programme)
    client.force_login(application.applicant)
    page = client.get(_url("application_detail", application.pk)).content.decode()
    currency = programme.event.currency
    assert f"{currency} 3,000" in page
    assert "3000.00" not in page


def test_one_application_decision_names_the_company_and_the_note_first(
    client, programme, organiser
):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    url = _url("organiser_application", application.pk)
    client.force_login(organiser)
    data = {"form": "decision", "status": S.REJECTED, "note": "Not this year."}

    asked = client.post(url, data).content.decode()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert f"Decide “Not selected” for {application.organisation.name}?" in asked
    assert "Submitted → Not selected" in asked
    assert "Note to the company: Not this year." in asked

    done = client.post(url, confirm_fields(asked))
    application.refresh_from_db()
    assert (application.status, application.decision_note) == (
        S.REJECTED,
        "Not this year.",
    )
    assert "Saved." in _said(done)


def test_a_stale_single_decision_does_nothing(client, programme, organiser):
    application = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    url = _url("organiser_application", application.pk)
    client.force_login(organiser)
    asked = client.post(url, {"form": "decision", "status": S.ACCEPTED})
    DelegationApplication.objects.filter(pk=application.pk).update(status=S.SHORTLISTED)
    stale = client.post(url, confirm_fields(asked.content.decode()))
    application.refresh_from_db()
    assert application.status == S.SHORTLISTED
    assert any("Nothing was done" in m for m in _said(stale))
