"""A queryset compiled once runs again with each call's value, one query, with the
ORM's own conversions, and refuses a translated model's reordered columns."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calendars.models import CalendarFeed
from calendars.selectors import feed_get
from config.compiled import ANY_ID, ANY_TEXT, ANY_TIME, Compiled
from events.models import Session
from tests.factories.accounts import UserFactory
from tests.factories.events import EventFactory, OrganisationFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_each_call_runs_the_compiled_sql_with_its_own_value_in_one_query():
    event = EventFactory()
    first, second = SessionFactory(event=event), SessionFactory(event=event)
    by_id = Compiled(
        lambda pk: (
            Session.objects.rewrite(False)
            .filter(pk=pk)
            .values_list("id", "updated_at", "title_en")
        )
    )
    for session in (first, second):
        with CaptureQueriesContext(connection) as queries:
            (row,) = by_id.rows(session.pk)
        assert len(queries) == 1
        assert row == (session.pk, session.updated_at, session.title_en)
        assert isinstance(row[1], dt.datetime)
        assert row[1].tzinfo is not None
    assert by_id.rows(-1) == []


def test_a_moment_is_a_placeholder_too_wherever_it_is_used():
    event = EventFactory()
    session = SessionFactory(event=event)
    around = Compiled(
        lambda pk, moment: (
            Session.objects.rewrite(False)
            .filter(event_id=pk, start__lte=moment, end__gt=moment)
            .values_list("id")
        ),
        placeholders=(ANY_ID, ANY_TIME),
    )
    during = session.start + (session.end - session.start) / 2
    assert around.rows(event.pk, during) == [(session.pk,)]
    assert around.rows(event.pk, session.end) == []


def test_a_translated_models_reordered_columns_are_refused():
    EventFactory()
    # It keeps the columns in a set: with this many, never in the order asked.
    columns = ("id", "updated_at", "created_at", "start", "end", "event_id", "room_id")
    columns += ("track_id", "title_en", "title_ko", "kind", "status")
    reordered = Compiled(lambda pk: Session.objects.filter(pk=pk).values_list(*columns))
    with pytest.raises(ValueError, match="out of order"):
        reordered.rows(1)


def test_a_query_without_its_placeholder_is_refused():
    unused = Compiled(lambda _pk: Session.objects.rewrite(False).values_list("id"))
    with pytest.raises(ValueError, match="placeholder"):
        unused.rows(1)


def test_a_feed_is_found_by_its_token_with_its_person_and_company_in_one_query():
    company = OrganisationFactory(name_en="Hanbit", name_ko="한빛")
    user = UserFactory(organisation=company, first_name="Minji")
    feed = CalendarFeed.objects.create(user=user, kind="company", organisation=company)
    with CaptureQueriesContext(connection) as queries:
        found = feed_get(token=feed.token)
        assert (found.pk, found.kind, found.user.first_name) == (
            feed.pk,
            "company",
            "Minji",
        )
        assert found.organisation.name_ko == "한빛"
        assert found.user.organisation_id == company.pk
    assert len(queries) == 1
    assert feed_get(token=feed.token + "x") is None
    assert feed_get(token=ANY_TEXT) is None
