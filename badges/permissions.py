"""Who may do what with badges and check-in, always for one event.

Check-in staff (`TeamRole.CHECKIN`) and scanner tokens may only check people in
(and look them up to do so); printing, designs, tokens and the dashboard are for
the event's organisers.
"""

import hashlib
from dataclasses import dataclass

from django.utils import timezone

from accounts.models import User
from badges.models import ScannerToken
from events.enums import TeamRole
from events.models import Event, EventTeamMember

SCANNER_ROLES = (TeamRole.CHECKIN, TeamRole.ORGANISER)


@dataclass(frozen=True)
class Scanner:
    """Whoever sends a scan: a signed-in person or a device's API token."""

    user: User | None = None
    token: ScannerToken | None = None


def _has_role(user: User | None, event: Event, roles) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return EventTeamMember.objects.filter(
        event=event, user=user, role__in=roles
    ).exists()


def may_check_in(*, scanner: Scanner, event: Event) -> bool:
    if scanner.token is not None:
        return scanner.token.event_id == event.pk and scanner.token.revoked_at is None
    return _has_role(scanner.user, event, SCANNER_ROLES)


def may_manage_badges(*, user: User | None, event: Event) -> bool:
    return _has_role(user, event, (TeamRole.ORGANISER,))


def events_managed(*, user: User):
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(
        members__user=user, members__role=TeamRole.ORGANISER
    ).distinct()


def events_scannable(*, user: User):
    if user.is_superuser:
        return Event.objects.all()
    return Event.objects.filter(
        members__user=user, members__role__in=SCANNER_ROLES
    ).distinct()


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def scanner_token_authenticate(*, key: str) -> ScannerToken | None:
    """The live token with this key, its `last_used_at` touched; None otherwise."""
    token = (
        ScannerToken.objects.select_related("event")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True)
        .first()
    )
    if token is not None:
        ScannerToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token
