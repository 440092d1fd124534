"""django-axes hooks: one counter per e-mail address whatever its case, and the
locked-out answer as a page (or problem+json on the API)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from config.problems import problem


def username(request: HttpRequest, credentials: dict | None) -> str:
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return str(raw).strip().lower()


def locked_out(request: HttpRequest, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path_info.startswith("/api/"):
        detail = _("Too many wrong passwords for this account. Try again later.")
        response: HttpResponse = problem(429, "Locked", detail)
    else:
        context = {"cooloff_minutes": minutes}
        response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
