"""Organisers and staff must sign in with a second factor (TOTP) once
REQUIRE_ORGANISER_2FA is on, and so must anyone who set up an authenticator: until their session is verified they are sent to
verify (or, without an authenticator yet, to set one up). Pages they need on the
way stay open; the API answers 403 problem+json."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts import selectors
from config.problems import problem

# A person who needs no second factor is asked again after this long, so a new
# organiser role or authenticator applies within minutes in open sessions.
RECHECK_SECONDS = 300
FREE_UNTIL = "_two_factor_free_until"
OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/i18n/", "/favicon")
OPEN_VIEWS = {
    "accounts:two_factor_setup",
    "accounts:two_factor_verify",
    "accounts:logout",
    "wagtailadmin_logout",
    "admin:logout",
}


class OrganiserTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not settings.REQUIRE_ORGANISER_2FA or user is None:
            return None
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if request.path_info.startswith(OPEN_PREFIXES) or (
            match and match.view_name in OPEN_VIEWS
        ):
            return None
        now = time.time()
        if request.session.get(FREE_UNTIL, 0) > now:
            return None
        enabled = selectors.two_factor_enabled(user=user)
        if not enabled and not selectors.two_factor_required_for(user=user):
            # Attendees: spare the two queries on each request for a few minutes.
            request.session[FREE_UNTIL] = now + RECHECK_SECONDS
            return None
        if request.path_info.startswith("/api/"):
            detail = "Organisers and staff must verify a two-factor code first."
            return problem(403, "Two-factor sign-in required", detail)
        step = "accounts:two_factor_verify" if enabled else "accounts:two_factor_setup"
        return redirect(
            reverse(step) + "?" + urlencode({"next": request.get_full_path()})
        )
