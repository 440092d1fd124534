import threading
import time

import pytest

from matchmaking.scheduler.clock import deadline_stop

pytestmark = pytest.mark.unit


def test_deadline_stop_is_set_when_the_time_is_up():
    with deadline_stop(None, 0.1) as halt:
        assert not halt.is_set()
        assert halt.wait(2.0)


def test_deadline_stop_passes_the_callers_stop_on_at_once():
    stop = threading.Event()
    with deadline_stop(stop, 60) as halt:
        started = time.monotonic()
        stop.set()
        assert halt.wait(2.0)
        assert time.monotonic() - started < 1.0
