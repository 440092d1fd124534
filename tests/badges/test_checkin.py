import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from badges import services
from badges.enums import CheckInKind, InvalidReason, ScanResult
from badges.models import CheckIn
from badges.permissions import Scanner
from badges.tokens import token_display, token_make
from registration.enums import OrderStatus, RegistrationStatus
from tests.factories.accounts import UserFactory
from tests.factories.badges import OrderFactory, RegistrationFactory
from tests.factories.events import RoomFactory, SessionFactory

pytestmark = pytest.mark.integration


def scan(event, scanner, nonce="nonce-0001", **kwargs):
    return services.check_in(event=event, scanner=scanner, nonce=nonce, **kwargs)


def test_the_code_under_the_qr_checks_in_when_typed(event, scanner, attendee, token):
    """Typed as printed, in lower case, with 0/1/8 for O/I/B in the signature:
    still accepted. (The ids before it are base 36, where O, I and B are digits of
    their own, so only the signature forgives them; a test that swapped them in
    the ids failed whenever an id held one.)"""
    payload, _dash, signature = token_display(token).lower().rpartition("-")
    signature = signature.replace("o", "0").replace("i", "1").replace("b", "8")
    typed = f"{payload}-{signature}"
    outcome = scan(event, scanner, token=f"  {typed} ")
    assert (outcome.result, outcome.registration) == (ScanResult.OK, attendee)


def test_a_typed_code_with_one_wrong_character_is_refused(event, scanner, token):
    payload, signature = token.rsplit("-", 1)
    wrong = "A" if signature[-1] != "A" else "B"
    outcome = scan(event, scanner, token=f"{payload}-{signature[:-1]}{wrong}")
    assert (outcome.result, outcome.reason) == (ScanResult.INVALID, "forged")


def test_first_scan_checks_the_person_in_at_the_entrance(
    event, scanner, attendee, token
):
    outcome = scan(event, scanner, token=token)
    assert (outcome.result, outcome.reason, outcome.repeated) == (
        ScanResult.OK,
        "",
        False,
    )
    assert outcome.registration == attendee
    record = CheckIn.objects.get()
    assert (record.kind, record.session, record.by_user) == (
        CheckInKind.ENTRANCE,
        None,
        scanner.user,
    )
    assert (record.badge.version, record.manual) == (1, False)


def test_the_same_scan_sent_twice_counts_once(event, scanner, token):
    first = scan(event, scanner, nonce="retry-0001", token=token)
    again = scan(event, scanner, nonce="retry-0001", token=token)
    assert (again.result, again.repeated) == (ScanResult.OK, True)
    assert again.check_in == first.check_in
    assert CheckIn.objects.count() == 1


def test_a_second_scan_says_already_checked_in_with_when_and_where(
    event, scanner, token
):
    first = scan(event, scanner, nonce="first-0001", token=token)
    second = scan(event, scanner, nonce="second-001", token=token)
    assert second.result == ScanResult.ALREADY
    assert second.check_in.checked_in_at == first.check_in.checked_in_at
    assert second.check_in.kind == CheckInKind.ENTRANCE
    assert CheckIn.objects.count() == 1


def test_each_session_room_counts_separately_from_the_entrance(event, scanner, token):
    room = RoomFactory(event=event, name_en="Hall B")
    session = SessionFactory(event=event, room=room, title_en="Keynote")
    entrance = scan(event, scanner, nonce="entrance-1", token=token)
    in_room = scan(event, scanner, nonce="hall-b-001", token=token, session=session)
    twice = scan(event, scanner, nonce="hall-b-002", token=token, session=session)
    assert [entrance.result, in_room.result, twice.result] == ["ok", "ok", "already"]
    assert twice.check_in.session == session


def test_a_session_of_another_event_is_refused(event, other_event, scanner, token):
    session = SessionFactory(event=other_event, room=RoomFactory(event=other_event))
    with pytest.raises(ValidationError):
        scan(event, scanner, token=token, session=session)


