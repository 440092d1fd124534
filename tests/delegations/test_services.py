"""Delegation applications: the state machine, deadlines, places, reviews, uploads
and confirmation, through the services."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from delegations import selectors as sel
from delegations import services as svc
from delegations.enums import ApplicationStatus as S
from delegations.enums import DelegateRole
from delegations.models import DelegationApplication
from registration.enums import RegistrationCategory, RegistrationStatus
from registration.models import Registration
from tests.factories.accounts import UserFactory
from tests.factories.delegations import ApplicationFactory, ReviewFactory
from tests.factories.documents import ooxml_upload, pdf_bytes
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

UTC = dt.UTC
OPEN = dt.datetime(2027, 2, 1, 9, tzinfo=UTC)
# The deadline is 2027-03-31 23:59 in Seoul, 14:59 UTC.
JUST_BEFORE = dt.datetime(2027, 3, 31, 14, 58, 59, tzinfo=UTC)
AT_DEADLINE = dt.datetime(2027, 3, 31, 14, 59, tzinfo=UTC)


@pytest.fixture
def applicant():
    return UserFactory(email="ceo@biotech.example")


def _draft(programme, applicant, now=OPEN):
    return svc.application_save_draft(
        programme=programme,
        user=applicant,
        now=now,
        company_profile="Antibody-drug conjugates, 40 staff.",
        goals="Licensing partners for our HER2 ADC.",
    )


def _submitted(programme, applicant):
    application = _draft(programme, applicant)
    return svc.application_submit(application=application, user=applicant, now=OPEN)


def pdf_upload(name="deck.pdf", size=None) -> SimpleUploadedFile:
    """A real one-page PDF, padded with trailing blank lines to `size` bytes."""
    body = pdf_bytes()
    body += b"\n" * ((size or len(body)) - len(body))
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def test_draft_then_submit_before_the_deadline(programme, applicant):
    application = _draft(programme, applicant)
    assert application.status == S.DRAFT
    assert application.organisation == applicant.organisation

    svc.application_save_draft(
        programme=programme,
        user=applicant,
        application=application,
        now=JUST_BEFORE,
        goals="Licensing and co-development partners.",
    )
    submitted = svc.application_submit(
        application=application, user=applicant, now=JUST_BEFORE
    )

    assert submitted.status == S.SUBMITTED
    assert submitted.submitted_at == JUST_BEFORE
    assert DelegationApplication.objects.get().goals == (
        "Licensing and co-development partners."
    )


def test_a_draft_cannot_change_or_be_submitted_at_the_deadline(programme, applicant):
    application = _draft(programme, applicant)

    with pytest.raises(svc.DelegationError, match="deadline has passed"):
        svc.application_save_draft(
            programme=programme,
            user=applicant,
            application=application,
            now=AT_DEADLINE,
            goals="Too late.",
        )
    with pytest.raises(svc.DelegationError, match="deadline has passed"):
        svc.application_submit(application=application, user=applicant, now=AT_DEADLINE)

    application.refresh_from_db()
    assert (application.status, application.goals) == (
        S.DRAFT,
        "Licensing partners for our HER2 ADC.",
    )


def test_applications_before_the_call_opens_are_refused(programme, applicant):
    with pytest.raises(svc.DelegationError, match="not opened yet"):
        _draft(programme, applicant, now=dt.datetime(2026, 12, 31, tzinfo=UTC))
    assert DelegationApplication.objects.count() == 0


def test_a_submitted_application_is_no_longer_editable(programme, applicant):
    application = _submitted(programme, applicant)
    with pytest.raises(svc.DelegationError, match="Only a draft"):
        svc.application_save_draft(
            programme=programme,
            user=applicant,
            application=application,
            now=OPEN,
            goals="Changed.",
        )
    with pytest.raises(svc.DelegationError, match="already been submitted"):
        svc.application_submit(application=application, user=applicant, now=OPEN)


def test_a_colleague_may_edit_but_another_company_may_not(programme, applicant):
    application = _draft(programme, applicant)
    colleague = UserFactory(organisation=applicant.organisation)
    stranger = UserFactory()

    svc.application_save_draft(
        programme=programme,
        user=colleague,
        application=application,
        now=OPEN,
        pipeline="HER2 ADC, phase 1.",
    )
    with pytest.raises(svc.DelegationError) as refused:
        svc.application_submit(application=application, user=stranger, now=OPEN)

    assert refused.value.status == 403
    assert DelegationApplication.objects.get().pipeline == "HER2 ADC, phase 1."


def test_one_application_per_company(programme, applicant):
    first = _draft(programme, applicant)
    colleague = UserFactory(organisation=applicant.organisation)
    second = _draft(programme, colleague)
    assert second.pk == first.pk
    assert DelegationApplication.objects.count() == 1


def test_creating_a_second_application_for_a_company_is_refused(programme, applicant):
    _draft(programme, applicant)
    colleague = UserFactory(organisation=applicant.organisation)
    with pytest.raises(svc.DelegationError, match="already applied") as refused:
        svc.application_create(programme=programme, user=colleague, now=OPEN)
    assert refused.value.status == 409
    assert DelegationApplication.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "final"),
    [
        ([S.SHORTLISTED, S.ACCEPTED], S.ACCEPTED),
        ([S.WAITLISTED, S.ACCEPTED], S.ACCEPTED),
        ([S.SHORTLISTED, S.WAITLISTED, S.REJECTED], S.REJECTED),
        ([S.REJECTED], S.REJECTED),
    ],
)
def test_organiser_decisions_follow_the_state_machine(
    programme, applicant, organiser, path, final
):
    application = _submitted(programme, applicant)
    for status in path:
        application = svc.application_decide(
            application=application, actor=organiser, status=status, now=OPEN
        )
    assert application.status == final
    assert application.decided_at == OPEN


@pytest.mark.parametrize(
    ("start", "decision"),
    [
        (S.DRAFT, S.ACCEPTED),
        (S.REJECTED, S.ACCEPTED),
        (S.CONFIRMED, S.WAITLISTED),
        (S.ACCEPTED, S.SHORTLISTED),
        (S.SUBMITTED, S.CONFIRMED),
    ],
)
def test_decisions_from_the_wrong_state_are_refused(
    programme, organiser, start, decision
):
    application = ApplicationFactory(programme=programme, status=start)
    with pytest.raises(svc.DelegationError):
        svc.application_decide(
            application=application, actor=organiser, status=decision
        )
    application.refresh_from_db()
    assert application.status == start


def test_only_organisers_decide(programme, applicant):
    application = _submitted(programme, applicant)
    with pytest.raises(svc.DelegationError) as refused:
        svc.application_decide(
            application=application, actor=applicant, status=S.ACCEPTED
        )
    assert refused.value.status == 403


def test_accepting_stops_when_the_places_are_taken(programme, organiser):
    taken = [
        ApplicationFactory(programme=programme, status=S.ACCEPTED),
        ApplicationFactory(programme=programme, status=S.CONFIRMED),
    ]
    late = ApplicationFactory(programme=programme, status=S.SUBMITTED)

    with pytest.raises(svc.DelegationError, match="All 2 places"):
        svc.application_decide(application=late, actor=organiser, status=S.ACCEPTED)
    svc.application_decide(application=taken[0], actor=organiser, status=S.REJECTED)
    accepted = svc.application_decide(
        application=late, actor=organiser, status=S.ACCEPTED
    )

    assert accepted.status == S.ACCEPTED
    assert sel.places_taken(programme=programme) == 2


def test_decisions_are_emailed_once_in_bulk(programme, organiser):
    accepted = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    rejected = ApplicationFactory(programme=programme, status=S.SUBMITTED)
    ApplicationFactory(programme=programme, status=S.SUBMITTED)  # undecided
    svc.application_decide(application=accepted, actor=organiser, status=S.ACCEPTED)
    svc.application_decide(application=rejected, actor=organiser, status=S.REJECTED)

    queued = svc.decisions_send_enqueue(programme=programme, actor=organiser)
    again = svc.decisions_send_enqueue(programme=programme, actor=organiser)

    assert (queued, again) == (2, 0)
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert set(by_address) == {accepted.applicant.email, rejected.applicant.email}
    assert "has been selected" in by_address[accepted.applicant.email]
    assert "could not be selected" in by_address[rejected.applicant.email]
    assert (
        f"/delegation/applications/{accepted.pk}/"
        in (by_address[accepted.applicant.email])
    )


def test_reviewers_score_only_their_assigned_applications(programme, organiser):
    reviewer = UserFactory()
    mine = ReviewFactory(
        reviewer=reviewer, application__programme=programme
    ).application
    other = ReviewFactory(application__programme=programme)

    assert [r.application for r in sel.review_list_for_reviewer(user=reviewer)] == [
        mine
    ]
    with pytest.raises(svc.DelegationError) as refused:
        svc.review_score(review=other, user=reviewer, fit=5, readiness=5, potential=5)
    assert refused.value.status == 403

    review = sel.review_get_for_reviewer(user=reviewer, pk=mine.reviews.get().pk)
    svc.review_score(review=review, user=reviewer, fit=4, readiness=3, potential=5)
    listed = sel.application_list_for_organiser(programme=programme)
    scores = {a.pk: (a.score, a.reviews_done, a.reviews_assigned) for a in listed}
    assert scores[mine.pk] == (12.0, 1, 1)
    assert scores[other.application.pk] == (None, 0, 1)


def test_reviewer_assignment_needs_an_organiser(programme, organiser, applicant):
    application = _submitted(programme, applicant)
    reviewer = UserFactory()
    with pytest.raises(svc.DelegationError):
        svc.review_assign(application=application, reviewer=reviewer, actor=reviewer)
    review = svc.review_assign(
        application=application, reviewer=reviewer, actor=organiser
    )
    assert review.reviewer == reviewer


@pytest.mark.parametrize(
    ("upload", "kind"),
    [
        (lambda: pdf_upload(), "pdf"),
        (lambda: ooxml_upload("plan.docx"), "docx"),
        (lambda: ooxml_upload("deck.pptx"), "pptx"),
    ],
)
def test_documents_of_the_allowed_kinds_are_kept(programme, applicant, upload, kind):
    application = _draft(programme, applicant)
    document = svc.document_add(
        application=application, user=applicant, upload=upload(), now=OPEN
    )
    assert (document.kind, application.documents.count()) == (kind, 1)


@pytest.mark.parametrize(
    "upload",
    [
        # An executable renamed to .pdf: the bytes decide, not the name.
        lambda: SimpleUploadedFile("deck.pdf", b"MZ\x90\x00" + b"0" * 100),
        # A PDF renamed to .docx.
        lambda: SimpleUploadedFile("plan.docx", b"%PDF-1.7\n" + b"0" * 100),
        # A presentation named .docx: its main part is no Word document.
        lambda: ooxml_upload("plan.docx", "pptx"),
        lambda: SimpleUploadedFile("notes.txt", b"%PDF-1.7 plain text"),
        # One byte over 10 MB.
        lambda: pdf_upload(size=10 * 1024 * 1024 + 1),
    ],
)
def test_documents_of_other_kinds_or_too_large_are_refused(
    programme, applicant, upload
):
    application = _draft(programme, applicant)
    with pytest.raises(svc.DelegationError) as refused:
        svc.document_add(
            application=application, user=applicant, upload=upload(), now=OPEN
        )
    assert refused.value.status == 400
    assert application.documents.count() == 0


def test_a_document_of_exactly_10_mb_is_accepted(programme, applicant):
    application = _draft(programme, applicant)
    document = svc.document_add(
        application=application,
        user=applicant,
        upload=pdf_upload(size=10 * 1024 * 1024),
        now=OPEN,
    )
    assert document.size == 10 * 1024 * 1024


def test_confirming_names_delegates_who_get_a_delegation_registration(
    programme, organiser, applicant
):
    ticket = TicketTypeFactory(event=programme.event, name_en="Delegate")
    programme.delegate_ticket = ticket
    programme.save()
    application = _submitted(programme, applicant)
    svc.application_decide(application=application, actor=organiser, status=S.ACCEPTED)

    confirmed = svc.application_confirm(
        application=application,
        user=applicant,
        now=OPEN,
        delegates=[
            svc.DelegateIn(
                email=applicant.email,
                first_name="Jiwoo",
                last_name="Han",
                role=DelegateRole.LEAD,
            ),
            svc.DelegateIn(
                email="Scientist@Biotech.example",
                first_name="Seo",
                last_name="Yoon",
                name_ko="윤서",
                role=DelegateRole.SCIENTIFIC,
            ),
        ],
    )

    assert confirmed.status == S.CONFIRMED
    registrations = Registration.objects.filter(event=programme.event).order_by(
        "user__email"
    )
    assert [
        (r.user.email, r.category, r.status, r.ticket_type, r.user.organisation)
        for r in registrations
    ] == [
        (
            applicant.email,
            RegistrationCategory.DELEGATION,
            RegistrationStatus.CONFIRMED,
            ticket,
            applicant.organisation,
        ),
        (
            "scientist@biotech.example",
            RegistrationCategory.DELEGATION,
            RegistrationStatus.CONFIRMED,
            ticket,
            applicant.organisation,
        ),
    ]
    assert sorted(d.role for d in confirmed.delegates.all()) == ["lead", "scientific"]


def test_confirming_is_refused_unless_accepted_or_with_too_many_delegates(
    programme, organiser, applicant
):
    application = _submitted(programme, applicant)
    people = [
        svc.DelegateIn(
            email=f"d{i}@biotech.example",
            first_name="D",
            last_name=str(i),
            role="other",
        )
        for i in range(3)
    ]
    with pytest.raises(svc.DelegationError, match="Only an accepted"):
        svc.application_confirm(
            application=application, user=applicant, delegates=people[:1]
        )
    svc.application_decide(application=application, actor=organiser, status=S.ACCEPTED)
    with pytest.raises(svc.DelegationError, match="between 1 and 2"):
        svc.application_confirm(
            application=application, user=applicant, delegates=people
        )
    assert Registration.objects.count() == 0
