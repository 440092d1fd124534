"""Convene settings: one file, every difference between machines from the environment.

See `.env.example` for the variables and README "Deployment" for what each turns on.
"""

import datetime as dt
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = Path(__file__).resolve().parent.parent
ENV = os.environ

DEBUG = env.env_bool(ENV, "DEBUG")
SECRET_KEY = env.secret_key(ENV, debug=DEBUG)
ALLOWED_HOSTS = env.env_list(
    ENV, "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.env_list(ENV, "CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = ENV.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # modeltranslation must come before the admin it patches.
    "modeltranslation",
    # Convene's apps, each using only those above it (README, "Design").
    "accounts",
    "events",
    "registration",
    "matchmaking",
    "badges",
    "calendars",
    "delegations",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.sitemaps",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_rq",
    "django_rq",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "auditlog",
    "config.admin.ConveneAdminConfig",  # superusers only (config/admin.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's own form templates, for the site's form renderer below.
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A lost database connection answers 503, not a traceback (config/resilience.py).
    "config.resilience.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # NUL bytes or broken UTF-8 in a path, query or form: 400 (config/bad_input.py).
    "config.bad_input.BadInputMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.OrganiserTwoFactorMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "config.middleware.RateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Public pages from the shared cache: after everything a page's personal
    # parts need (session, user, CSRF, messages), before Wagtail's routing.
    "cms.middleware.PublicPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "config.context_processors.partnering",
            ]
        },
    }
]
# One form layout for the whole public site: templates/django/forms/ (label above
# input, help and errors once beside their field). Wagtail's admin draws its own.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {"default": env.database(ENV, base_dir=BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = env.caches(ENV, base_dir=BASE_DIR)
# Every signed-in request reads its session: from the shared cache (Redis in
# production), written through to the database, which answers when the cache
# has lost it (or Redis is down).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public pages (cms/page_cache.py): kept at most this long (an edit shows at once;
# this bounds what a missed change could cost), and held by a CDN or proxy for
# s-maxage seconds, served stale for up to stale-while-revalidate while it asks.
PAGE_CACHE_ENABLED = ENV.get("PAGE_CACHE", "1") != "0"
PAGE_CACHE_SECONDS = int(ENV.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_SHARED_SECONDS = int(ENV.get("PAGE_CACHE_SHARED_SECONDS", "60"))
PAGE_CACHE_STALE_SECONDS = int(ENV.get("PAGE_CACHE_STALE_SECONDS", "300"))
TASKS = env.tasks(ENV)
RQ_QUEUES = env.rq_queues(ENV)
# A job's work horse shares its worker's process group and dies with it.
# Queues share one Redis connection pool per process (config/rq_queue.py).
RQ = {
    "WORKER_CLASS": "config.rq_worker.GroupWorker",
    "QUEUE_CLASS": "config.rq_queue.PooledQueue",
}
REDIS_URL = ENV.get("REDIS_URL", "")

AUTH_USER_MODEL = "accounts.User"
# A failed CSRF check is a page in the site's frame (problem+json under /api/).
CSRF_FAILURE_VIEW = "config.error_pages.csrf_failure"
LOGIN_URL = "accounts:login"  # /en/accounts/login/ (or /ko/…)
LOGIN_REDIRECT_URL = "registration:my_registrations"
# django-axes watches every password sign-in first; Django's password backend
# signs in (ours loads the signed-in person by SQL compiled once). Axes's
# standalone backend has no get_user, so the test client's force_login and the
# sign-in links use the password backend.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "accounts.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Time: stored in UTC, shown in each event's own IANA zone.
USE_TZ = True
TIME_ZONE = "UTC"

# Language: English and Korean; model text falls back to English.
USE_I18N = True
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Named date formats with a Korean form ("9월 14일 (화) 09:00"); see events/dates.py.
FORMAT_MODULE_PATH = ["config.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_SITE_NAME = "Convene"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", BASE_DIR / "media"))
# MEDIA_S3_BUCKET moves uploads to S3-compatible storage (config/env.py).
_media, _media_url = env.media_storage(ENV)
MEDIA_URL = _media_url or MEDIA_URL
STORAGES = {
    "default": _media,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

globals().update(env.email(ENV, debug=DEBUG))
globals().update(env.stripe(ENV))

# HTTPS, HSTS and cookies: strict unless DEBUG; see config/env.py::https.
globals().update(env.https(ENV, debug=DEBUG))
# No inline script anywhere public (django-csp; the admins are relaxed and Stripe's
# origins added from the STRIPE_* settings in config/middleware.py).
CONTENT_SECURITY_POLICY = {"DIRECTIVES": env.csp_directives(media_url=MEDIA_URL)}
# Rate limits (config/ratelimit.py) and lockout key on the client's address: behind
# PROXY_COUNT trusted proxies, the one they saw in X-Forwarded-For.
PROXY_COUNT = int(ENV.get("PROXY_COUNT", "0"))
RATELIMIT_ENABLED = env.env_bool(ENV, "RATELIMIT_ENABLED", default=True)
RATELIMIT_NAMESPACE = ""  # tests give each test its own counters
# Account lockout: AXES_FAILURE_LIMIT wrong passwords for one address (e-mail, any
# case) lock password sign-in to it for AXES_COOLOFF_MINUTES; a sign-in link still
# works, so an attacker cannot shut the owner out.
AXES_FAILURE_LIMIT = int(ENV.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(ENV.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for the address among the lockout keys, against attackers who rotate
# user agents or cookies; a lock on the e-mail address cannot be dodged that way, and
# each address is throttled by the "signin" rate limit instead (a lockout by address
# would shut out a whole venue's Wi-Fi).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_CALLABLE = "accounts.lockout.username"
AXES_CLIENT_IP_CALLABLE = "config.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Two-factor sign-in (TOTP, django-otp) for organisers and staff; see
# accounts/middleware.py. On in production, off for the demo unless asked.
REQUIRE_ORGANISER_2FA = env.env_bool(ENV, "REQUIRE_ORGANISER_2FA", default=not DEBUG)
OTP_TOTP_ISSUER = ENV.get("OTP_TOTP_ISSUER", "Convene")
# Audit log (django-auditlog): who changed what on orders, payments, registrations,
# team roles and partnering schedules, before and after; the actor comes from the
# request. Read per event on the organiser's page (accounts) and in the Django admin.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    "registration.Order",
    "registration.Payment",
    {
        "model": "registration.Registration",
        # Answers are personal data; the log keeps their change, not their text.
        "mask_fields": ["organisation_name", "job_role", "dietary_needs"],
        "mask_callable": "events.audit.mask",
        # Other apps' one-to-one links back to the seat: never changed by saving
        # it, and reading them cost two queries per seat inside an order's lock.
        "exclude_fields": ["participant", "delegate"],
    },
    "events.EventTeamMember",
    # What organisers edit in the Wagtail admin (pages keep Wagtail's own history).
    "events.Event",
    "events.Session",
    "events.SessionSpeaker",
    "events.Speaker",
    "events.Room",
    "events.Track",
    "events.Sponsor",
    "registration.TicketType",
    {"model": "registration.Voucher", "m2m_fields": ["ticket_types"]},
    "registration.EventBilling",
    "badges.BadgeDesign",
    "matchmaking.PartneringSetup",
    "matchmaking.Table",
    "matchmaking.MeetingBlock",
    {
        "model": "matchmaking.ScheduleRun",
        # Not the solver's progress beats, instance or solution: only decisions.
        "include_fields": ["status", "published_at", "error", "imported"],
    },
)
AUDITLOG_STORE_JSON_CHANGES = True
# Uploads: no request body over MAX_UPLOAD_MB (413 before it is read); Wagtail takes
# only these image and document types (no SVG or HTML, which a browser would run).
MAX_REQUEST_BYTES = int(ENV.get("MAX_UPLOAD_MB", "25")) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt"]
# Admins' avatars from Gravatar would send a hash of their e-mail to a third party
# (and need a CSP exception): Wagtail shows its default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "config.logging.RedactSecretLinks"}},
    # LOG_FORMAT=json (the default without DEBUG): one JSON object per line.
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact"],
            **(
                {"formatter": "json"}
                if ENV.get("LOG_FORMAT", "plain" if DEBUG else "json") == "json"
                else {}
            ),
        },
    },
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Named, so Django's own handlers for it (a console without the filter in
        # DEBUG, mail to ADMINS) go: they would repeat request URLs unredacted.
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail and django-tasks narrate every page save and task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # django-axes narrates every sign-in; lockouts still show at WARNING.
        "axes": {"level": "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
# Every list's `limit` and `offset` are bounded (config/pagination.py).
NINJA_PAGINATION_CLASS = "config.pagination.BoundedLimitOffsetPagination"
