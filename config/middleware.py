from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils.translation import gettext as _

from config import env, error_pages, ratelimit
from config.problems import problem


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, minus its 404 → /en/… redirect outside the site.

    The CMS's catch-all page route makes every path look valid under a language
    prefix, so Django would redirect an API 404 to `/en/api/…`. API and service
    URLs have no language prefix: their 404s must stay 404s.
    """

    UNPREFIXED = (
        "/api/",
        "/healthz",
        "/admin/",
        "/django-admin/",
        "/documents/",
        "/calendar/",
        "/go/",
    )

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            self.UNPREFIXED
        ):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, plus Stripe's origins read from the settings on each
    response (tests point them at localstripe), and one relaxation: the Wagtail and
    Django admins still ship inline scripts (Wagtail's inline panels and date
    widgets), so under their prefixes `script-src` also allows inline code. Public
    pages never do."""

    ADMIN_PREFIXES = ("/admin/", "/django-admin/")
    ADMIN_SCRIPT_SRC = [SELF, UNSAFE_INLINE]

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if request.path_info.startswith(self.ADMIN_PREFIXES):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": self.ADMIN_SCRIPT_SRC,
            }
            return parts
        stripe = env.csp_stripe_sources(
            stripe_js_url=settings.STRIPE_JS_URL,
            stripe_api_base=settings.STRIPE_API_BASE,
        )
        update = dict(parts.update or {})
        for directive, sources in stripe.items():
            update[directive] = [*update.get(directive, []), *sources]
        parts.update = update
        return parts


class RateLimitMiddleware:
    """Refuse a request past its rule in config/ratelimit.py before the view runs:
    429 with Retry-After, as problem+json on the API and as a page elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        rule = ratelimit.rule_for(request)
        if rule is None or ratelimit.request_allowed(request, rule):
            return None
        if request.path_info.startswith("/api/"):
            response = problem(429, "Too many requests", str(rule.message))
        else:
            response = error_pages.too_many_requests(request, message=rule.message)
        response["Retry-After"] = str(rule.period)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is over MAX_REQUEST_BYTES with 413,
    before anything reads it: Django caps form fields but not uploaded files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.MAX_REQUEST_BYTES
        if length <= limit:
            return self.get_response(request)
        detail = _("The upload is too large: at most %(mb)s MB.") % {
            "mb": limit // (1024 * 1024)
        }
        if request.path_info.startswith("/api/"):
            return problem(413, "Too large", str(detail))
        return error_pages.too_large(request, limit_mb=limit // (1024 * 1024))
