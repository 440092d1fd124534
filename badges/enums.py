from django.db import models
from django.utils.translation import gettext_lazy as _


class BadgeSize(models.TextChoices):
    """Print sizes; the dimensions in millimetres live in `badges.rendering.SIZES_MM`."""

    A6 = "a6", _("A6 (105 × 148 mm)")
    IN4X3 = "4x3in", _("4 × 3 in (102 × 76 mm)")
    CR80 = "cr80", _("CR80 card (86 × 54 mm)")


class SheetLayout(models.TextChoices):
    A4_SHEET = "a4", _("A4 sheets with crop marks")
    ONE_PER_PAGE = "single", _("One badge per page (badge printers)")


class BatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class CheckInKind(models.TextChoices):
    ENTRANCE = "entrance", _("Entrance")
    SESSION = "session", _("Session room")


class ScanResult(models.TextChoices):
    OK = "ok", _("Checked in")
    ALREADY = "already", _("Already checked in")
    INVALID = "invalid", _("Not valid")


class InvalidReason(models.TextChoices):
    """Why a scan is refused; shown to the staff at the door."""

    FORGED = "forged", _("Not a badge of ours (forged or damaged)")
    REVOKED = "revoked", _("Badge replaced by a reprint")
    OTHER_EVENT = "other_event", _("Registered for another event")
    CANCELLED = "cancelled", _("Registration cancelled")
    REFUNDED = "refunded", _("Order refunded")
    UNPAID = "unpaid", _("Not paid yet")
    NOT_FOUND = "not_found", _("No such registration")
