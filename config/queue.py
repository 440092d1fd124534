"""The seam between services and tasks: a service names its task by dotted path
instead of importing the tasks module, so tasks import services and the arrow
points one way (`tests/config/test_queue.py` checks every named task exists)."""

from django.utils.module_loading import import_string


def enqueue(task: str, *args):
    """Queue the django-tasks task at `task` ("app.tasks.name") with `args`."""
    return import_string(task).enqueue(*args)
