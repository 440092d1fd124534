"""The one NinjaAPI: routers per app and every error as `application/problem+json`."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from accounts.api import router as account_router
from badges.api import router as checkin_router
from calendars.api import router as my_router
from config.api_bearer import refuse_unknown_bearer
from config.bad_input import BadInput, InputParser, value_refused
from config.problems import problem
from config.resilience import database_unavailable
from delegations.api.applicant import router as delegation_router
from delegations.services import DelegationError
from events.api import organisations_router, tokens_router
from events.api import router as events_router
from events.selectors import FilterError
from matchmaking.api import router as partnering_router
from matchmaking.services import PartneringError
from registration.api import router as registration_router
from registration.services import RegistrationError

api = NinjaAPI(
    title="Convene API",
    version="1",
    description="Events, agenda, speakers and organisations of Convene.",
    urls_namespace="api",
    docs_url="/docs",
    parser=InputParser(),
)
api.add_router("/events", events_router)
api.add_router("/organisations", organisations_router)
api.add_router("/registration", registration_router)
api.add_router("/me", my_router)
api.add_router("/partnering", partnering_router)
api.add_router("/checkin", checkin_router)
api.add_router("/delegation", delegation_router)
api.add_router("/tokens", tokens_router)
api.add_router("/account", account_router)
# Before every operation's own authenticators: a made-up bearer key is 401.
api.add_decorator(refuse_unknown_bearer, mode="view")


def _what(exc: Exception) -> str:
    """`Event.DoesNotExist` → "Event"; the model's name, never the query."""
    return type(exc).__qualname__.split(".")[0]


@api.exception_handler(ObjectDoesNotExist)
def not_found(request: HttpRequest, exc: ObjectDoesNotExist) -> JsonResponse:
    return problem(404, "Not found", f"{_what(exc)} not found.")


@api.exception_handler(Http404)
def http_404(request: HttpRequest, exc: Http404) -> JsonResponse:
    return problem(404, "Not found", str(exc) or "Not found.")


@api.exception_handler(FilterError)
def bad_filter(request: HttpRequest, exc: FilterError) -> JsonResponse:
    return problem(400, "Bad filter", str(exc))


@api.exception_handler(RegistrationError)
def registration_refused(request: HttpRequest, exc: RegistrationError) -> JsonResponse:
    """Sold out, sale closed, voucher invalid…: 409/400/403 with the reason."""
    return problem(exc.status, "Registration refused", str(exc))


@api.exception_handler(PartneringError)
def partnering_refused(request: HttpRequest, exc: PartneringError) -> JsonResponse:
    """Wrong state (409), not allowed (403), bad input (400): with the reason."""
    return problem(exc.status, "Partnering refused", str(exc))


@api.exception_handler(DelegationError)
def delegation_refused(request: HttpRequest, exc: DelegationError) -> JsonResponse:
    """Too late, wrong state (409), not allowed (403), bad input (400)."""
    return problem(exc.status, "Delegation refused", str(exc))


@api.exception_handler(ValidationError)
def invalid(request: HttpRequest, exc: ValidationError) -> JsonResponse:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
    detail = "; ".join(
        f"{k}: {' '.join(v)}" if k else " ".join(v) for k, v in errors.items()
    )
    return problem(400, "Invalid data", detail, errors=errors)


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> JsonResponse:
    parts = []
    for error in exc.errors:
        where = ".".join(
            str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path")
        )
        parts.append(
            f"{where}: {error.get('msg', 'invalid')}"
            if where
            else error.get("msg", "invalid")
        )
    errors = [
        {"loc": e.get("loc"), "msg": e.get("msg"), "type": e.get("type")}
        for e in exc.errors
    ]
    return problem(422, "Invalid request", "; ".join(parts), errors=errors)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> JsonResponse:
    return problem(403, "Forbidden", str(exc) or "You may not do this.")


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> JsonResponse:
    return problem(401, "Unauthorised", "Sign in or send a valid token.")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> JsonResponse:
    cause = exc.__cause__  # ninja wraps a body the parser refused: say why
    detail = str(cause) if isinstance(cause, BadInput) else str(exc)
    return problem(exc.status_code, "Error", detail)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def database_refused_value(request: HttpRequest, exc: Exception) -> JsonResponse:
    """A value too long or too large for its column that got past the schema: the
    input's fault, 400 (the schemas mirror the models' limits, so this is rare)."""
    return value_refused(request, exc)


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def database_lost(request: HttpRequest, exc: Exception) -> JsonResponse:
    """PostgreSQL restarted or the connection was cut: 503, retry shortly."""
    return database_unavailable(request, exc)
