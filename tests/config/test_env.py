from pathlib import Path

import pytest

from config import env

pytestmark = pytest.mark.unit


def test_secret_key_missing_without_debug_fails():
    with pytest.raises(env.ConfigurationError, match="SECRET_KEY"):
        env.secret_key({}, debug=False)


def test_secret_key_missing_in_debug_uses_dev_key():
    assert env.secret_key({}, debug=True).startswith("django-insecure")


def test_secret_key_from_environment():
    assert env.secret_key({"SECRET_KEY": "s3cret"}, debug=False) == "s3cret"


def test_database_defaults_to_sqlite_in_project(tmp_path: Path):
    config = env.database({}, base_dir=tmp_path)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_database_url_naming_a_sqlite_file_gets_wal_and_a_busy_timeout(
    tmp_path: Path,
):
    config = env.database(
        {"DATABASE_URL": f"sqlite:///{tmp_path}/bench.sqlite3"}, base_dir=tmp_path
    )
    assert (config["NAME"], config["OPTIONS"]) == (
        f"{tmp_path}/bench.sqlite3",
        env.SQLITE_OPTIONS,
    )
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]


def test_database_url_selects_postgresql(tmp_path: Path):
    config = env.database(
        {"DATABASE_URL": "postgresql://app:pw@db.internal:5433/convene"},
        base_dir=tmp_path,
    )
    assert (config["ENGINE"], config["HOST"], config["PORT"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "db.internal",
        5433,
        "convene",
    )
    assert config["OPTIONS"]["connect_timeout"] == 5


def test_database_url_malformed_fails_clearly(tmp_path: Path):
    with pytest.raises(env.ConfigurationError, match="DATABASE_URL"):
        env.database({"DATABASE_URL": "nonsense://x"}, base_dir=tmp_path)


def test_without_redis_the_cache_is_shared_files_and_tasks_run_in_process(
    tmp_path: Path,
):
    cache = env.caches({}, base_dir=tmp_path)["default"]
    # Every gunicorn worker reads the same cached pages: not process memory.
    assert cache["BACKEND"] == "config.file_cache.FileCache"
    assert cache["LOCATION"] == str(tmp_path / "var" / "cache")
    tasks = env.tasks({})["default"]
    assert tasks["BACKEND"] == "config.task_backends.ThreadPoolBackend"
    assert tasks["OPTIONS"] == {"THREADS": {"scheduling": 1, "mail": 1}}


def test_redis_url_turns_on_redis_cache_and_rq_tasks(tmp_path: Path):
    values = {"REDIS_URL": "redis://cache.internal:6379/2"}
    assert env.caches(values, base_dir=tmp_path)["default"] == {
        "BACKEND": "config.resilience.ResilientRedisCache",
        "LOCATION": "redis://cache.internal:6379/2",
        "KEY_PREFIX": "convene",
        "TIMEOUT": 300,
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
    }
    backend = env.tasks(values)["default"]["BACKEND"]
    assert backend == "config.resilience.ResilientRQBackend"
    queues = env.rq_queues(values)
    assert set(queues) == {"default", "scheduling", "mail", "cron"}
    assert queues["scheduling"]["URL"] == "redis://cache.internal:6379/2"


def test_rq_queues_match_task_queues():
    assert set(env.TASK_QUEUES) <= set(env.rq_queues({}))


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("Yes", True), ("0", False), ("", False)],
)
def test_env_bool(value, expected):
    assert env.env_bool({"X": value}, "X") is expected


def test_env_list_splits_and_strips():
    assert env.env_list({"H": " a.org, b.org ,"}, "H", default=[]) == ["a.org", "b.org"]
    assert env.env_list({}, "H", default=["localhost"]) == ["localhost"]


