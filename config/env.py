"""Turn environment variables into Django settings.

Pure functions of a mapping, so each rule is testable without reloading settings.
Every difference between a laptop and production is one of these variables.
"""

from collections.abc import Mapping
from pathlib import Path

import dj_database_url

TRUE_WORDS = {"1", "true", "yes", "on"}


class ConfigurationError(RuntimeError):
    """A required variable is missing or malformed; raised at start-up."""


def env_bool(env: Mapping[str, str], name: str, *, default: bool = False) -> bool:
    value = env.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in TRUE_WORDS


def env_list(env: Mapping[str, str], name: str, *, default: list[str]) -> list[str]:
    value = env.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or default


def secret_key(env: Mapping[str, str], *, debug: bool) -> str:
    """A missing key is tolerated only in DEBUG, where a fixed dev key is used."""
    key = env.get("SECRET_KEY", "")
    if key:
        return key
    if debug:
        return "django-insecure-dev-only-key-never-used-in-production"
    raise ConfigurationError("SECRET_KEY must be set when DEBUG is off.")


def database(env: Mapping[str, str], *, base_dir: Path) -> dict:
    """DATABASE_URL (PostgreSQL in production) or a SQLite file in the project."""
    url = env.get("DATABASE_URL", "")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(base_dir / "db.sqlite3"),
            # Wait for a writer instead of failing at once under concurrent demo use.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ConfigurationError(f"DATABASE_URL is not a database URL: {exc}") from exc
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config


def caches(env: Mapping[str, str]) -> dict:
    url = env.get("REDIS_URL", "")
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "convene",
            }
        }
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "convene",
            "TIMEOUT": 300,
        }
    }


TASK_QUEUES = ["default", "scheduling", "mail"]


def tasks(env: Mapping[str, str]) -> dict:
    """In-process tasks on a laptop; RQ workers on Redis when REDIS_URL is set."""
    if not env.get("REDIS_URL"):
        return {
            "default": {
                "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                "QUEUES": TASK_QUEUES,
            }
        }
    return {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}


def rq_queues(env: Mapping[str, str]) -> dict:
    url = env.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    # Scheduler runs may take many minutes: give them a long timeout.
    timeouts = {"default": 600, "scheduling": 3600, "mail": 120, "cron": 300}
    return {name: {"URL": url, "DEFAULT_TIMEOUT": t} for name, t in timeouts.items()}


def email(env: Mapping[str, str], *, debug: bool) -> dict:
    default_backend = (
        "django.core.mail.backends.console.EmailBackend"
        if debug
        else "django.core.mail.backends.smtp.EmailBackend"
    )
    return {
        "EMAIL_BACKEND": env.get("EMAIL_BACKEND", default_backend),
        "EMAIL_HOST": env.get("EMAIL_HOST", "localhost"),
        "EMAIL_PORT": int(env.get("EMAIL_PORT", "25")),
        "EMAIL_HOST_USER": env.get("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": env.get("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": env_bool(env, "EMAIL_USE_TLS"),
        "DEFAULT_FROM_EMAIL": env.get(
            "DEFAULT_FROM_EMAIL", "Convene <noreply@localhost>"
        ),
        "EMAIL_FILE_PATH": env.get("EMAIL_FILE_PATH", "var/mail"),
    }


def stripe(env: Mapping[str, str]) -> dict:
    """Stripe keys and addresses; the addresses are settings so tests use localstripe."""
    return {
        "STRIPE_SECRET_KEY": env.get("STRIPE_SECRET_KEY", ""),
        "STRIPE_PUBLISHABLE_KEY": env.get("STRIPE_PUBLISHABLE_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": env.get("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": env.get("STRIPE_API_BASE", "https://api.stripe.com"),
        "STRIPE_JS_URL": env.get("STRIPE_JS_URL", "https://js.stripe.com/v3/"),
    }
