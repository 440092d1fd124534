"""Writes for badges and check-in: keyword-only, transactional.

Check-in follows pretix's `perform_checkin` in spirit: the client sends a nonce,
the registration row is locked, and at most one record exists per person and
place (unique constraints back the lock up), so a scan sent twice, or by two
phones at once, counts once.
"""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from badges import rendering, selectors
from badges.enums import BatchStatus, CheckInKind, InvalidReason, ScanResult
from badges.models import Badge, BadgeBatch, CheckIn, ScannerToken
from badges.permissions import Scanner, key_hash, may_check_in, may_manage_badges
from badges.samples import design_style
from badges.tokens import ForgedToken, token_make, token_read
from config.queue import enqueue
from events.models import Event, Session
from registration.enums import OrderStatus, RegistrationStatus
from registration.models import Registration, TicketType

PROGRESS_EVERY = 25


class NonceReused(ValidationError):
    """The client sent a nonce it already used for another person or place."""


def badge_current(*, registration: Registration) -> Badge:
    """The registration's live badge, issuing version 1 if it has none."""
    badge = registration.badges.filter(revoked_at__isnull=True).first()
    if badge is not None:
        return badge
    version = (registration.badges.order_by("-version").first() or Badge()).version
    try:
        with transaction.atomic():
            return Badge.objects.create(
                registration=registration, version=(version or 0) + 1
            )
    except IntegrityError:  # another request issued it first
        return registration.badges.get(revoked_at__isnull=True)


def badge_token(*, badge: Badge) -> str:
    return token_make(registration_id=badge.registration_id, version=badge.version)


def registration_qr_token(*, registration: Registration) -> str:
    """The QR text of the live badge: the same on the printed badge, the mobile
    ticket and any e-mailed ticket, so every copy scans (and a reprint retires all)."""
    return badge_token(badge=badge_current(registration=registration))


@transaction.atomic
def badge_for_print(*, registration: Registration, now: dt.datetime) -> Badge:
    """The badge to print now: the current one if never printed, else a reprint.

    A reprint revokes the printed version first, so the old card is rejected.
    """
    Registration.objects.select_for_update().filter(pk=registration.pk).first()
    badge = badge_current(registration=registration)
    if badge.printed_at is not None:
        badge.revoked_at = now
        badge.save(update_fields=["revoked_at"])
        badge = Badge.objects.create(
            registration=registration, version=badge.version + 1, created_at=now
        )
    badge.printed_at = now
    badge.save(update_fields=["printed_at"])
    return badge


def badge_print_one(*, registration: Registration, actor: User) -> bytes:
    if not may_manage_badges(user=actor, event=registration.event):
        raise PermissionDenied(_("Only the event's organisers print badges."))
    badge = badge_for_print(registration=registration, now=timezone.now())
    design = selectors.design_for(event=registration.event)
    face = selectors.badge_face(
        registration=registration, token=badge_token(badge=badge)
    )
    return rendering.badge_pdf(face, design_style(design=design))


def badge_batch_start(
    *,
    event: Event,
    actor: User,
    layout: str,
    only_unprinted: bool = True,
    ticket_type: TicketType | None = None,
    category: str = "",
) -> BadgeBatch:
    """Queue a print run; the `badge_batch_render` task renders it."""
    if not may_manage_badges(user=actor, event=event):
        raise PermissionDenied(_("Only the event's organisers print badges."))
    if ticket_type is not None and ticket_type.event_id != event.pk:
        raise ValidationError(
            {"ticket_type": _("This ticket belongs to another event.")}
        )
    left = selectors.registration_list_for_print(
        event=event,
        only_unprinted=only_unprinted,
        ticket_type_id=ticket_type.pk if ticket_type else None,
        category=category,
    )
    if not left.exists():
        raise ValidationError(
            _(
                "There is no badge left to print with these choices: every "
                "confirmed registration they match has its badge already, or none "
                "matches. Untick “Only badges not yet printed” to print them again."
            )
        )
    batch = BadgeBatch(
        event=event,
        created_by=actor,
        layout=layout,
        only_unprinted=only_unprinted,
        ticket_type=ticket_type,
        category=category,
    )
    batch.full_clean()
    batch.save()
    transaction.on_commit(lambda: enqueue("badges.tasks.badge_batch_render", batch.pk))
    return batch


