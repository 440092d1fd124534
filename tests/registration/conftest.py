import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.factories.accounts import UserFactory
from tests.factories.registration import TicketTypeFactory


@pytest.fixture
def ticket(event):
    return TicketTypeFactory(event=event, name_en="Regular", capacity=3)


@pytest.fixture
def buyer(db):
    return UserFactory(email="buyer@example.org")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    """A localstripe server on a free loopback port for the whole test session."""
    pytest.importorskip("localstripe", reason="pip install -e '.[dev]'")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("localstripe") / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("localstripe_server.py")),
                str(port),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(process, port, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_port(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"localstripe exited with {process.returncode}:\n{log_path.read_text()}"
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"localstripe did not listen within 60 s:\n{log_path.read_text()}")


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_convene"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_convene"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_convene_tests"
    settings.STRIPE_API_BASE = localstripe_url
    return settings
