"""Confirming a place and naming the delegates: each becomes a user (if new) with a
delegation registration in the programme's event, and is invited by e-mail."""

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_upsert
from config.queue import enqueue
from delegations.enums import ApplicationStatus as S
from delegations.models import Delegate, DelegationApplication, DelegationProgramme
from delegations.services.common import (
    DelegationError,
    mail,
    now_or_current,
    require_company,
    save,
)
from registration.enums import RegistrationCategory, RegistrationStatus
from registration.models import Registration


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
    require_company(application, user)
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
    application = save(
        application, status=S.CONFIRMED, confirmed_at=now_or_current(now)
    )
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
    return save(delegate, role=person.role, registration=registration)


def _delegate_registration(programme: DelegationProgramme, user: User) -> Registration:
    registration = Registration.objects.filter(event=programme.event, user=user).first()
    registration = registration or Registration(event=programme.event, user=user)
    if registration.ticket_type_id is None and programme.delegate_ticket_id:
        registration.ticket_type = programme.delegate_ticket
    return save(
        registration,
        category=RegistrationCategory.DELEGATION,
        status=RegistrationStatus.CONFIRMED,
        organisation_name=user.organisation.name if user.organisation else "",
        job_role=user.job_title,
    )


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
        mail(delegate.user, subject, "delegate_invited", context).send()
