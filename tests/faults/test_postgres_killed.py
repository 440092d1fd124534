"""PostgreSQL connections cut mid-load: 503 (never a traceback), then recovery;
an order is whole or absent, never half-written."""

import logging
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.db.models import Count

from registration.models import Order, Registration
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, SessionFactory
from tests.factories.registration import TicketTypeFactory
from tests.faults.conftest import backend_pid, kill_app_connections

pytestmark = [pytest.mark.serial, pytest.mark.slow]

CSRF = "c" * 32
log = logging.getLogger("tests.faults")


def _session_for(user) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.PasswordBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _call(base, kind, event, ticket, session, n):
    cookies = {"sessionid": session, "csrftoken": CSRF}
    if kind == "order":
        response = requests.post(
            f"{base}/api/registration/events/{event.slug}/orders",
            json={
                "attendees": [
                    {"ticket_type_id": ticket.pk, "email": f"guest{n}@example.org"}
                ],
                "method": "invoice",
            },
            cookies=cookies,
            headers={"X-CSRFToken": CSRF, "Referer": base},
            timeout=30,
        )
    elif kind == "api":
        response = requests.get(f"{base}/api/events/{event.slug}/sessions", timeout=30)
    else:
        response = requests.get(f"{base}/en/register/{event.slug}/", timeout=30)
    return kind, response.status_code, response.headers.get("Content-Type", "")


def test_killed_connections_answer_503_then_recover_with_no_half_order(
    postgres, live_server
):
    event = EventFactory(slug="fault-pg")
    ticket = TicketTypeFactory(event=event, capacity=10_000)
    for _ in range(5):
        SessionFactory(event=event)
    sessions = [_session_for(UserFactory()) for _ in range(8)]
    base = live_server.url
    calls = [
        (("order", "api", "page")[n % 3], sessions[n % len(sessions)], n)
        for n in range(150)
    ]
    stop = threading.Event()
    killed = Counter()

    mine = backend_pid()

    def killer():
        try:
            while not stop.is_set():
                killed["backends"] += kill_app_connections(spare=(mine,))
                time.sleep(0.3)  # some requests get through between kills
        finally:
            connection.close()

    thread = threading.Thread(target=killer)
    thread.start()
    try:
        with ThreadPoolExecutor(6) as pool:
            during = list(
                pool.map(lambda c: _call(base, c[0], event, ticket, c[1], c[2]), calls)
            )
    finally:
        stop.set()
        thread.join()

    answers = Counter((kind, status) for kind, status, _type in during)
    log.info("backends killed %s; answers %s", killed["backends"], dict(answers))
    assert {status for _kind, status, _type in during} <= {200, 201, 503}, answers
    unavailable = [(k, t) for k, s, t in during if s == 503]
    assert unavailable, f"no request was cut ({killed['backends']} backends killed)"
    assert answers[("order", 201)], "no order got through between the kills"
    for kind, content_type in unavailable:
        expected = "text/html" if kind == "page" else "application/problem+json"
        assert content_type.startswith(expected)

    # Recovery: with the killing over, everything answers again.
    after = [
        _call(base, kind, event, ticket, sessions[0], 1000 + i)
        for i, kind in enumerate(("order", "api", "page"))
    ]
    assert [status for _kind, status, _type in after] == [201, 200, 200]

    # Whole orders only: each has its one registration, and no registration is
    # left without its order.
    orders = Order.objects.filter(event=event).annotate(n=Count("registrations"))
    assert set(orders.values_list("n", flat=True)) == {1}
    assert not Registration.objects.filter(event=event, order__isnull=True).exists()

    # A 503 may come after the commit (the answer, not the order, was lost). A
    # retry is safe: the same attendee is refused as already registered (409) or
    # registered now (201), and either way holds exactly one seat.
    cut = [n for kind, _s, n in calls_cut(calls, during)]
    retried = [_call(base, "order", event, ticket, sessions[0], n) for n in cut]
    assert {status for _k, status, _t in retried} <= {201, 409}
    for n in cut:
        email = f"guest{n}@example.org"
        assert Registration.objects.filter(event=event, user__email=email).count() == 1
    kill_app_connections(spare=(mine,))  # the live server's last ones, before teardown


def calls_cut(calls, answers):
    """The order calls that were answered 503."""
    return [
        (kind, status, n)
        for (kind, _session, n), (_k, status, _t) in zip(calls, answers, strict=True)
        if kind == "order" and status == 503
    ]
