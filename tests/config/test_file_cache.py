"""The embedded cache counts its files at most once a minute, not on every set."""

import os
import time

from config.file_cache import FileCache


def _files(path) -> int:
    return sum(1 for name in os.listdir(path) if name.endswith(".djcache"))


def test_it_culls_on_the_first_set_and_then_once_a_minute(tmp_path, monkeypatch):
    cache = FileCache(
        str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 4, "CULL_FREQUENCY": 2}}
    )
    for n in range(8):
        cache.set(f"k{n}", n)
    # The first set counted (nothing to cull); the next seven did not look.
    assert _files(tmp_path) == 8
    later = time.monotonic() + FileCache.CULL_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    cache.set("k8", 8)
    assert _files(tmp_path) < 8
    assert cache.get("k8") == 8
