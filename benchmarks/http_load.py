"""HTTP load for the page benchmarks: the app under gunicorn, measured with wrk.

`serve` starts the app with the production gunicorn settings (config/gunicorn.py:
WEB_CONCURRENCY workers x WEB_THREADS threads, gc.freeze after start-up);
`throughput` runs wrk (Debian's `wrk`) at N connections and reads its req/s and
latency percentiles; `one_client` times requests one after another on one
keep-alive connection, where garbage-collection pauses and other stalls show
as the p99.
"""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def django(env: dict, code: str, *args: str) -> str:
    """Run `code` (which calls django.setup()) in a Python of its own with `env`;
    its standard output, stripped."""
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "config/gunicorn.py",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env={**env, "ACCESS_LOG": "0", "LOG_LEVEL": "WARNING"},
    )
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def get(conn: http.client.HTTPConnection, path: str, headers=None) -> tuple:
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    return response.status, dict(response.getheaders()), body


def one_client(port: int, path: str, requests: int) -> dict:
    """Latency of `requests` requests in a row on one connection (ms)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    status, _, _ = get(conn, path)  # warm
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        get(conn, path)
        times.append((time.perf_counter() - start) * 1000)
    conn.close()
    times.sort()
    return {
        "one_client_p50_ms": round(statistics.median(times), 2),
        "one_client_p99_ms": round(times[int(0.99 * (len(times) - 1))], 2),
        "one_client_max_ms": round(times[-1], 2),
    }


_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * _UNIT[unit], 2)


def throughput(port: int, path: str, connections: int, seconds: int) -> dict:
    """req/s and latency percentiles at `connections` open connections."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk")
    threads = min(2, connections)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    percentiles = dict(re.findall(r"^ +(50|90|99)% +(\S+)\s*$", out, re.MULTILINE))
    if len(percentiles) != 3:
        raise RuntimeError(f"wrk said:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": _ms(percentiles["50"]),
        "p90_ms": _ms(percentiles["90"]),
        "p99_ms": _ms(percentiles["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }
