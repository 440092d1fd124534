"""Test-only overrides: fast hashing, local cache, in-process tasks, in-memory mail."""

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from config.settings import *  # noqa: E402,F403
from config.settings import ENV  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# The CI's PostgreSQL run also exercises Redis as cache and task queue when given.
# Each test process keys its own entries: the parallel workers share one Redis but
# not one database, so a cached page or Wagtail's site paths from one worker (or an
# earlier run) must never answer the other.
if ENV.get("REDIS_URL"):
    CACHES["default"]["KEY_PREFIX"] = f"convene-test-{os.getpid()}"  # noqa: F405
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default", "scheduling", "mail"],
    }
}
# Close connections at the end of each request, so threads of the live server and
# concurrency tests leave none open when the test database is dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# SQLite tests use a file, as production does (WAL, a writer waits for another): an
# in-memory shared-cache database locks whole tables and fails at once ("database
# table is locked") when a background thread reads what the test is writing.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
# The test client and the live server speak plain http; production's redirect and
# HSTS are tested on config.env.https itself.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# Two-factor sign-in is on in production; its own tests turn it on.
REQUIRE_ORGANISER_2FA = False
# Every test client comes from 127.0.0.1: shared counters would trip rate limits
# across unrelated tests. Their own tests turn them on with fresh counters.
RATELIMIT_ENABLED = False
