import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories import EventFactory, TicketTypeFactory, UserFactory


@pytest.fixture
def event(db):
    return EventFactory(currency="KRW")


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name_en="Regular", capacity=3)


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.org")


@pytest.fixture
def organiser(event):
    user = UserFactory(email="organiser@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    """A localstripe server on a free loopback port for the whole test session."""
    port = _free_port()
    binary = Path(sys.executable).parent / "localstripe"
    if not binary.exists():
        pytest.skip("localstripe is not installed (pip install -e '.[dev]')")
    process = subprocess.Popen(
        [str(binary), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("localstripe did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_convene"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_convene"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_convene_tests"
    settings.STRIPE_API_BASE = localstripe_url
    return settings
