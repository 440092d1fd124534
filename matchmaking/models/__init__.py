from matchmaking.models.meetings import (
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    Notification,
    ScheduleRun,
)
from matchmaking.models.profiles import OrganisationProfile, Participant, Tag
from matchmaking.models.releases import ScheduleRelease
from matchmaking.models.setup import MeetingBlock, PartneringSetup, Slot, Table

__all__ = [
    "Meeting",
    "MeetingBlock",
    "MeetingFeedback",
    "MeetingRequest",
    "Notification",
    "OrganisationProfile",
    "Participant",
    "PartneringSetup",
    "ScheduleRelease",
    "ScheduleRun",
    "Slot",
    "Table",
    "Tag",
]
