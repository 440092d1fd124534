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


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationCategory(models.TextChoices):
    """Who the person is at this event; drives badge colours and partnering roles."""

    ATTENDEE = "attendee", _("Attendee")
    SPEAKER = "speaker", _("Speaker")
    INVESTOR = "investor", _("Investor")
    EXHIBITOR = "exhibitor", _("Exhibitor")
    PRESS = "press", _("Press")
    STAFF = "staff", _("Staff")
    DELEGATION = "delegation", _("Delegation member")


class OrderStatus(models.TextChoices):
    """An order's life: pending holds seats until it is paid or its hold expires."""

    PENDING = "pending", _("Pending payment")
    PAID = "paid", _("Paid")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    REFUNDED = "refunded", _("Refunded")


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card (Stripe)")
    INVOICE = "invoice", _("Invoice / bank transfer")
    FREE = "free", _("Free")


class PaymentState(models.TextChoices):
    """Mirrors the provider's state; for Stripe, the PaymentIntent's as last fetched."""

    CREATED = "created", _("Created")
    PROCESSING = "processing", _("Processing")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Canceled")
    REFUNDED = "refunded", _("Refunded")


class VoucherKind(models.TextChoices):
    PERCENT = "percent", _("Percentage off")
    FIXED = "fixed", _("Fixed amount off each ticket")


class SessionStatus(models.TextChoices):
    """Cancel rather than delete: calendars then show the session as cancelled."""

    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class CalendarFeedKind(models.TextChoices):
    PERSONAL = "personal", _("My agenda")
    COMPANY = "company", _("Company schedule")


class WaitlistStatus(models.TextChoices):
    """A place in a sold-out ticket's queue: waiting, then offered a seat that is
    held for them until the offer expires."""

    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Seat offered")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Offer expired")
    CANCELLED = "cancelled", _("Left the list")


class ApiScope(models.TextChoices):
    """What an integrator's API token may do; always within its owner's own rights."""

    READ_EVENTS = "read_events", _("Read events (drafts included)")
    READ_REGISTRATIONS = "read_registrations", _("Read registrations and orders")
    CHECK_IN = "check_in", _("Check people in")
