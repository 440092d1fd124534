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
