from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestStatus(models.TextChoices):
    """A request's life; see `services.py` for the transitions each actor may make."""

    PENDING = "pending", _("Pending")
    PROPOSED = "proposed", _("Other time proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Priority(models.IntegerChoices):
    LOW = 1, _("Nice to meet")
    NORMAL = 2, _("Important")
    HIGH = 3, _("Must meet")


class MeetingStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingSource(models.TextChoices):
    REQUEST = "request", _("Accepted request")
    ORGANISER = "organiser", _("Set by the organiser")


class Outcome(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Follow-up agreed")
    CDA = "cda", _("Confidential disclosure agreement signed")
    TERM_SHEET = "term_sheet", _("Term sheet")
    NONE = "none", _("None")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DRAFT = "draft", _("Draft, to review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")
    FAILED = "failed", _("Failed")


class TagCategory(models.TextChoices):
    """What a profile offers or seeks; each category scores and reads differently."""

    AREA = "area", _("Therapeutic area")
    MODALITY = "modality", _("Modality")
    STAGE = "stage", _("Development stage")
    SERVICE = "service", _("Service")
    REGION = "region", _("Region")


class TicketSize(models.TextChoices):
    UNDER_1M = "lt1m", _("Under USD 1 million")
    M1_5 = "1-5m", _("USD 1–5 million")
    M5_20 = "5-20m", _("USD 5–20 million")
    OVER_20M = "gt20m", _("Over USD 20 million")


class NotificationKind(models.TextChoices):
    """What a notification says; its text is written when it is read or e-mailed, in
    the reader's language (`NOTIFICATION_TEXT`)."""

    REQUEST_RECEIVED = "request_received", _("Meeting request received")
    REQUEST_ACCEPTED = "request_accepted", _("Meeting request accepted")
    REQUEST_DECLINED = "request_declined", _("Meeting request declined")
    TIME_PROPOSED = "time_proposed", _("Other time proposed")
    MEETING_CANCELLED = "meeting_cancelled", _("Meeting cancelled")
    MEETING_ADDED = "meeting_added", _("Meeting added by the organisers")
    SCHEDULE_PUBLISHED = "schedule_published", _("Schedule published")
    SCHEDULE_CHANGED = "schedule_changed", _("Schedule changed")


# Placeholders: name and org (the person who acted), slot (a local time), event.
NOTIFICATION_TEXT = {
    NotificationKind.REQUEST_RECEIVED: _("%(name)s (%(org)s) asks to meet you."),
    NotificationKind.REQUEST_ACCEPTED: _("%(name)s accepted your meeting request."),
    NotificationKind.REQUEST_DECLINED: _("%(name)s declined your meeting request."),
    NotificationKind.TIME_PROPOSED: _("%(name)s proposes to meet at %(slot)s."),
    NotificationKind.MEETING_CANCELLED: _("%(name)s cancelled a meeting with you."),
    NotificationKind.MEETING_ADDED: _(
        "The organisers added a meeting to your partnering schedule."
    ),
    NotificationKind.SCHEDULE_PUBLISHED: _(
        "Your partnering schedule for %(event)s is published."
    ),
    NotificationKind.SCHEDULE_CHANGED: _(
        "Your partnering schedule for %(event)s has changed."
    ),
}


class ReleaseKind(models.TextChoices):
    SCHEDULE = "schedule", _("Schedule published")
    MOVE = "move", _("Meeting moved by hand")
    CANCEL = "cancel", _("Meeting cancelled by hand")


class ChangeKind(models.TextChoices):
    MOVED = "moved", _("Moved")
    ADDED = "added", _("Added")
    UNSCHEDULED = "unscheduled", _("Taken off the schedule")
    CANCELLED = "cancelled", _("Cancelled")