def test_email_and_stripe_from_environment():
    mail = env.email({"EMAIL_HOST": "smtp.x", "EMAIL_PORT": "587"}, debug=False)
    assert (mail["EMAIL_HOST"], mail["EMAIL_PORT"], mail["EMAIL_BACKEND"]) == (
        "smtp.x",
        587,
        "django.core.mail.backends.smtp.EmailBackend",
    )
    stripe = env.stripe({"STRIPE_API_BASE": "http://127.0.0.1:8420"})
    assert stripe["STRIPE_API_BASE"] == "http://127.0.0.1:8420"


def test_settings_module_refuses_to_start_without_secret_key(tmp_path):
    """The real settings module, imported in a clean process with DEBUG off."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin"},
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_https_production_defaults_are_strict():
    config = env.https({}, debug=False)
    assert (
        config["SECURE_SSL_REDIRECT"],
        config["SECURE_HSTS_SECONDS"],
        config["SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        config["SECURE_HSTS_PRELOAD"],
        config["SESSION_COOKIE_SECURE"],
        config["CSRF_COOKIE_SECURE"],
        config["SESSION_COOKIE_HTTPONLY"],
        config["CSRF_COOKIE_HTTPONLY"],
        config["SESSION_COOKIE_SAMESITE"],
        config["SECURE_PROXY_SSL_HEADER"],
    ) == (
        True,
        31536000,
        True,
        True,
        True,
        True,
        True,
        True,
        "Lax",
        ("HTTP_X_FORWARDED_PROTO", "https"),
    )
    assert config["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$"]


def test_https_demo_works_over_http():
    config = env.https({}, debug=True)
    assert (
        config["SECURE_SSL_REDIRECT"],
        config["SECURE_HSTS_SECONDS"],
        config["SESSION_COOKIE_SECURE"],
    ) == (False, 0, False)


def test_https_each_setting_from_environment():
    config = env.https(
        {
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "600",
            "SECURE_HSTS_PRELOAD": "0",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "0",
            "SECURE_COOKIES": "0",
            "COOKIE_SAMESITE": "Strict",
            "TRUST_X_FORWARDED_PROTO": "0",
        },
        debug=False,
    )
    assert (
        config["SECURE_SSL_REDIRECT"],
        config["SECURE_HSTS_SECONDS"],
        config["SECURE_HSTS_PRELOAD"],
        config["SECURE_HSTS_INCLUDE_SUBDOMAINS"],
        config["SESSION_COOKIE_SECURE"],
        config["CSRF_COOKIE_SAMESITE"],
        config["SECURE_PROXY_SSL_HEADER"],
    ) == (False, 600, False, False, False, "Strict", None)


@pytest.mark.parametrize(
    ("name", "value"), [("SECURE_HSTS_SECONDS", "a year"), ("COOKIE_SAMESITE", "lax")]
)
def test_https_malformed_values_fail_clearly(name, value):
    with pytest.raises(env.ConfigurationError, match=name):
        env.https({name: value}, debug=False)


def test_media_stays_on_disk_without_a_bucket():
    storage, url = env.media_storage({})
    assert (storage["BACKEND"], url) == (
        "django.core.files.storage.FileSystemStorage",
        None,
    )


def test_a_bucket_moves_media_to_s3_compatible_storage_with_signed_links(settings):
    from django.core.files.storage import storages

    storage, url = env.media_storage(
        {
            "MEDIA_S3_BUCKET": "convene-media",
            "MEDIA_S3_ENDPOINT_URL": "http://minio.internal:9000",
            "MEDIA_S3_ACCESS_KEY_ID": "convene",
            "MEDIA_S3_SECRET_ACCESS_KEY": "secret",
            "MEDIA_S3_REGION": "us-east-1",
        }
    )
    assert url == "http://minio.internal:9000/convene-media/"
    assert storage["OPTIONS"]["default_acl"] is None
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    link = storages["default"].url("delegation/cv.pdf")
    assert link.startswith(
        "http://minio.internal:9000/convene-media/media/delegation/cv.pdf?"
    )
    assert "Signature=" in link or "X-Amz-Signature=" in link
