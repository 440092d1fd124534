import logging
import re

# Every secret that can travel in a URL, in one place: the gunicorn access and
# error logs (config/gunicorn_logging.py) and Django's own loggers use this rule.
# A calendar feed's token, a sign-in link's token (its uid is only the account's
# number), a Wagtail admin password-reset token; in a query string a Stripe
# client secret (`payment_intent_client_secret`, appended on its return), an
# access code for hidden tickets (`?code=`) and anything named token, key, secret
# or password.
SECRET_PATHS = re.compile(
    r"(/calendar/feeds/"
    r"|/accounts/login/link/[^/\s?#\"']+/"
    r"|/password_reset/confirm/[^/\s?#\"']+/)"
    r"[^/\s?#.\"'&]+"
)
SECRET_QUERY = re.compile(
    r"([?&;](?:[\w-]*secret|token|key|code|password|access_code)=)[^&;#\s\"']+",
    re.IGNORECASE,
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """`text` with every secret path segment and query value replaced by a marker."""
    text = SECRET_PATHS.sub(rf"\1{REDACTED}", text)
    return SECRET_QUERY.sub(rf"\1{REDACTED}", text)


class RedactSecretLinks(logging.Filter):
    """Keep the secrets that travel in URLs out of every log line: the message
    (its arguments merged in) and a traceback's text. Attached to the handlers, so
    records propagated from any logger (django.request's 404s and 500s, runserver,
    gunicorn) pass through it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json, the default without DEBUG), for
    a log collector: time (UTC), level, logger, message, the request's path and
    status where Django gives them, and the traceback as one string."""

    def format(self, record: logging.LogRecord) -> str:
        import json
        from datetime import UTC, datetime

        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"], entry["path"] = request.method, redact(request.path)
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info or record.exc_text:
            text = record.exc_text or self.formatException(record.exc_info)
            entry["exception"] = redact(text)
        return json.dumps(entry, ensure_ascii=False, default=str)
