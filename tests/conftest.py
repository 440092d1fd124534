import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from events.enums import TeamRole
from events.models import EventTeamMember
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory


@pytest.fixture(scope="session")
def _drop_browser_connections(django_db_setup, django_db_blocker):
    """Used by every browser test (tests/browser.py). Playwright runs its event loop
    in a greenlet with its own context, so Django opens connections there that
    nothing closes. On PostgreSQL they would keep the test database from being
    dropped at the end of the session: end them first."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _default_language():
    """A request to a /ko/ page activates Korean in this thread and leaves it there;
    each test starts in the default language, whatever ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def event(db):
    """A won event, for the tests of an app that need one (a conftest below may
    give its own)."""
    return EventFactory(currency="KRW")


@pytest.fixture
def organiser(event):
    user = UserFactory(email="organiser@example.org")
    EventTeamMember.objects.create(event=event, user=user, role=TeamRole.ORGANISER)
    return user
