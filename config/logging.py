import logging
import re

SECRET_PATHS = re.compile(r"(/calendar/feeds/)[^/\s.?\"]+")


class RedactSecretLinks(logging.Filter):
    """Calendar feed tokens are the only key to a feed: keep them out of logs."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/calendar/feeds/" in message:
            record.msg = SECRET_PATHS.sub(r"\1[redacted]", message)
            record.args = ()
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
            entry["method"], entry["path"] = request.method, request.path
        if hasattr(record, "status_code"):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)
