import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_all_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "tasks": "ok"},
    }
    assert "no-cache" in response["Cache-Control"]


CHECK = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def _healthz_in_process_with(env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", CHECK],
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "SECRET_KEY": "x",
            "ALLOWED_HOSTS": "testserver",
            **env,
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_healthz_broken_database_url_answers_503_naming_it():
    answer = _healthz_in_process_with(
        {"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/missing"}
    )
    assert answer["status"] == 503
    assert answer["body"]["failed"] == ["database"]
    assert answer["body"]["checks"]["database"].startswith("error: ")
    assert answer["body"]["checks"]["cache"] == "ok"


def test_healthz_broken_redis_answers_503_for_cache_and_tasks(tmp_path):
    answer = _healthz_in_process_with(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        }
    )
    assert answer["status"] == 503
    assert answer["body"]["failed"] == ["cache", "tasks"]
    assert answer["body"]["checks"]["database"] == "ok"
