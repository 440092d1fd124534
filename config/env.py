"""Turn environment variables into Django settings.

Pure functions of a mapping, so each rule is testable without reloading settings.
Every difference between a laptop and production is one of these variables.
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}


class ConfigurationError(RuntimeError):
    """A required variable is missing or malformed; raised at start-up."""


def env_bool(env: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(env: Mapping[str, str], name: str, *, default: list[str]) -> list[str]:
    value = env.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


def secret_key(env: Mapping[str, str], *, debug: bool) -> str:
    """A missing key is tolerated only in DEBUG, where a fixed dev key is used."""
    key = env.get("SECRET_KEY", "")
    if key:
        return key
    if debug:
        return "django-insecure-dev-only-key-never-used-in-production"
    raise ConfigurationError("SECRET_KEY must be set when DEBUG is off.")


# Wait for a writer instead of failing at once under concurrent demo use; WAL lets
# pages read while a background task (a scheduler run writing its progress) writes,
# instead of "database is locked", and commits without an fsync each.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database(env: Mapping[str, str], *, base_dir: Path) -> dict:
    """DATABASE_URL (PostgreSQL in production) or a SQLite file in the project."""
    url = env.get("DATABASE_URL", "")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "db.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigurationError(f"DATABASE_URL is not a database URL: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # A SQLite file named by URL (the benchmarks' throw-away databases) gets
        # the same: without WAL each write waited for an fsync (11-16 ms measured).
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


def caches(env: Mapping[str, str], *, base_dir: Path) -> dict:
    url = env.get("REDIS_URL", "")
    if not url:
        # Files, not process memory: every worker of `make web` shares the cached
        # pages, rate-limit counters and versions, as they share Redis in production.
        return {
            "default": {
                "BACKEND": "config.file_cache.FileCache",
                "LOCATION": env.get("CACHE_DIR") or str(base_dir / "var" / "cache"),
                "TIMEOUT": 300,
                "OPTIONS": {"MAX_ENTRIES": 5000},
            }
        }
    return {
        "default": {
            # Redis down reads as a miss (config/resilience.py); give up fast.
            "BACKEND": "config.resilience.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "convene",
            "TIMEOUT": 300,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }


TASK_QUEUES = ["default", "scheduling", "mail"]


def tasks(env: Mapping[str, str]) -> dict:
    """On a laptop, scheduler runs and e-mails on background threads of the web
    process (one each), the rest inline; RQ workers on Redis when REDIS_URL is set."""
    if not env.get("REDIS_URL"):
        return {
            "default": {
                "BACKEND": "config.task_backends.ThreadPoolBackend",
                "QUEUES": TASK_QUEUES,
                "OPTIONS": {"THREADS": {"scheduling": 1, "mail": 1}},
            }
        }
    return {
        "default": {
            # Retries an enqueue, then runs mail in-process (config/resilience.py).
            "BACKEND": "config.resilience.ResilientRQBackend",
            "QUEUES": TASK_QUEUES,
        }
    }


def rq_queues(env: Mapping[str, str]) -> dict:
    url = env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    # Scheduler runs may take many minutes: give them a long timeout.
    timeouts = {"default": 600, "scheduling": 3600, "mail": 120, "cron": 300}
    connect = {"socket_connect_timeout": 2}  # an enqueue gives up fast on Redis down
    return {
        name: {"URL": url, "DEFAULT_TIMEOUT": t, "CONNECTION_KWARGS": connect}
        for name, t in timeouts.items()
    }


def email(env: Mapping[str, str], *, debug: bool) -> dict:
    default_backend = (
        "django.core.mail.backends.console.EmailBackend"
        if debug
        else "django.core.mail.backends.smtp.EmailBackend"
    )
    return {
        "EMAIL_BACKEND": env.get("EMAIL_BACKEND", default_backend),
        "EMAIL_HOST": env.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": int(env.get("EMAIL_PORT", "25")),
        "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool(env, "EMAIL_USE_TLS"),
        "DEFAULT_FROM_EMAIL": env.get(
            "DEFAULT_FROM_EMAIL", "Convene <noreply@localhost>"
        ),
        "EMAIL_FILE_PATH": env.get("EMAIL_FILE_PATH", "var/mail"),
    }


def stripe(env: Mapping[str, str]) -> dict:
    """Stripe keys and addresses; the addresses are settings so tests use localstripe."""
    return {
        "STRIPE_SECRET_KEY": env.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_PUBLISHABLE_KEY": env.get("STRIPE_PUBLISHABLE_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": env.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": env.get("STRIPE_API_BASE", "https://api.stripe.com"),
        "STRIPE_JS_URL": env.get("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
        # Seconds per call to Stripe (its library waits 80); a slow Stripe then
        # answers "try again shortly" within a request's life, not a hung worker.
        "STRIPE_TIMEOUT": float(env.get("STRIPE_TIMEOUT", "10")),
    }


def https(env: Mapping[str, str], *, debug: bool) -> dict:
    """HTTPS, HSTS and cookie settings: strict by default in production (DEBUG off),
    plain http for the demo (DEBUG on). Each can be set on its own.

    Behind a TLS-terminating proxy the proxy sets X-Forwarded-Proto; with
    TRUST_X_FORWARDED_PROTO off (no proxy) the header is ignored, so a client
    cannot claim https.
    """
    production = not debug
    secure_cookies = env_bool(env, "SECURE_COOKIES", default=production)
    hsts_default = "31536000" if production else "0"
    try:
        hsts_seconds = int(env.get("SECURE_HSTS_SECONDS") or hsts_default)
    except ValueError as exc:
        raise ConfigurationError("SECURE_HSTS_SECONDS must be a number.") from exc
    samesite = env.get("COOKIE_SAMESITE", "Lax")
    if samesite not in {"Lax", "Strict", "None"}:
        raise ConfigurationError("COOKIE_SAMESITE must be Lax, Strict or None.")
    trust_proxy = env_bool(env, "TRUST_X_FORWARDED_PROTO", default=True)
    return {
        "SECURE_SSL_REDIRECT": env_bool(env, "SECURE_SSL_REDIRECT", default=production),
        # Load balancers probe over plain http.
        "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
        "SECURE_PROXY_SSL_HEADER": (
            ("HTTP_X_FORWARDED_PROTO", "https") if trust_proxy else None
        ),
        "SECURE_HSTS_SECONDS": hsts_seconds,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": env_bool(
            env, "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=production
        ),
        # The header only allows a submission to the browsers' preload list.
        "SECURE_HSTS_PRELOAD": env_bool(env, "SECURE_HSTS_PRELOAD", default=production),
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "SESSION_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": samesite,
        "CSRF_COOKIE_SECURE": secure_cookies,
        # No script reads the CSRF cookie: forms carry the token.
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": samesite,
        "LANGUAGE_COOKIE_SECURE": secure_cookies,
        "LANGUAGE_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SAMESITE": samesite,
    }


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def csp_directives(*, media_url: str) -> dict:
    """The site's Content Security Policy: scripts only from this site (no inline
    script, no eval); images and media also from the media storage. Stripe's
    origins are added per response (`csp_stripe_sources`).

    Inline *styles* stay allowed: templates set per-item colours and bar widths in
    style attributes, and Stripe Elements inject theirs.
    """
    media = [o for o in [_origin(media_url)] if o]
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:", *media],
        "media-src": ["'self'", "blob:", *media],
        "style-src": ["'self'", "'unsafe-inline'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview shows a page in a frame of the admin.
        "frame-ancestors": ["'self'"],
        "report-uri": ["/csp-report/"],
    }


def csp_stripe_sources(*, stripe_js_url: str, stripe_api_base: str) -> dict:
    """What Stripe.js (or the localstripe stand-in) needs: its script, its frames
    and its API."""
    stripe_js = [o for o in [_origin(stripe_js_url)] if o]
    stripe_api = [o for o in [_origin(stripe_api_base)] if o]
    frames = list(stripe_js)
    if stripe_js == ["https://js.stripe.com"]:
        # Stripe's documented hosts: its script sub-domains and 3-D Secure frames.
        stripe_js.append("https://*.js.stripe.com")
        frames += ["https://*.js.stripe.com", "https://hooks.stripe.com"]
    return {
        "script-src": stripe_js,
        "frame-src": frames,
        "connect-src": list(dict.fromkeys([*stripe_api, *stripe_js])),
    }


def media_storage(env: Mapping[str, str]) -> tuple[dict, str | None]:
    """Uploads on S3-compatible storage (AWS, MinIO, R2…) when MEDIA_S3_BUCKET is
    set, else on the local disk under MEDIA_ROOT. Returns the `default` storage and
    the MEDIA_URL to use (None: keep /media/).

    Files stay private (no ACL) and their links are signed and expire, since
    uploads include applicants' documents; MEDIA_S3_CUSTOM_DOMAIN (a CDN) turns
    signing off and serves from there.
    """
    bucket = env.get("MEDIA_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}, None
    domain = env.get("MEDIA_S3_CUSTOM_DOMAIN") or None
    endpoint = env.get("MEDIA_S3_ENDPOINT_URL") or None
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint,
        "region_name": env.get("MEDIA_S3_REGION") or None,
        "access_key": env.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "custom_domain": domain,
        "location": env.get("MEDIA_S3_PREFIX", "media"),
        "default_acl": None,
        "file_overwrite": False,
        "querystring_auth": domain is None,
        "querystring_expire": int(env.get("MEDIA_S3_LINK_SECONDS", "3600")),
    }
    if domain:
        url = f"https://{domain}/"
    elif endpoint:
        url = f"{endpoint.rstrip('/')}/{bucket}/"
    else:
        url = f"https://{bucket}.s3.amazonaws.com/"
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}, url
