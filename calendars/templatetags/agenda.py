"""`{% load agenda %}`: the visitor's own agenda marks (in a page's personal part)."""

from django import template

from calendars import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def in_my_agenda(context, session) -> bool:
    """{% in_my_agenda session as mine %} (a session or its id): one query; False
    when signed out."""
    request = context.get("request")
    if request is None:
        return False
    return selectors.bookmark_exists(user=request.user, session=session)
