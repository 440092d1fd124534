"""Check-in over the API, for the scanner page and for scanning devices.

Either a signed-in team member (session cookie and CSRF header), a device's
scanner token (`Authorization: Bearer cvs_…`; only here, only for its own event)
or an integrator's API token with the `check_in` scope (`Bearer cvt_…`, acting
as its owner, who must be on the event's check-in team).
"""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate
from ninja.security import HttpBearer, django_auth

from badges import selectors, services
from badges.models import ScannerToken
from badges.permissions import Scanner, scanner_token_authenticate
from badges.schemas import AttendeeOut, ScanIn, ScanOut
from events.auth import ApiTokenAuth
from events.enums import ApiScope
from events.models import Event, Session


class ScannerKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        # config/api_bearer.py has looked the key up already on API requests.
        known = getattr(request, "bearer_token", None)
        if isinstance(known, ScannerToken):
            return known
        return scanner_token_authenticate(key=token)


router = Router(
    tags=["check-in"],
    auth=[ApiTokenAuth(ApiScope.CHECK_IN), ScannerKey(), django_auth],
)


def _scanner(request: HttpRequest) -> Scanner:
    if isinstance(request.auth, ScannerToken):
        return Scanner(token=request.auth)
    return Scanner(user=request.user)


@router.post(
    "/events/{slug}/scans",
    response=ScanOut,
    url_name="checkin_scan",
    operation_id="checkin_scan",
)
def checkin_scan(request: HttpRequest, slug: str, body: ScanIn):
    """Check a person in by badge token or registration id; idempotent by nonce."""
    event = get_object_or_404(Event, slug=slug)
    session = (
        get_object_or_404(Session, pk=body.session_id, event=event)
        if body.session_id
        else None
    )
    outcome = services.check_in(
        event=event,
        scanner=_scanner(request),
        nonce=body.nonce,
        token=body.token,
        registration_id=body.registration_id,
        session=session,
    )
    return ScanOut.of(outcome)


@router.get(
    "/events/{slug}/attendees",
    response=list[AttendeeOut],
    url_name="checkin_search",
    operation_id="checkin_search",
)
@paginate
def checkin_search(request: HttpRequest, slug: str, q: str):
    """Registrations by name, Korean name, e-mail or organisation (2+ characters)."""
    event = get_object_or_404(Event, slug=slug)
    found = selectors.registration_search(event=event, q=q, scanner=_scanner(request))
    return [AttendeeOut.of(r) for r in found]
