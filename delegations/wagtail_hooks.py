"""The delegation programme's place on the organiser desk (events.wagtail_desk)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from delegations.models import DelegationProgramme
from events.wagtail_desk import ORGANISER_LINKS_HOOK


@hooks.register(ORGANISER_LINKS_HOOK, order=-5)
def _programme_links(events):
    with_programme = set(
        DelegationProgramme.objects.filter(event__in=events).values_list(
            "event_id", flat=True
        )
    )
    for event in events:
        if event.pk in with_programme:
            url = reverse("delegation:organiser_programme", kwargs={"slug": event.slug})
            yield event.pk, _("Delegation programme"), url
