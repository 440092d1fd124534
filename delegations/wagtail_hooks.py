"""The delegation programme's place on the organiser desk (events.wagtail_desk)."""

from django.utils.translation import gettext as _
from wagtail import hooks

from delegations.models import DelegationProgramme
from events.wagtail_desk import ORGANISER_LINKS_HOOK, links_for


@hooks.register(ORGANISER_LINKS_HOOK, order=-5)
def _programme_links(events):
    return links_for(
        events,
        having=DelegationProgramme,
        label=_("Delegation programme"),
        url_name="delegation:organiser_programme",
    )
