"""Template helpers of the delegation pages."""

from django import template

from delegations import selectors

register = template.Library()


@register.simple_tag
def organises_delegations(user) -> bool:
    """Whether the delegation pages offer this person the organiser's section."""
    if not user.is_authenticated:
        return False
    return selectors.programme_list_for_organiser(user=user).exists()
