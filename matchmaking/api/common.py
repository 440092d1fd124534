"""What every partnering endpoint starts from: the event (404 where it has no
partnering) and who is asking."""

from django.http import HttpRequest

from events import selectors as event_selectors
from events.authority import is_organiser
from matchmaking import selectors, services
from matchmaking.models import Participant


def partnering_event(request: HttpRequest, slug: str):
    event = event_selectors.event_get(slug=slug, user=request.user)
    selectors.setup_get(event=event)  # no partnering here: 404
    return event


def my_participant(request: HttpRequest, slug: str) -> Participant:
    return services.participant_of(
        user=request.user, event=partnering_event(request, slug)
    )


def viewer_of(request: HttpRequest, event):
    """The caller's participant record, or None for an organiser (sees everyone)."""
    if is_organiser(user=request.user, event=event):
        return None
    return services.participant_of(user=request.user, event=event)
