from events.models.agenda import Room, Session, SessionSpeaker, Speaker, Track
from events.models.event import Event, EventTeamMember, Sponsor, Venue
from events.models.people import Organisation, User
from events.models.registration import Registration

__all__ = [
    "Event",
    "EventTeamMember",
    "Organisation",
    "Registration",
    "Room",
    "Session",
    "SessionSpeaker",
    "Speaker",
    "Sponsor",
    "Track",
    "User",
    "Venue",
]