def _batch_progress(batch: BadgeBatch):
    def report(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    return report


def _print_plan(registrations: list[Registration], now: dt.datetime) -> dict:
    """Each registration's current badge, issuing version 1 where none exists.

    The printed version is the current one if it was never printed, else the next.
    """
    ids = [r.pk for r in registrations]
    live = Badge.objects.filter(registration_id__in=ids, revoked_at__isnull=True)
    current = {b.registration_id: b for b in live}
    missing = [pk for pk in ids if pk not in current]
    if missing:
        last = dict(
            Badge.objects.filter(registration_id__in=missing)
            .values("registration_id")
            .annotate(top=Max("version"))
            .values_list("registration_id", "top")
        )
        Badge.objects.bulk_create(
            [Badge(registration_id=pk, version=last.get(pk, 0) + 1) for pk in missing],
            ignore_conflicts=True,
        )
        current.update(
            {b.registration_id: b for b in live.filter(registration_id__in=missing)}
        )
    return current


def _printed_version(badge: Badge) -> int:
    return badge.version + 1 if badge.printed_at else badge.version


@transaction.atomic
def _print_apply(current: dict[int, Badge], now: dt.datetime) -> None:
    """After the PDF is made: reprints revoke the old card, the rest are printed."""
    again = [b for b in current.values() if b.printed_at]
    revoked = Badge.objects.filter(
        pk__in=[b.pk for b in again], revoked_at__isnull=True
    ).update(revoked_at=now)
    if revoked != len(again):
        raise ValidationError(_("Some badges were reprinted meanwhile; print again."))
    Badge.objects.bulk_create(
        Badge(
            registration_id=b.registration_id,
            version=b.version + 1,
            created_at=now,
            printed_at=now,
        )
        for b in again
    )
    first = [b.pk for b in current.values() if not b.printed_at]
    Badge.objects.filter(pk__in=first).update(printed_at=now)


def badge_batch_run(*, batch: BadgeBatch) -> BadgeBatch:
    """Render a queued print run into one PDF, then mark its badges printed.

    Badges are issued in bulk and revoked only once the PDF exists, so a failed
    run leaves every card that is out there valid.
    """
    registrations = list(
        selectors.registration_list_for_print(
            event=batch.event,
            only_unprinted=batch.only_unprinted,
            ticket_type_id=batch.ticket_type_id,
            category=batch.category,
        )
    )
    BadgeBatch.objects.filter(pk=batch.pk).update(
        status=BatchStatus.RUNNING, total=len(registrations), done=0
    )
    now = timezone.now()
    try:
        current = _print_plan(registrations, now)
        faces = (
            selectors.badge_face(
                registration=r,
                token=token_make(
                    registration_id=r.pk, version=_printed_version(current[r.pk])
                ),
            )
            for r in registrations
        )
        pdf = rendering.batch_pdf(
            faces,
            design_style(design=selectors.design_for(event=batch.event)),
            layout=batch.layout,
            progress=_batch_progress(batch),
            every=PROGRESS_EVERY,
        )
        _print_apply(current, now)
    except Exception as exc:
        BadgeBatch.objects.filter(pk=batch.pk).update(
            status=BatchStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
        raise
    batch.refresh_from_db()
    batch.file.save(f"badges-{batch.event.slug}-{batch.pk}.pdf", ContentFile(pdf))
    batch.status, batch.finished_at = BatchStatus.DONE, timezone.now()
    batch.save(update_fields=["file", "status", "finished_at"])
    return batch


def scanner_token_create(
    *, event: Event, name: str, actor: User
) -> tuple[ScannerToken, str]:
    """A new device key; returns the token and the key, which is never stored."""
    if not may_manage_badges(user=actor, event=event):
        raise PermissionDenied(_("Only the event's organisers issue scanner tokens."))
    key = "cvs_" + secrets.token_urlsafe(30)
    token = ScannerToken(
        event=event, name=name, key_hash=key_hash(key), prefix=key[:8], created_by=actor
    )
    token.full_clean()
    token.save()
    return token, key


def scanner_token_revoke(*, token: ScannerToken, actor: User) -> ScannerToken:
    if not may_manage_badges(user=actor, event=token.event):
        raise PermissionDenied(_("Only the event's organisers revoke scanner tokens."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


@dataclass(frozen=True)
class ScanOutcome:
    result: str
    reason: str = ""
    registration: Registration | None = None
    check_in: CheckIn | None = None
    repeated: bool = False


def _invalid(reason: str, registration: Registration | None = None) -> ScanOutcome:
    return ScanOutcome(ScanResult.INVALID, reason, registration)


def _from_token(
    token: str, event: Event
) -> tuple[Registration | None, Badge | None, str]:
    try:
        claims = token_read(token)
    except ForgedToken:
        return None, None, InvalidReason.FORGED
    registration = selectors._registrations().filter(pk=claims.registration_id).first()
    if registration is None:
        return None, None, InvalidReason.NOT_FOUND
    if registration.event_id != event.pk:
        return registration, None, InvalidReason.OTHER_EVENT
    badge = registration.badges.filter(version=claims.version).first()
    if badge is None or badge.revoked_at is not None:
        return registration, badge, InvalidReason.REVOKED
    return registration, badge, ""


def _status_reason(registration: Registration) -> str:
    if registration.status == RegistrationStatus.CANCELLED:
        order = registration.order
        refunded = order is not None and order.status == OrderStatus.REFUNDED
        return InvalidReason.REFUNDED if refunded else InvalidReason.CANCELLED
    if registration.status != RegistrationStatus.CONFIRMED:
        return InvalidReason.UNPAID
    return ""


def _repeat(existing: CheckIn, event: Event, registration_id, session) -> ScanOutcome:
    """The answer to a nonce seen before: the first answer, if it is the same scan."""
    same = (
        existing.event_id == event.pk
        and (registration_id is None or existing.registration_id == registration_id)
        and existing.session_id == (session.pk if session else None)
    )
    if not same:
        raise NonceReused(_("This scan id was already used for another check-in."))
    return ScanOutcome(
        ScanResult.OK, "", existing.registration, existing, repeated=True
    )


def check_in(
    *,
    event: Event,
    scanner: Scanner,
    nonce: str,
    token: str = "",
    registration_id: int | None = None,
    session: Session | None = None,
) -> ScanOutcome:
    """Let a person in by badge token or, found by search, by registration id."""
    if not may_check_in(scanner=scanner, event=event):
        raise PermissionDenied(_("You may not check people in at this event."))
    if session is not None and session.event_id != event.pk:
        raise ValidationError({"session": _("This session belongs to another event.")})
    existing = (
        CheckIn.objects.select_related("registration__user").filter(nonce=nonce).first()
    )
    if existing is not None:
        return _repeat(existing, event, registration_id, session)
    badge = None
    if token:
        registration, badge, reason = _from_token(token, event)
    else:
        registration = (
            selectors._registrations().filter(pk=registration_id, event=event).first()
        )
        reason = "" if registration else InvalidReason.NOT_FOUND
    reason = reason or _status_reason(registration)
    if reason:
        return _invalid(
            reason, registration if reason != InvalidReason.OTHER_EVENT else None
        )
    return _record(
        event, scanner, nonce, registration, badge, session, manual=not token
    )


@transaction.atomic
def _record(
    event, scanner, nonce, registration, badge, session, *, manual
) -> ScanOutcome:
    Registration.objects.select_for_update().filter(pk=registration.pk).first()
    kind = CheckInKind.SESSION if session else CheckInKind.ENTRANCE
    place = CheckIn.objects.filter(
        registration=registration, kind=kind, session=session
    )
    earlier = place.first()
    if earlier is not None:
        if earlier.nonce == nonce:
            return _repeat(earlier, event, registration.pk, session)
        return ScanOutcome(ScanResult.ALREADY, "", registration, earlier)
    try:
        with transaction.atomic():
            record = CheckIn.objects.create(
                event=event,
                registration=registration,
                badge=badge,
                kind=kind,
                session=session,
                nonce=nonce,
                by_user=scanner.user,
                by_token=scanner.token,
                manual=manual,
            )
    except IntegrityError:
        existing = CheckIn.objects.filter(nonce=nonce).first()
        if existing is not None:
            return _repeat(existing, event, registration.pk, session)
        return ScanOutcome(ScanResult.ALREADY, "", registration, place.first())
    return ScanOutcome(ScanResult.OK, "", registration, record)
