from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PHARMA = "pharma", _("Pharma")
    BIOTECH = "biotech", _("Biotech")
    CRO = "cro", _("CRO")
    INVESTOR = "investor", _("Investor")
    SITE = "site", _("Hospital / site")
    ACADEMIA = "academia", _("Academia")
    REGULATOR = "regulator", _("Regulator")
    OTHER = "other", _("Other")


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    DELEGATION = "delegation", _("Delegation programme")
    FORUM = "forum", _("Investment forum")


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", _("Keynote")
    TALK = "talk", _("Talk")
    PANEL = "panel", _("Panel")
    WORKSHOP = "workshop", _("Workshop")
    PITCH = "pitch", _("IR pitch")
    BREAK = "break", _("Break")
    RECEPTION = "reception", _("Reception")
    SITE_VISIT = "site_visit", _("Site visit")
    BOOTH_SHIFT = "booth_shift", _("Booth shift")


class SessionLanguage(models.TextChoices):
    EN = "en", _("English")
    KO = "ko", _("Korean")
    BOTH = "en-ko", _("English and Korean (interpreted)")


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    MODERATOR = "moderator", _("Moderator")
    PANELLIST = "panellist", _("Panellist")


class SponsorTier(models.TextChoices):
    PLATINUM = "platinum", _("Platinum")
    GOLD = "gold", _("Gold")
    SILVER = "silver", _("Silver")
    PARTNER = "partner", _("Partner")
    EXHIBITOR = "exhibitor", _("Exhibitor")


class TeamRole(models.TextChoices):
    """What a person may do for one event; checked by services, not by Django perms."""

    ORGANISER = "organiser", _("Organiser")
    EDITOR = "editor", _("Editor")
    CHECKIN = "checkin", _("Check-in staff")
    EXHIBITOR = "exhibitor", _("Exhibitor contact")


class SessionStatus(models.TextChoices):
    """Cancel rather than delete: calendars then show the session as cancelled."""

    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class ApiScope(models.TextChoices):
    """What an integrator's API token may do; always within its owner's own rights."""

    READ_EVENTS = "read_events", _("Read events (drafts included)")
    READ_REGISTRATIONS = "read_registrations", _("Read registrations and orders")
    CHECK_IN = "check_in", _("Check people in")
