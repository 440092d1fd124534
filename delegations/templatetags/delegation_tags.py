"""Template helpers of the delegation pages."""

from django import template

from delegations import selectors
from delegations.enums import HOME_TIMEZONE
from events.localtime import local_text

register = template.Library()


@register.simple_tag
def organises_delegations(user) -> bool:
    """Whether the delegation pages offer this person the organiser's section."""
    if not user.is_authenticated:
        return False
    return selectors.programme_list_for_organiser(user=user).exists()


@register.filter
def home_time(value) -> str:
    """{{ programme.application_deadline|home_time }} → "2027-04-30 18:00 KST":
    a programme's deadline and its applications' times on the clock of Korea,
    where the delegations are organised from (the host city's clock is the
    itinerary's)."""
    return local_text(value, HOME_TIMEZONE) if value else ""
