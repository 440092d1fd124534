"""Rate limits on the doors people could hammer: sign-in, sign-in links, sign-up,
orders, meeting requests and the check-in API.

Fixed-window counters in the cache (Redis in production, so every web process
shares them). Each rule names the URL patterns it guards and the method; the
middleware in config/middleware.py checks a request before its view runs. The
person is the key when signed in (or the API token), else the client address.

Sign-in counts failures only (`sign_in_failed`, on Django's `user_login_failed`):
a venue's staff behind one Wi-Fi address all sign in at doors-open, and right
passwords never use up the address's allowance. Wrong ones for one account lock
that account (django-axes, accounts/lockout.py).
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Rule:
    scope: str
    url_names: frozenset[str]
    methods: frozenset[str]
    limit: int
    period: int  # seconds
    message: str
    by_address: bool = False  # key by the client address even when signed in
    failures_only: bool = False  # counted by `sign_in_failed`, not per request


def _rule(scope, names, limit, period, message, methods=("POST",), **flags):
    """`flags`: `by_address`, `failures_only` (see `Rule`)."""
    return Rule(
        scope, frozenset(names), frozenset(methods), limit, period, message, **flags
    )


RULES = [
    _rule(
        "signin",
        ["accounts:login", "wagtailadmin_login", "admin:login"],
        20,
        600,
        _("Too many sign-in attempts from your address. Try again in a few minutes."),
        by_address=True,
        failures_only=True,
    ),
    _rule(
        "two-factor",
        ["accounts:two_factor_verify", "accounts:two_factor_setup"],
        10,
        300,
        _("Too many codes tried. Wait a few minutes and try again."),
    ),
    _rule(
        "signin-link",
        ["accounts:signin_link"],
        20,
        3600,
        _("Too many sign-in links were asked for from your address. Try again later."),
        by_address=True,
    ),
    _rule(
        "signup",
        ["accounts:signup"],
        10,
        3600,
        _("Too many accounts were created from your address. Try again later."),
        by_address=True,
    ),
    _rule(
        "order",
        ["registration:register", "api:order_create"],
        20,
        3600,
        _("Too many orders in a short time. Try again later."),
    ),
    _rule(
        "meeting-request",
        ["matchmaking:profile", "api:partnering_request_list"],
        60,
        3600,
        _("Too many meeting requests in a short time. Try again later."),
    ),
    _rule(
        "csp-report",
        ["csp_report"],
        60,
        60,
        _("Too many reports."),
        by_address=True,
    ),
    _rule(
        "checkin",
        ["api:checkin_scan", "api:checkin_search"],
        240,
        60,
        _("Too many scans in a minute. Wait a moment and scan again."),
        methods=("GET", "POST"),
    ),
]


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind `PROXY_COUNT` trusted proxies the
    address they saw (the entry that many from the right of X-Forwarded-For)."""
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _who(request: HttpRequest, rule: Rule) -> str:
    user = getattr(request, "user", None)
    if not rule.by_address and user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    authorization = request.headers.get("Authorization", "")
    if not rule.by_address and authorization:
        return "token:" + hashlib.sha256(authorization.encode()).hexdigest()
    return "addr:" + client_address(request)


def rule_for(request: HttpRequest) -> Rule | None:
    match = request.resolver_match
    if match is None:
        return None
    name = match.view_name
    for rule in RULES:
        if request.method in rule.methods and name in rule.url_names:
            return rule
    return None


def counter_key(*, scope: str, who: str) -> str:
    """The cache key of one counter (hashed: e-mail addresses stay out of Redis)."""
    space = settings.RATELIMIT_NAMESPACE
    return "ratelimit:" + hashlib.sha256(f"{space}|{scope}|{who}".encode()).hexdigest()


def hit(*, scope: str, who: str, limit: int, period: int) -> bool:
    """Count one request; False once more than `limit` came within the window."""
    key = counter_key(scope=scope, who=who)
    cache.add(key, 0, timeout=period)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=period)
        return True


def request_allowed(request: HttpRequest, rule: Rule) -> bool:
    if not settings.RATELIMIT_ENABLED:
        return True
    who = _who(request, rule)
    if rule.failures_only:
        key = counter_key(scope=rule.scope, who=who)
        return (cache.get(key) or 0) < rule.limit
    return hit(scope=rule.scope, who=who, limit=rule.limit, period=rule.period)


def sign_in_failed(sender=None, *, request: HttpRequest | None = None, **kwargs):
    """`user_login_failed` receiver: one more failure for the client's address
    under every failures-only rule (the Wagtail and Django admin sign-ins send it
    too). Without a request (the shell) there is no address to count."""
    if request is None or not settings.RATELIMIT_ENABLED:
        return
    for rule in RULES:
        if rule.failures_only:
            hit(
                scope=rule.scope,
                who=_who(request, rule),
                limit=rule.limit,
                period=rule.period,
            )
