"""`{% load people %}`: a person's name as the page's (or e-mail's) language
writes it."""

from django import template

register = template.Library()


@register.filter
def person_name(user) -> str:
    """{{ order.buyer|person_name }} → "Minji Kim"; on Korean pages and in Korean
    mail the Korean name ("김민지"), else the family name first ("Kim Minji")."""
    if not user:
        return ""
    return user.display_name()
