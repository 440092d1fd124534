"""Reviews: organisers assign reviewers to submitted applications; a reviewer
scores only their own, and only until the application is decided."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from config.queue import enqueue
from delegations.enums import ApplicationStatus as S
from delegations.models import ApplicationReview, DelegationApplication
from delegations.services.common import (
    DelegationError,
    mail,
    now_or_current,
    require_organiser,
    save,
)


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
    require_organiser(actor, application.programme.event)
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
    return save(
        review,
        fit=fit,
        readiness=readiness,
        potential=potential,
        comment=comment,
        scored_at=now_or_current(now),
    )


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
        mail(review.reviewer, subject, "review_assigned", context).send()
