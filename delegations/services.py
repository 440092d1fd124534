"""Writes for delegation programmes: keyword-only, validated, transactional.

The application state machine lives here (`delegations.enums.DECISIONS`):
a company edits its draft and submits it before the deadline; organisers
shortlist, accept, wait-list or reject; an accepted company confirms and names its
delegates, who then hold a delegation registration in the programme's event.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.queue import enqueue
from delegations.enums import DECIDED, DECISIONS, ApplicationStatus
from delegations.models import (
    MAX_DOCUMENTS,
    ApplicationDocument,
    ApplicationReview,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
    MeetingOutcomeReport,
    ProgrammeOutcomeReport,
    document_kind,
)
from delegations.selectors import is_organiser, places_taken
from events.models import Event
from registration.enums import RegistrationCategory, RegistrationStatus
from registration.models import Registration

S = ApplicationStatus
APPLICATION_FIELDS = (
    "company_profile",
    "pipeline",
    "goals",
    "target_partners",
    "employees",
)


class DelegationError(Exception):
    """A refused action: 409 wrong state or too late, 403 not allowed, 400 bad input."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


def _save(instance, **fields: Any):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _require_organiser(user: User, event: Event) -> None:
    if not is_organiser(user=user, event=event):
        raise DelegationError(_("Only the programme's organisers may do this."), 403)


def _require_company(application: DelegationApplication, user: User) -> None:
    same_company = (
        user.organisation_id is not None
        and user.organisation_id == application.organisation_id
    )
    if application.applicant_id != user.pk and not same_company:
        raise DelegationError(_("This is another company's application."), 403)


def _require_open(programme: DelegationProgramme, now: dt.datetime) -> None:
    if now < programme.applications_open_at:
        raise DelegationError(_("Applications have not opened yet."))
    if now >= programme.application_deadline:
        raise DelegationError(_("The application deadline has passed."))


def programme_upsert(*, event: Event, **fields: Any) -> DelegationProgramme:
    programme = DelegationProgramme.objects.filter(event=event).first()
    return _save(programme or DelegationProgramme(event=event), **fields)


@transaction.atomic
def application_create(
    *, programme: DelegationProgramme, user: User, **fields: Any
) -> DelegationApplication:
    """A company's first application; a second one is refused (edit the first)."""
    if (
        user.organisation_id
        and DelegationApplication.objects.filter(
            programme=programme, organisation_id=user.organisation_id
        ).exists()
    ):
        raise DelegationError(_("Your company has already applied."))
    return application_save_draft(programme=programme, user=user, **fields)


