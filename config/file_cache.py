"""The embedded default's cache: Django's file cache, culled at most once a minute.

Django's `FileBasedCache` lists every file of the cache on each `set` to count them
against MAX_ENTRIES, so each new entry cost a directory scan of all the others
(a personal calendar feed built after a thousand others listed a thousand files).
Here each process counts at most once every `CULL_SECONDS`; between counts the cache
may pass MAX_ENTRIES by what one minute writes.
"""

import time

from django.core.cache.backends.filebased import FileBasedCache


class FileCache(FileBasedCache):
    CULL_SECONDS = 60.0

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._next_cull = 0.0

    def _cull(self) -> None:
        now = time.monotonic()
        if now < self._next_cull:
            return
        self._next_cull = now + self.CULL_SECONDS
        super()._cull()
