"""Scans at once on PostgreSQL: one record per nonce, one per person and place."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from badges import services
from badges.models import CheckIn
from badges.permissions import Scanner

pytestmark = [
    pytest.mark.serial,
    pytest.mark.integration,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises all writers; row locks are exercised on PostgreSQL",
    ),
]

PHONES = 8


def _race(event, scanner, nonces, token) -> list[tuple[str, bool]]:
    start = threading.Barrier(len(nonces))

    def scan(nonce):
        try:
            start.wait(timeout=30)
            outcome = services.check_in(
                event=event, scanner=scanner, nonce=nonce, token=token
            )
            return outcome.result, outcome.repeated
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(nonces)) as pool:
        return list(pool.map(scan, nonces))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_scan_resent_many_times_at_once_counts_once(event, staff, token):
    outcomes = _race(event, Scanner(user=staff), ["flaky-net-1"] * PHONES, token)
    assert sorted(outcomes) == [("ok", False)] + [("ok", True)] * (PHONES - 1)
    assert CheckIn.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_many_phones_scanning_one_badge_at_once_check_in_once(event, staff, token):
    nonces = [f"phone-{i:04d}" for i in range(PHONES)]
    outcomes = _race(event, Scanner(user=staff), nonces, token)
    assert sorted(r for r, _repeated in outcomes) == ["already"] * (PHONES - 1) + ["ok"]
    assert CheckIn.objects.count() == 1
