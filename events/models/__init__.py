from events.models.agenda import Room, Session, SessionSpeaker, Speaker, Track
from events.models.api_tokens import ApiToken
from events.models.event import Event, EventTeamMember, Sponsor, Venue
from events.models.organisations import Organisation

__all__ = [
    "ApiToken",
    "Event",
    "EventTeamMember",
    "Organisation",
    "Room",
    "Session",
    "SessionSpeaker",
    "Speaker",
    "Sponsor",
    "Track",
    "Venue",
]
