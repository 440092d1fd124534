"""The password backend loads each request's signed-in person by compiled SQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import PasswordBackend
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def test_the_session_s_person_is_loaded_whole():
    person = UserFactory(first_name="Minji", last_name="Kim", name_ko="김민지")

    loaded = PasswordBackend().get_user(str(person.pk))

    assert loaded == person
    assert (loaded.email, loaded.name_ko, loaded.password) == (
        person.email,
        "김민지",
        person.password,
    )
    assert loaded._state.adding is False


@pytest.mark.parametrize("user_id", ["999999", "not a number", "", "1\x00"])
def test_a_session_naming_nobody_signs_nobody_in(user_id):
    assert PasswordBackend().get_user(user_id) is None


def test_a_deactivated_person_is_signed_out():
    person = UserFactory(is_active=False)
    assert PasswordBackend().get_user(str(person.pk)) is None


def test_a_signed_in_page_asks_the_database_once_for_its_person(client):
    person = UserFactory()
    client.force_login(person)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("registration:my_registrations"))

    assert response.wsgi_request.user == person
    by_id = 'FROM "accounts_user" WHERE "accounts_user"."id" ='
    assert sum(by_id in q["sql"] for q in queries.captured_queries) == 1
