from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.redirects import session_page
from cms.views import robots_txt
from config.api import api
from config.csp_report import csp_report
from config.health import healthz
from events import urls as events_urls
from events.views import stripe_webhook

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp_report"),
    path("calendar/", include("events.calendar_urls")),
    path("go/session/<int:session_id>/", session_page, name="session_page"),
    path("api/", api.urls),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # Registration pages first: Wagtail's catch-all would swallow them.
    path("", include(events_urls)),
    path("", include("events.calendar_pages_urls")),
    path("", include("matchmaking.urls")),
    path("", include("badges.urls")),
    path("", include("events.delegation_urls")),
    path("", include("accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# Error pages in the site's frame and language, problem+json under /api/
# (config/error_pages.py).
handler400 = "config.error_pages.bad_request"
handler403 = "config.error_pages.permission_denied"
handler404 = "config.error_pages.page_not_found"
# A database lost outside a view (in middleware) still answers 503, not 500.
handler500 = "config.resilience.server_error"
