"""Settings for `bench_purchase`: `pages_site` (the whole site plus the bare view it
is compared with) and one log line per ticket lock, with how long it was waited for
and held, appended to the file named by BENCH_LOCK_LOG. Only the benchmark's server
logs locks; the service writes the line only when its logger is at DEBUG."""

import os

from benchmarks.pages_site import *  # noqa: F403
from benchmarks.pages_site import LOGGING

LOGGING = {
    **LOGGING,
    "formatters": {
        **LOGGING["formatters"],
        "lock": {
            "format": '{"wait_ms": %(lock_wait_ms).3f, "held_ms": %(lock_held_ms).3f}'
        },
    },
    "handlers": {
        **LOGGING["handlers"],
        "lock": {
            "class": "logging.FileHandler",
            "filename": os.environ["BENCH_LOCK_LOG"],
            "formatter": "lock",
        },
    },
    "loggers": {
        **LOGGING["loggers"],
        "registration.services.seats": {
            "handlers": ["lock"],
            "level": "DEBUG",
            "propagate": False,
        },
    },
}
