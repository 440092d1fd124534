"""Gunicorn's logger with the app's redaction: its access lines carry every
request's path and query string, and its error lines the request's URI."""

from gunicorn.glogging import Logger

from config.logging import RedactSecretLinks


class RedactingLogger(Logger):
    """Gunicorn's own logger whose handlers (access and error, whatever the
    configuration gives them) drop secrets by the rule in config/logging.py."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactSecretLinks) for f in handler.filters):
                    handler.addFilter(RedactSecretLinks())
