"""A person's own data: everything Convene holds about them as one JSON document,
and the deletion of their account.

Deletion anonymises rather than deletes: orders and invoices stay for the
accounting (their amounts, codes and the company's billing details) without the
person's name or address, registrations stay as counted seats and check-ins
without their answers, and meetings stay in the other side's history. What only
serves the person (bookmarks, calendar feeds, notifications, waiting-list places,
API tokens, authenticators, the partnering pitch) is removed. An unpaid order or a
meeting still to come blocks deletion: the person must settle or cancel it first.
"""

import datetime as dt
import uuid
from decimal import Decimal

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from badges.models import CheckIn
from delegations.models import DelegationApplication
from events.enums import TeamRole
from events.models import EventTeamMember
from matchmaking.enums import MeetingStatus
from matchmaking.models import Meeting, MeetingRequest, Notification, Participant
from registration.enums import OrderStatus
from registration.models import Order, Registration, WaitlistEntry

FORMAT = "convene-personal-data/1"
# Never exported: secrets, not data about the person.
SECRET_FIELDS = {"password", "key_hash", "secret", "token", "nonce"}


class DeletionBlocked(Exception):
    """The account cannot be deleted yet; `reasons` says what to settle first."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def _value(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def _row(obj: models.Model, *, skip: tuple[str, ...] = ()) -> dict:
    """Every concrete field of `obj` (foreign keys as ids), secrets left out."""
    row = {}
    for field in obj._meta.concrete_fields:
        name = field.attname if field.is_relation else field.name
        if field.name in SECRET_FIELDS or field.name in skip:
            continue
        row[name] = _value(getattr(obj, name))
    return row


def personal_data_export(*, user: User) -> dict:
    """Everything about `user`: account, registrations with answers, orders,
    partnering profiles, meeting requests, meetings, check-ins, waiting lists,
    delegation applications and notifications."""
    registrations = list(
        Registration.objects.filter(user=user).select_related("event", "ticket_type")
    )
    participants = list(Participant.objects.filter(registration__user=user))
    requests = MeetingRequest.objects.filter(
        Q(sender__in=participants) | Q(recipient__in=participants)
    ).order_by("pk")
    meetings = (
        Meeting.objects.filter(participants__in=participants)
        .distinct()
        .prefetch_related("participants")
        .order_by("pk")
    )
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": _row(user),
        "registrations": [
            _row(r) | {"event": r.event.slug, "ticket": str(r.ticket_type or "")}
            for r in registrations
        ],
        "orders": [_row(o) for o in Order.objects.filter(buyer=user).order_by("pk")],
        "partnering_profiles": [
            _row(p)
            | {
                "offers": list(p.offers.values_list("slug", flat=True)),
                "seeks": list(p.seeks.values_list("slug", flat=True)),
            }
            for p in participants
        ],
        "meeting_requests": [_row(r) for r in requests],
        "meetings": [
            _row(m) | {"participants": [p.pk for p in m.participants.all()]}
            for m in meetings
        ],
        "check_ins": [
            _row(c)
            for c in CheckIn.objects.filter(registration__user=user).order_by("pk")
        ],
        "waiting_lists": [
            _row(w) for w in WaitlistEntry.objects.filter(user=user).order_by("pk")
        ],
        "delegation_applications": [
            _row(a)
            for a in DelegationApplication.objects.filter(applicant=user).order_by("pk")
        ],
        "notifications": [
            _row(n) for n in Notification.objects.filter(user=user).order_by("pk")
        ],
        "event_roles": [
            _row(m) for m in EventTeamMember.objects.filter(user=user).order_by("pk")
        ],
    }


def account_deletion_blockers(*, user: User) -> list[str]:
    """Why the account cannot go yet (empty when it can)."""
    reasons = []
    if user.is_staff or user.is_superuser:
        reasons.append(_("Staff accounts are removed by another administrator."))
    if EventTeamMember.objects.filter(user=user, role=TeamRole.ORGANISER).exists():
        reasons.append(
            _("You organise an event: ask another organiser to take your role first.")
        )
    unpaid = Order.objects.filter(buyer=user, status=OrderStatus.PENDING)
    for code in unpaid.values_list("code", flat=True):
        reasons.append(
            _("Order %(code)s is not paid yet: pay or cancel it first.")
            % {"code": code}
        )
    if _upcoming_meetings(user).exists():
        reasons.append(
            _("You have partnering meetings still to come: cancel them first.")
        )
    return reasons


def _upcoming_meetings(user: User):
    now = timezone.now()
    return Meeting.objects.filter(
        participants__registration__user=user,
        status=MeetingStatus.CONFIRMED,
        event__end_date__gte=(now - dt.timedelta(days=1)).date(),
    ).filter(Q(slot__isnull=True) | Q(slot__start__gt=now))


@transaction.atomic
def account_delete(*, user: User) -> User:
    """Anonymise `user` (see the module's docstring); DeletionBlocked if something
    must be settled first."""
    user = User.objects.select_for_update().get(pk=user.pk)
    reasons = account_deletion_blockers(user=user)
    if reasons:
        raise DeletionBlocked(reasons)
    email = user.email
    Order.objects.filter(buyer=user).update(billing_name="", billing_address="")
    Registration.objects.filter(user=user).update(
        organisation_name="", job_role="", dietary_needs="", directory_consent=False
    )
    participants = Participant.objects.filter(registration__user=user)
    MeetingRequest.objects.filter(sender__in=participants).update(message="")
    participants.update(is_active=False, pitch_en="", pitch_ko="", investment_focus="")
    for model in (WaitlistEntry, Notification, TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()
    user.bookmarks.all().delete()
    user.feeds.all().delete()
    user.integration_tokens.all().delete()
    LogEntry.objects.filter(actor=user).update(actor_email="")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=email).delete()
    if user.photo:
        user.photo.delete(save=False)
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.first_name = user.last_name = user.name_ko = user.job_title = ""
    user.organisation = None
    user.photo = ""
    user.language = ""
    user.password = make_password(None)
    user.is_active = False
    user.full_clean(exclude=["password"])
    user.save()
    return user
