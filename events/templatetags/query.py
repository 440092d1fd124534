"""`{% load query %}`: links that change one parameter of the page's query string
and keep every other (filters, search), e.g. pagination."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context, **changes) -> str:
    """`?{% query_replace page=3 %}` → "q=onc&tag=area%3Aoncology&page=3": the
    request's parameters (repeated ones kept) with `changes` set; None or ""
    drops a parameter. Escape it as usual: `&` becomes `&amp;` in HTML."""
    request = context.get("request")
    params = request.GET.copy() if request is not None else QueryDict(mutable=True)
    for name, value in changes.items():
        if value is None or value == "":
            params.pop(name, None)
        else:
            params[name] = str(value)
    return params.urlencode()
