"""Stripe too slow to answer: the buyer is told to try again (502 problem+json, in
seconds rather than Stripe's library default of 80 per try), the order stays
pending with no payment recorded, and a retry is safe: it sends the same
idempotency key, so a create that did reach Stripe is not made twice.

Between us and localstripe sits a proxy that records each call's idempotency key
and, while `slow`, passes the call on but answers only after our timeout.
"""

import http.client
import threading
import time
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from registration import services as registration
from registration.enums import OrderStatus, PaymentMethod
from registration.models import Payment
from registration.services import Attendee, OrderItem
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory
from tests.factories.registration import TicketTypeFactory

pytestmark = [pytest.mark.serial, pytest.mark.slow]

TIMEOUT = 1.0


class SlowStripe:
    def __init__(self, upstream: str):
        self.upstream = urlsplit(upstream)
        self.slow = True
        self.keys: list[tuple[str, str, str | None]] = []
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _any(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.keys.append(
                    (self.command, self.path, self.headers.get("Idempotency-Key"))
                )
                upstream = http.client.HTTPConnection(
                    proxy.upstream.hostname, proxy.upstream.port, timeout=10
                )
                headers = {k: v for k, v in self.headers.items() if k != "Host"}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                content = answer.read()
                upstream.close()
                if proxy.slow:
                    time.sleep(TIMEOUT * 2)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.getheaders():
                        if name.lower() not in ("transfer-encoding", "connection"):
                            self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(content)
                except OSError:  # our side gave up waiting: that is the point
                    self.close_connection = True

            do_GET = do_POST = do_DELETE = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_stripe(stripe_settings, localstripe_url):
    proxy = SlowStripe(localstripe_url)
    stripe_settings.STRIPE_API_BASE = proxy.url
    stripe_settings.STRIPE_TIMEOUT = TIMEOUT
    yield proxy
    proxy.close()


def test_stripe_timeout_leaves_the_order_pending_and_a_retry_is_safe(
    transactional_db, slow_stripe, client
):
    buyer = UserFactory(email="card@example.org")
    ticket = TicketTypeFactory(
        event=EventFactory(currency="USD"), price=Decimal("120.00"), capacity=5
    )
    order = registration.order_create(
        event=ticket.event,
        buyer=buyer,
        items=[OrderItem(ticket.pk, Attendee(buyer.email))],
        method=PaymentMethod.CARD,
    )
    client.force_login(buyer)
    url = f"/api/registration/orders/{order.code}/card-payment"

    started = time.monotonic()
    refused = client.post(url)
    waited = time.monotonic() - started
    order.refresh_from_db()
    assert (refused.status_code, refused["Content-Type"]) == (
        502,
        "application/problem+json",
    )
    assert "try again" in refused.json()["detail"]
    assert waited < 20  # three tries of about a second, not 3 x 80 s
    assert order.status == OrderStatus.PENDING
    assert not Payment.objects.filter(order=order).exists()

    slow_stripe.slow = False
    retried = client.post(url)
    assert retried.status_code == 200
    assert retried.json()["client_secret"]
    creates = [key for method, path, key in slow_stripe.keys if method == "POST"]
    assert len(creates) >= 2
    assert set(creates) == {f"convene-order-{order.code}-intent-1"}
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING  # paid only once Stripe says so
    assert Payment.objects.filter(order=order).count() == 1
    # Asking again reuses the one payment.
    assert client.post(url).status_code == 200
    assert Payment.objects.filter(order=order).count() == 1
