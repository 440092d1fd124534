"""Gunicorn settings, from the environment: `gunicorn -c config/gunicorn.py config.wsgi`.

WEB_CONCURRENCY  worker processes (default 2; about one per core)
WEB_THREADS      threads per worker (default 4; requests mostly wait on PostgreSQL)
PORT / BIND      where to listen (default 127.0.0.1:8000; a proxy sits in front)
WEB_TIMEOUT      seconds before a stuck worker is replaced (default 30)
PY_SWITCH_INTERVAL  the GIL's switch interval in seconds (default 0.001)

Access lines go to stdout as JSON, one per request, beside the app's own logs;
secrets in URLs (calendar feed and sign-in link tokens, client secrets in query
strings) are redacted there as in the app's logs (config/logging.py).
"""

import os
import sys

bind = os.environ.get("BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Replace workers now and then, staggered, so a slow leak never takes a tier down.
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = "-" if os.environ.get("ACCESS_LOG", "1") != "0" else None
access_log_format = (
    '{"logger": "gunicorn.access", "remote": "%(h)s", "method": "%(m)s", '
    '"path": "%(U)s", "status": %(s)s, "bytes": "%(B)s", "ms": %(M)s, '
    '"agent": "%(a)s"}'
)
errorlog = "-"
logger_class = "config.gunicorn_logging.RedactingLogger"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


SWITCH_INTERVAL = float(os.environ.get("PY_SWITCH_INTERVAL", "0.001"))


def post_worker_init(worker) -> None:
    """Two things once a worker has loaded the app.

    The GIL's switch interval: a thread back from PostgreSQL waits for it at most
    1 ms rather than Python's 5, so an order holding a ticket lock is not kept
    waiting behind other requests' Python between its statements (in the ticket
    rush the lock was held about half as long).

    Load what every request needs (URL patterns, the base templates), then move
    everything alive into the garbage collector's permanent generation: full
    collections stop walking Django's and Wagtail's hundreds of thousands of
    start-up objects, the long pauses in the slowest requests."""
    import gc

    sys.setswitchinterval(SWITCH_INTERVAL)

    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every URLconf)
    for name in ("base.html", "cms/agenda_page.html", "cms/session_detail.html"):
        get_template(name)
    gc.collect()
    gc.freeze()


# Gunicorn's control socket has one default path per user: two web processes on
# one machine would share it. Off; it is not used here.
control_socket_disable = True