def application_save_draft(
    *,
    programme: DelegationProgramme,
    user: User,
    application: DelegationApplication | None = None,
    now: dt.datetime | None = None,
    **fields: Any,
) -> DelegationApplication:
    """Create the company's draft or change it; only drafts, only before the deadline."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise DelegationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)), 400)
    _require_open(programme, _now(now))
    if application is None:
        if user.organisation_id is None:
            raise DelegationError(
                _("Add your company to your profile before applying."), 400
            )
        application = DelegationApplication.objects.filter(
            programme=programme, organisation_id=user.organisation_id
        ).first() or DelegationApplication(
            programme=programme, organisation_id=user.organisation_id, applicant=user
        )
    _require_company(application, user)
    if application.status != S.DRAFT:
        raise DelegationError(_("Only a draft can be changed."))
    return _save(application, **fields)


@transaction.atomic
def application_submit(
    *, application: DelegationApplication, user: User, now: dt.datetime | None = None
) -> DelegationApplication:
    now = _now(now)
    _require_company(application, user)
    _require_open(application.programme, now)
    if application.status != S.DRAFT:
        raise DelegationError(_("This application has already been submitted."))
    return _save(application, status=S.SUBMITTED, submitted_at=now)


@transaction.atomic
def document_add(
    *,
    application: DelegationApplication,
    user: User,
    upload,
    title: str = "",
    now: dt.datetime | None = None,
) -> ApplicationDocument:
    """Attach a PDF, DOCX or PPTX (recognised by its bytes) of at most 10 MB."""
    _require_company(application, user)
    _require_open(application.programme, _now(now))
    if application.status != S.DRAFT:
        raise DelegationError(_("Documents can be added to drafts only."))
    if application.documents.count() >= MAX_DOCUMENTS:
        raise DelegationError(
            _("At most %(n)s documents per application.") % {"n": MAX_DOCUMENTS}, 400
        )
    try:
        kind = document_kind(upload)
    except ValidationError as exc:
        raise DelegationError(" ".join(exc.messages), 400) from exc
    document = ApplicationDocument(
        application=application,
        title=(title or upload.name)[:200],
        file=upload,
        kind=kind,
        size=upload.size,
    )
    return _save(document)


@transaction.atomic
def document_remove(
    *, document: ApplicationDocument, user: User, now: dt.datetime | None = None
) -> None:
    application = document.application
    _require_company(application, user)
    _require_open(application.programme, _now(now))
    if application.status != S.DRAFT:
        raise DelegationError(_("Documents can be removed from drafts only."))
    document.file.delete(save=False)
    document.delete()


@transaction.atomic
def application_decide(
    *,
    application: DelegationApplication,
    actor: User,
    status: str,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> DelegationApplication:
    """Shortlist, accept, wait-list or reject; accepting needs a free place."""
    programme = DelegationProgramme.objects.select_for_update().get(
        pk=application.programme_id
    )
    _require_organiser(actor, programme.event)
    application = DelegationApplication.objects.select_for_update().get(
        pk=application.pk
    )
    if status not in DECISIONS:
        raise DelegationError(_("Not a decision: %s") % status, 400)
    if application.status not in DECISIONS[status]:
        raise DelegationError(
            _("A %(from)s application cannot become %(to)s.")
            % {"from": S(application.status).label, "to": S(status).label}
        )
    if status == S.ACCEPTED and places_taken(programme=programme) >= programme.places:
        raise DelegationError(
            _("All %(n)s places are taken; wait-list the company instead.")
            % {"n": programme.places}
        )
    fields = {"status": status, "decided_at": _now(now)}
    if note is not None:
        fields["decision_note"] = note
    return _save(application, **fields)


@transaction.atomic
def review_assign(
    *,
    application: DelegationApplication,
    reviewer: User,
    actor: User,
    tell: bool = True,
) -> ApplicationReview:
    """Assign a reviewer; a new assignment is e-mailed to them once committed
    (`tell=False` for seed data)."""
    _require_organiser(actor, application.programme.event)
    if application.status == S.DRAFT:
        raise DelegationError(_("Drafts are not reviewed."))
    review, created = ApplicationReview.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    if created and tell and reviewer.pk != actor.pk:
        transaction.on_commit(
            lambda: enqueue(
                "delegations.tasks.delegation_review_assigned_email", review.pk
            )
        )
    return review


@transaction.atomic
def review_unassign(*, review: ApplicationReview, actor: User) -> None:
    _require_organiser(actor, review.application.programme.event)
    review.delete()


@transaction.atomic
def review_score(
    *,
    review: ApplicationReview,
    user: User,
    fit: int,
    readiness: int,
    potential: int,
    comment: str = "",
    now: dt.datetime | None = None,
) -> ApplicationReview:
    if review.reviewer_id != user.pk:
        raise DelegationError(_("This review is assigned to someone else."), 403)
    if review.application.status not in (S.SUBMITTED, S.SHORTLISTED, S.WAITLISTED):
        raise DelegationError(_("This application has been decided."))
    return _save(
        review,
        fit=fit,
        readiness=readiness,
        potential=potential,
        comment=comment,
        scored_at=_now(now),
    )


def decisions_send_enqueue(*, programme: DelegationProgramme, actor: User) -> int:
    """Queue the e-mails of every decision not yet sent; returns how many."""
    _require_organiser(actor, programme.event)
    pending = [
        a
        for a in programme.applications.filter(status__in=DECIDED)
        if a.decision_pending_send
    ]
    if pending:
        enqueue("delegations.tasks.delegation_decisions_email", programme.pk)
    return len(pending)


def decisions_send_pending(*, programme: DelegationProgramme) -> int:
    """Send each company whose decision is new its e-mail, over one connection."""
    applications = programme.applications.filter(status__in=DECIDED).select_related(
        "applicant", "organisation", "programme__event"
    )
    sent = 0
    with get_connection() as connection:
        for application in applications:
            if not application.decision_pending_send:
                continue
            _decision_message(application, connection).send()
            DelegationApplication.objects.filter(pk=application.pk).update(
                decision_sent_at=timezone.now()
            )
            sent += 1
    return sent


def _decision_message(application: DelegationApplication, connection) -> EmailMessage:
    with translation.override(application.applicant.mail_language):
        url = settings.SITE_URL + reverse(
            "delegation:application_detail", kwargs={"pk": application.pk}
        )
        context = {"application": application, "url": url}
        body = render_to_string("delegations/email/decision.txt", context)
        subject = _("%(programme)s: your application") % {
            "programme": application.programme.event.name
        }
    return EmailMessage(
        subject=subject,
        body=body,
        to=[application.applicant.email],
        connection=connection,
    )


def _mail(user: User, subject, template: str, context: dict) -> EmailMessage:
    """A plain-text e-mail to `user`, written in their language."""
    with translation.override(user.mail_language):
        body = render_to_string(f"delegations/email/{template}.txt", context)
        return EmailMessage(subject=str(subject), body=body, to=[user.email])


def review_assigned_send(*, review: ApplicationReview) -> None:
    application = review.application
    with translation.override(review.reviewer.mail_language):
        url = settings.SITE_URL + reverse(
            "delegation:review_detail", kwargs={"pk": review.pk}
        )
        subject = _("%(programme)s: an application to review") % {
            "programme": application.programme.event.name
        }
        context = {"review": review, "application": application, "url": url}
        _mail(review.reviewer, subject, "review_assigned", context).send()


def delegate_invited_send(*, delegate: Delegate) -> None:
    """Tell a named delegate where their itinerary is and how to sign in."""
    event = delegate.application.programme.event
    with translation.override(delegate.user.mail_language):
        itinerary = reverse("delegation:itinerary", kwargs={"slug": event.slug})
        query = urlencode({"email": delegate.user.email, "next": itinerary})
        context = {
            "delegate": delegate,
            "event": event,
            "programme": delegate.application.programme,
            "url": settings.SITE_URL + itinerary,
            "signin_url": settings.SITE_URL
            + reverse("accounts:signin_link")
            + "?"
            + query,
        }
        subject = _("%(programme)s: you are a delegate") % {"programme": event.name}
        _mail(delegate.user, subject, "delegate_invited", context).send()


@dataclass(frozen=True)
class DelegateIn:
    email: str
    first_name: str
    last_name: str
    role: str
    name_ko: str = ""
    job_title: str = ""


@transaction.atomic
def application_confirm(
    *,
    application: DelegationApplication,
    user: User,
    delegates: list[DelegateIn],
    now: dt.datetime | None = None,
    tell: bool = True,
) -> DelegationApplication:
    """Take the place and name the delegates; each gets a delegation registration
    and, once committed, an e-mail in their language (not the one confirming)."""
    _require_company(application, user)
    application = DelegationApplication.objects.select_for_update().get(
        pk=application.pk
    )
    programme = application.programme
    if application.status != S.ACCEPTED:
        raise DelegationError(_("Only an accepted application can be confirmed."))
    if not 1 <= len(delegates) <= programme.delegates_per_company:
        raise DelegationError(
            _("Name between 1 and %(n)s delegates.")
            % {"n": programme.delegates_per_company},
            400,
        )
    if len({d.email.strip().lower() for d in delegates}) != len(delegates):
        raise DelegationError(_("Each delegate needs their own e-mail address."), 400)
    named = [delegate_add(application=application, person=p) for p in delegates]
    application = _save(application, status=S.CONFIRMED, confirmed_at=_now(now))
    if tell:
        ids = [d.pk for d in named if d.user_id != user.pk]
        if ids:
            transaction.on_commit(
                lambda: enqueue(
                    "delegations.tasks.delegation_delegate_invited_email", ids
                )
            )
    return application


def delegate_add(*, application: DelegationApplication, person: DelegateIn) -> Delegate:
    existing = User.objects.filter(email__iexact=person.email.strip()).first()
    fields = {"first_name": person.first_name, "last_name": person.last_name}
    if person.name_ko:
        fields["name_ko"] = person.name_ko
    if person.job_title:
        fields["job_title"] = person.job_title
    if existing is None or existing.organisation_id is None:
        fields["organisation"] = application.organisation
    delegate_user = user_upsert(email=person.email, **fields)
    registration = _delegate_registration(application.programme, delegate_user)
    delegate = Delegate.objects.filter(
        application=application, user=delegate_user
    ).first() or Delegate(application=application, user=delegate_user)
    return _save(delegate, role=person.role, registration=registration)


def _delegate_registration(programme: DelegationProgramme, user: User) -> Registration:
    registration = Registration.objects.filter(event=programme.event, user=user).first()
    registration = registration or Registration(event=programme.event, user=user)
    if registration.ticket_type_id is None and programme.delegate_ticket_id:
        registration.ticket_type = programme.delegate_ticket
    return _save(
        registration,
        category=RegistrationCategory.DELEGATION,
        status=RegistrationStatus.CONFIRMED,
        organisation_name=user.organisation.name if user.organisation else "",
        job_role=user.job_title,
    )


def _require_member(application: DelegationApplication, user: User) -> None:
    _require_company(application, user)
    if application.status != S.CONFIRMED:
        raise DelegationError(_("Only member companies report outcomes."))


@transaction.atomic
def meeting_outcome_report(
    *,
    application: DelegationApplication,
    user: User,
    counterpart: str,
    held_on: dt.date,
    outcome: str,
    notes: str = "",
) -> MeetingOutcomeReport:
    """Record (or correct) one meeting; keyed on counterpart and day."""
    _require_member(application, user)
    event = application.programme.event
    if not event.start_date <= held_on <= event.end_date:
        raise DelegationError(
            _("The meeting must fall within the programme (%(a)s to %(b)s).")
            % {"a": event.start_date, "b": event.end_date},
            400,
        )
    report = MeetingOutcomeReport.objects.filter(
        application=application, counterpart=counterpart.strip(), held_on=held_on
    ).first() or MeetingOutcomeReport(
        application=application, counterpart=counterpart.strip(), held_on=held_on
    )
    return _save(report, outcome=outcome, notes=notes, reported_by=user)


@transaction.atomic
def meeting_outcome_remove(*, report: MeetingOutcomeReport, user: User) -> None:
    _require_member(report.application, user)
    report.delete()


@transaction.atomic
def programme_report_save(
    *,
    application: DelegationApplication,
    user: User,
    trials_attracted: int,
    agreements_signed: int,
    satisfaction: int,
    comments: str = "",
) -> ProgrammeOutcomeReport:
    _require_member(application, user)
    report = ProgrammeOutcomeReport.objects.filter(
        application=application
    ).first() or ProgrammeOutcomeReport(application=application)
    return _save(
        report,
        trials_attracted=trials_attracted,
        agreements_signed=agreements_signed,
        satisfaction=satisfaction,
        comments=comments,
    )
