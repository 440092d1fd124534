"""Decisions and their e-mails, kept apart: organisers decide (the state machine is
`delegations.enums.DECISIONS`), then send when they choose. A company hears once of
a decision newer than its last e-mail, so a retried send repeats nothing."""

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from config.queue import enqueue
from delegations.enums import DECIDED, DECISIONS
from delegations.enums import ApplicationStatus as S
from delegations.models import DelegationApplication, DelegationProgramme
from delegations.selectors import places_taken
from delegations.services.common import (
    DelegationError,
    now_or_current,
    require_organiser,
    save,
)


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
    require_organiser(actor, programme.event)
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
            ngettext(
                "The %(n)s place is taken; wait-list the company instead.",
                "All %(n)s places are taken; wait-list the company instead.",
                programme.places,
            )
            % {"n": programme.places}
        )
    fields = {"status": status, "decided_at": now_or_current(now)}
    if note is not None:
        fields["decision_note"] = note
    return save(application, **fields)


def decisions_send_enqueue(*, programme: DelegationProgramme, actor: User) -> int:
    """Queue the e-mails of every decision not yet sent; returns how many."""
    require_organiser(actor, programme.event)
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
