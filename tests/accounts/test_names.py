"""A person's name in Korean order on Korean pages and in Korean mail."""

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("first", "last", "name_ko", "english", "korean"),
    [
        ("Minji", "Kim", "김민지", "Minji Kim", "김민지"),
        ("Minji", "Kim", "", "Minji Kim", "Kim Minji"),
        ("민지", "김", "", "민지 김", "김민지"),
        ("Ada", "", "", "Ada", "Ada"),
        ("", "", "", "p@example.com", "p@example.com"),
    ],
)
def test_display_name_by_language(first, last, name_ko, english, korean):
    user = UserFactory.build(
        first_name=first, last_name=last, name_ko=name_ko, email="p@example.com"
    )
    assert user.display_name("en") == english
    assert user.display_name("ko") == korean
    with translation.override("ko"):
        assert user.display_name() == korean
        assert str(user) == korean
    with translation.override("en"):
        assert str(user) == english


def test_the_filter_names_a_person_in_the_active_language():
    user = UserFactory.build(first_name="Minji", last_name="Kim", name_ko="")
    template = Template("{% load people %}{{ user|person_name }} 님")
    with translation.override("ko"):
        assert template.render(Context({"user": user})) == "Kim Minji 님"
    with translation.override("en"):
        assert template.render(Context({"user": user})) == "Minji Kim 님"


def test_korean_forms_ask_the_family_name_first():
    from django.utils import translation

    from accounts.forms import SignUpForm

    with translation.override("ko"):
        ko = list(SignUpForm().fields)
    with translation.override("en"):
        en = list(SignUpForm().fields)
    assert ko.index("last_name") < ko.index("first_name")
    assert en.index("first_name") < en.index("last_name")
