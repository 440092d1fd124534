"""RQ's queues share one Redis client per process (config/rq_queue.py)."""

import django_rq
from redis import Redis

from config.rq_queue import PooledQueue


def test_every_queue_on_one_server_shares_one_client():
    mail, default = django_rq.get_queue("mail"), django_rq.get_queue("default")

    assert isinstance(mail, PooledQueue)
    assert mail.connection is default.connection
    assert django_rq.get_queue("mail").connection is mail.connection


def test_another_server_or_database_has_a_client_of_its_own():
    ours = django_rq.get_queue("mail").connection
    elsewhere = django_rq.get_queue("mail", connection=Redis(port=6390))
    other_db = django_rq.get_queue("mail", connection=Redis(db=9))

    assert elsewhere.connection is not ours
    assert other_db.connection not in (ours, elsewhere.connection)
    assert elsewhere.connection.connection_pool.connection_kwargs["port"] == 6390
