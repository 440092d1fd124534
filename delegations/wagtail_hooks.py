"""The delegation programme's tools and numbers on each event's hub in the
Wagtail admin (events.wagtail_desk)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks

from delegations import selectors
from delegations.models import DelegationProgramme
from events.wagtail_desk import (
    EVENT_NUMBERS_HOOK,
    ORGANISER_LINKS_HOOK,
    Figure,
    Tool,
    links_for,
)

_PROGRAMME = (
    (gettext_lazy("Applications and decisions"), "delegation:organiser_programme"),
    (gettext_lazy("Programme set-up"), "delegation:programme_setup"),
    (gettext_lazy("Itinerary"), "delegation:itinerary_items"),
    (gettext_lazy("Roster of delegates"), "delegation:roster"),
    (gettext_lazy("Handbook (PDF)"), "delegation:handbook"),
)


@hooks.register(ORGANISER_LINKS_HOOK, order=-5)
def _programme_links(events, user):
    yield from links_for(
        events, having=DelegationProgramme, section="delegation", links=_PROGRAMME
    )
    with_programme = set(
        DelegationProgramme.objects.filter(event__in=events).values_list(
            "event_id", flat=True
        )
    )
    for event in events:
        if event.pk in with_programme:
            url = reverse("delegation:outcome_dashboard")
            yield Tool(event.pk, "delegation", _("Outcomes"), url)
            for fmt in ("csv", "xlsx"):
                url = reverse("delegation:outcome_export", kwargs={"fmt": fmt})
                label = _("Delegation outcomes (%(format)s)") % {"format": fmt.upper()}
                yield Tool(event.pk, "exports", label, url)


@hooks.register(EVENT_NUMBERS_HOOK, order=-5)
def _waiting_numbers(events):
    waiting = selectors.applications_waiting(events=events)
    for event in events:
        if event.pk in waiting:
            url = reverse("delegation:organiser_programme", kwargs={"slug": event.slug})
            label = _("Applications waiting for a decision")
            yield Figure(event.pk, label, str(waiting[event.pk]), url)
