"""`{% query_replace %}` changes one parameter and keeps every other."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

pytestmark = pytest.mark.unit


def _render(path: str, tag: str) -> str:
    request = RequestFactory().get(path)
    template = Template("{% load query %}" + tag)
    return template.render(Context({"request": request, "n": 3}))


def test_query_replace_keeps_filters_and_repeated_parameters():
    out = _render(
        "/d/?q=onc+ology&tag=area:onc&tag=stage:p1&page=2", "{% query_replace page=n %}"
    )

    assert out == "q=onc+ology&amp;tag=area%3Aonc&amp;tag=stage%3Ap1&amp;page=3"


def test_query_replace_adds_a_missing_parameter_and_drops_an_empty_one():
    added = _render("/d/", "{% query_replace page=n %}")
    dropped = _render("/d/?page=2&kind=cro", "{% query_replace page='' %}")

    assert (added, dropped) == ("page=3", "kind=cro")


def test_query_replace_escapes_what_it_keeps():
    out = _render("/d/?q=%22%3E%3Cscript%3E", "{% query_replace page=n %}")

    assert "<" not in out
    assert out == "q=%22%3E%3Cscript%3E&amp;page=3"
