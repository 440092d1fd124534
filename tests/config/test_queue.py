"""Services name their tasks by path (config/queue.py): every name must exist."""

import pathlib
import re

import pytest
from django.utils.module_loading import import_string
from django_tasks.base import Task

ROOT = pathlib.Path(__file__).resolve().parents[2]
APPS = ["accounts", "events", "registration", "matchmaking", "badges", "calendars"]
APPS += ["delegations", "cms"]
APP_NAMES = "|".join(APPS)
NAMED = re.compile(rf'"((?:{APP_NAMES})\.tasks\.\w+)"')


def _named_tasks() -> set[str]:
    names = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            names.update(NAMED.findall(path.read_text()))
    return names


def test_services_name_tasks_by_path():
    assert "registration.tasks.order_confirmation_email" in _named_tasks()


@pytest.mark.parametrize("name", sorted(_named_tasks()))
def test_every_named_task_exists(name):
    assert isinstance(import_string(name), Task)
