from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.defaults import page_not_found
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from cms.redirects import session_page
from cms.views import page_chooser_browse, robots_txt
from config.api import api
from config.csp_report import csp_report
from config.health import healthz
from registration.views.attendee import stripe_webhook

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("csp-report/", csp_report, name="csp_report"),
    path("calendar/", include("calendars.feed_urls")),
    path("go/session/<int:session_id>/", session_page, name="session_page"),
    path("api/", api.urls),
    path("stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    path("django-admin/", admin.site.urls),
    # Wagtail's deliberate-500 test page is no page for organisers.
    path("admin/failwhale/", page_not_found, {"exception": None}),
    # The admin API's image and document lists ignore collection permissions, and
    # no admin screen uses them (the explorer reads only its pages endpoint).
    re_path(
        r"^admin/api/main/(?:images|documents)/", page_not_found, {"exception": None}
    ),
    path("admin/choose-page/<int:parent_page_id>/", page_chooser_browse),
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
    path("", include("accounts.urls")),
    path("", include("events.urls")),
    path("", include("registration.urls")),
    path("", include("calendars.urls")),
    path("", include("matchmaking.urls")),
    path("", include("badges.urls")),
    path("", include("delegations.urls")),
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
