"""A delegate's itinerary as a calendar file (thin: `delegations.feeds` reads)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from calendars.selectors import HOST
from calendars.views.feeds import calendar_response
from delegations import feeds, selectors


@require_GET
@login_required
def itinerary_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """Her own items and meetings, never another delegate's shifts; an organiser,
    who is no delegate, gets the whole programme's calendar."""
    try:
        programme = selectors.programme_get(slug=slug)
    except selectors.DelegationProgramme.DoesNotExist:
        raise Http404(_("No such programme.")) from None
    event = programme.event
    delegate = selectors.delegate_find_for_user(user=request.user, programme=programme)
    if delegate is None:
        if not selectors.is_organiser(user=request.user, event=event):
            raise Http404(_("You are not a delegate of this programme."))
        return redirect("calendar:event", slug=event.slug)
    return calendar_response(
        request,
        version=feeds.itinerary_version(delegate=delegate),
        uid=f"itinerary-{delegate.pk}@{HOST}",
        name=_("My itinerary: %(name)s") % {"name": event.name},
        items=lambda: feeds.itinerary_items(delegate=delegate),
        filename=f"{event.slug}-itinerary.ics",
        private=True,
    )
