"""A person's own data: everything Convene holds about them as one JSON document,
and the deletion of their account.

Each app says what it holds about a person in a `PersonalData` section
(`<app>/privacy.py`, registered when the app is ready), so this module never
imports the apps above it and a new app cannot forget its part.

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
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User

FORMAT = "convene-personal-data/1"
# Never exported: secrets, not data about the person.
SECRET_FIELDS = {"password", "key_hash", "secret", "token", "nonce"}


class DeletionBlocked(Exception):
    """The account cannot be deleted yet; `reasons` says what to settle first."""

    def __init__(self, reasons: list[str]):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def _nothing_held(user: User) -> dict[str, list[dict]]:
    return {}


def _nothing_blocks(user: User) -> list[str]:
    return []


def _nothing_to_erase(user: User) -> None:
    return None


@dataclass(frozen=True)
class PersonalData:
    """What one app holds about a person: `export` returns named lists of rows,
    `blockers` why the account cannot go yet, `erase` anonymises or removes."""

    export: Callable[[User], dict[str, list[dict]]] = _nothing_held
    blockers: Callable[[User], list[str]] = _nothing_blocks
    erase: Callable[[User], None] = _nothing_to_erase


_SECTIONS: list[PersonalData] = []


def register(section: PersonalData) -> None:
    """Called from each app's `ready()`, in the order of INSTALLED_APPS."""
    if section not in _SECTIONS:
        _SECTIONS.append(section)


def _value(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    return value


def row(obj: models.Model, *, skip: tuple[str, ...] = ()) -> dict:
    """Every concrete field of `obj` (foreign keys as ids), secrets left out."""
    out = {}
    for field in obj._meta.concrete_fields:
        name = field.attname if field.is_relation else field.name
        if field.name in SECRET_FIELDS or field.name in skip:
            continue
        out[name] = _value(getattr(obj, name))
    return out


def personal_data_export(*, user: User) -> dict:
    """Everything about `user`: the account, then each app's section."""
    data = {"format": FORMAT, "exported_at": timezone.now().isoformat()}
    data["account"] = row(user)
    for section in _SECTIONS:
        data.update(section.export(user))
    return data


def account_deletion_blockers(*, user: User) -> list[str]:
    """Why the account cannot go yet (empty when it can)."""
    reasons = []
    if user.is_staff or user.is_superuser:
        reasons.append(_("Staff accounts are removed by another administrator."))
    for section in _SECTIONS:
        reasons.extend(section.blockers(user))
    return reasons


def _forget_sign_ins(user: User) -> None:
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()
    LogEntry.objects.filter(actor=user).update(actor_email="")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()


@transaction.atomic
def account_delete(*, user: User) -> User:
    """Anonymise `user` (see the module's docstring); DeletionBlocked if something
    must be settled first."""
    user = User.objects.select_for_update().get(pk=user.pk)
    reasons = account_deletion_blockers(user=user)
    if reasons:
        raise DeletionBlocked(reasons)
    for section in _SECTIONS:
        section.erase(user)
    _forget_sign_ins(user)
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
