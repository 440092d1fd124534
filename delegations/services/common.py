"""What every delegation service shares: the error type, saving, and the checks
of who may act and when (the itinerary's writes use them too)."""

import datetime as dt
from typing import Any

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from delegations.models import DelegationApplication, DelegationProgramme
from delegations.selectors import is_organiser
from events.models import Event


class DelegationError(Exception):
    """A refused action: 409 wrong state or too late, 403 not allowed, 400 bad input."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.status = status


def save(instance, **fields: Any):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance


def now_or_current(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def require_organiser(user: User, event: Event) -> None:
    if not is_organiser(user=user, event=event):
        raise DelegationError(_("Only the programme's organisers may do this."), 403)


def require_company(application: DelegationApplication, user: User) -> None:
    same_company = (
        user.organisation_id is not None
        and user.organisation_id == application.organisation_id
    )
    if application.applicant_id != user.pk and not same_company:
        raise DelegationError(_("This is another company's application."), 403)


def require_open(programme: DelegationProgramme, now: dt.datetime) -> None:
    if now < programme.applications_open_at:
        raise DelegationError(_("Applications have not opened yet."))
    if now >= programme.application_deadline:
        raise DelegationError(_("The application deadline has passed."))


def mail(user: User, subject, template: str, context: dict) -> EmailMessage:
    """A plain-text e-mail to `user`, written in their language."""
    with translation.override(user.mail_language):
        body = render_to_string(f"delegations/email/{template}.txt", context)
        return EmailMessage(subject=str(subject), body=body, to=[user.email])