def test_manual_check_in_by_registration_id(event, scanner, attendee):
    outcome = scan(event, scanner, registration_id=attendee.pk)
    assert (outcome.result, outcome.registration) == (ScanResult.OK, attendee)
    assert CheckIn.objects.get().manual is True


def test_a_forged_token_is_not_valid(event, scanner, attendee):
    outcome = scan(event, scanner, token=f"{attendee.pk}-1-AAAAAAAAAAAAAAAAAAAAAAAA")
    assert (outcome.result, outcome.reason) == (
        ScanResult.INVALID,
        InvalidReason.FORGED,
    )
    assert outcome.registration is None
    assert CheckIn.objects.count() == 0


def test_a_reprinted_badge_revokes_the_old_one(event, scanner, attendee, token):
    now = timezone.now()
    services.badge_for_print(registration=attendee, now=now)  # prints version 1
    new = services.badge_for_print(registration=attendee, now=now)  # reprint
    old_scan = scan(event, scanner, nonce="old-badge1", token=token)
    new_scan = scan(
        event, scanner, nonce="new-badge1", token=services.badge_token(badge=new)
    )
    assert (old_scan.result, old_scan.reason) == ("invalid", InvalidReason.REVOKED)
    assert (new_scan.result, new.version) == ("ok", 2)


def test_a_token_of_a_version_never_issued_is_revoked(event, scanner, attendee):
    forged_version = token_make(registration_id=attendee.pk, version=5)
    outcome = scan(event, scanner, token=forged_version)
    assert outcome.reason == InvalidReason.REVOKED


def test_a_badge_of_another_event_is_refused_without_naming_the_person(
    event, other_event, scanner
):
    elsewhere = RegistrationFactory(event=other_event)
    token = services.badge_token(badge=services.badge_current(registration=elsewhere))
    outcome = scan(event, scanner, token=token)
    assert (outcome.result, outcome.reason) == ("invalid", InvalidReason.OTHER_EVENT)
    assert outcome.registration is None


@pytest.mark.parametrize(
    ("status", "order_status", "reason"),
    [
        (RegistrationStatus.CANCELLED, OrderStatus.CANCELLED, InvalidReason.CANCELLED),
        (RegistrationStatus.CANCELLED, OrderStatus.REFUNDED, InvalidReason.REFUNDED),
        (RegistrationStatus.PENDING, OrderStatus.PENDING, InvalidReason.UNPAID),
    ],
)
def test_cancelled_refunded_and_unpaid_registrations_are_not_valid(
    event, scanner, attendee, token, status, order_status, reason
):
    attendee.order = OrderFactory(event=event, buyer=attendee.user, status=order_status)
    attendee.status = status
    attendee.save()
    outcome = scan(event, scanner, token=token)
    assert (outcome.result, outcome.reason) == (ScanResult.INVALID, reason)
    assert outcome.registration == attendee
    assert CheckIn.objects.count() == 0


def test_an_unknown_registration_id_is_not_found(event, scanner):
    outcome = scan(event, scanner, registration_id=999999)
    assert (outcome.result, outcome.reason) == ("invalid", InvalidReason.NOT_FOUND)


def test_a_nonce_reused_for_another_person_is_refused(event, scanner, token):
    scan(event, scanner, nonce="shared-0001", token=token)
    someone = RegistrationFactory(event=event)
    with pytest.raises(services.NonceReused):
        scan(event, scanner, nonce="shared-0001", registration_id=someone.pk)


def test_staff_of_another_event_may_not_check_in(event, other_event, attendee, token):
    from events.models import EventTeamMember

    stranger = UserFactory()
    EventTeamMember.objects.create(event=other_event, user=stranger, role="checkin")
    with pytest.raises(PermissionDenied):
        scan(event, Scanner(user=stranger), token=token)


def test_check_in_time_is_recorded_in_utc(event, scanner, token):
    outcome = scan(event, scanner, token=token)
    assert outcome.check_in.checked_in_at.utcoffset() == dt.timedelta(0)
