import pytest

from accounts.models import User
from accounts.services import user_upsert

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_user_upsert_lowercases_email_and_keeps_password_when_not_given():
    user = user_upsert(email="Minji@Example.org", password="pw-1234-abcd")
    again = user_upsert(email="minji@example.org", job_title="CRA")
    assert again.pk == user.pk
    assert User.objects.get(pk=user.pk).check_password("pw-1234-abcd")
    assert again.email == "minji@example.org"


def test_user_upsert_new_person_without_password_cannot_sign_in():
    user = user_upsert(email="new@example.org")
    assert not user.has_usable_password()
