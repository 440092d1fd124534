"""The whole call's deadline as a stop event, the backstop behind each stage's limit.

Why: every stage gives CP-SAT its own share of the time, but CP-SAT overshoots its
limit under load (presolve, a loaded core), and Python work between the calls adds
up; a 20 s run on 1,000 meetings ended 2 s late (load 7 on 2 cores). Every stage
already ends at once, keeping its best schedule, when the caller's ``stop`` is set;
so the deadline sets it too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

POLL = 0.02  # seconds between looks at the clock and the caller's stop


@contextmanager
def deadline_stop(
    stop: threading.Event | None, seconds: float
) -> Iterator[threading.Event]:
    """An event set ``seconds`` from now, or as soon as ``stop`` is (if given)."""
    halt, done = threading.Event(), threading.Event()
    end = time.monotonic() + seconds

    def watch() -> None:
        while not done.is_set():
            if (stop is not None and stop.is_set()) or time.monotonic() >= end:
                halt.set()
                return
            done.wait(POLL)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield halt
    finally:
        done.set()
        thread.join()
