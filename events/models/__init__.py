from events.models.agenda import Room, Session, SessionSpeaker, Speaker, Track
from events.models.api_tokens import ApiToken
from events.models.calendar import CalendarFeed, SessionBookmark, SessionTombstone
from events.models.delegation import *  # noqa: F403  (its __all__)
from events.models.event import Event, EventTeamMember, Sponsor, Venue
from events.models.orders import Order, Payment, StripeEvent
from events.models.people import Organisation, User
from events.models.registration import Registration
from events.models.tickets import EventBilling, TicketType, Voucher
from events.models.waitlist import WaitlistEntry

__all__ = [
    "ApiToken",
    "CalendarFeed",
    "SessionBookmark",
    "SessionTombstone",
    "Event",
    "EventBilling",
    "EventTeamMember",
    "Order",
    "Organisation",
    "Payment",
    "Registration",
    "Room",
    "Session",
    "SessionSpeaker",
    "Speaker",
    "Sponsor",
    "StripeEvent",
    "TicketType",
    "Track",
    "User",
    "Venue",
    "Voucher",
    "WaitlistEntry",
]
