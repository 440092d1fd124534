"""RQ's queues (settings.RQ["QUEUE_CLASS"]) on one Redis client per process.

django-rq builds a new Redis client, with a connection pool of its own, for every
`get_queue`, and django-tasks asks for the queue on every enqueue: each e-mail an
order queued opened a TCP connection to Redis and went through its handshake first
(1.3 ms of the buyer's request, against 0.06 ms on an open connection). Here a
queue takes the process's client for the same Redis server and database instead.
redis-py's pool is safe across threads and starts afresh in a forked child (RQ's
work horses).
"""

import threading

from django_rq.queues import DjangoRQ
from redis import Redis

_clients: dict[tuple, Redis] = {}
_lock = threading.Lock()


def shared(connection: Redis) -> Redis:
    """The process's client with `connection`'s settings (the first one made)."""
    pool = connection.connection_pool
    settings = pool.connection_kwargs.items()
    key = (
        type(connection),
        pool.connection_class,
        tuple(sorted((k, v) for k, v in settings if _plain(v))),
    )
    with _lock:
        return _clients.setdefault(key, connection)


def _plain(value) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


class PooledQueue(DjangoRQ):
    def __init__(self, *args, connection: Redis | None = None, **kwargs):
        if connection is not None:
            connection = shared(connection)
        super().__init__(*args, connection=connection, **kwargs)
