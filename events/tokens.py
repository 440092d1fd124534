"""Integrators' API tokens: issue, revoke, list and authenticate.

A key is `cvt_` and 40 random characters; only its SHA-256 is stored and it is
shown once. A token acts as its owner, narrowed to its scopes (and to one event
when `event` is set), so it can never do more than the owner could.
"""

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from events.enums import ApiScope, TeamRole
from events.models import ApiToken, Event

KEY_PREFIX = "cvt_"
# last_used_at is written at most this often per token, not on every request.
LAST_USED_EVERY = dt.timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def events_organised(*, user: User) -> QuerySet[Event]:
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(
        members__user=user, members__role=TeamRole.ORGANISER
    ).distinct()


def may_issue_tokens(*, user: User) -> bool:
    return user.is_authenticated and events_organised(user=user).exists()


def api_token_list_for_owner(*, owner: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(owner=owner).select_related("event")


def api_token_create(
    *,
    owner: User,
    name: str,
    scopes: list[str],
    event: Event | None = None,
    expires_at: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new token and its key (returned once, never stored)."""
    if not may_issue_tokens(user=owner):
        raise PermissionDenied(_("Only event organisers issue API tokens."))
    if event is not None and not events_organised(user=owner).filter(pk=event.pk):
        raise PermissionDenied(_("You do not organise this event."))
    unknown = sorted(set(scopes) - set(ApiScope.values))
    if not scopes or unknown:
        raise ValidationError(
            {
                "scopes": _("Choose one or more of: %(scopes)s.")
                % {"scopes": ", ".join(ApiScope.values)}
            }
        )
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    key = KEY_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken(
        owner=owner,
        name=name.strip(),
        event=event,
        scopes=sorted(set(scopes)),
        expires_at=expires_at,
        key_hash=key_hash(key),
        prefix=key[:10],
    )
    token.full_clean()
    token.save()
    return token, key


def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    if token.owner_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied(_("Only the token's owner revokes it."))
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    token.refresh_from_db()
    return token


def api_token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (owner loaded, active); None otherwise."""
    if not key.startswith(KEY_PREFIX):
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("owner", "event")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True, owner__is_active=True)
        .first()
    )
    if token is None or not token.is_live:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
