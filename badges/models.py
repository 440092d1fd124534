"""Badge designs, issued badges, print batches, scanner tokens and check-ins.

A badge is one *version* of a registration's printable card. Its QR code carries a
signed token naming the registration and the version (`badges.tokens`); printing it
again revokes the old version, so a lost badge stops working at the door.
"""

import base64
import io

import pypdfium2
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import PreviewableMixin

from badges import samples
from badges.enums import BadgeSize, BatchStatus, CheckInKind, SheetLayout
from events.localtime import local_text
from registration.enums import RegistrationCategory

colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("A colour like #1f6feb."))

# Band colours by registration category, used when a design leaves one unset.
DEFAULT_COLOURS = {
    RegistrationCategory.ATTENDEE: "#1f6feb",
    RegistrationCategory.SPEAKER: "#d1242f",
    RegistrationCategory.INVESTOR: "#8250df",
    RegistrationCategory.EXHIBITOR: "#bf8700",
    RegistrationCategory.PRESS: "#1a7f37",
    RegistrationCategory.STAFF: "#24292f",
    RegistrationCategory.DELEGATION: "#0a7ea4",
}


def _colour_field(category: str, label) -> models.CharField:
    return models.CharField(
        label, max_length=7, default=DEFAULT_COLOURS[category], validators=[colour]
    )


class BadgeDesign(PreviewableMixin, models.Model):
    """How an event's badges look. One per event; the admin previews it live."""

    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="badge_design",
    )
    size = models.CharField(
        _("size"), max_length=10, choices=BadgeSize.choices, default=BadgeSize.A6
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    show_name_ko = models.BooleanField(_("show the Korean name"), default=True)
    show_organisation = models.BooleanField(_("show the organisation"), default=True)
    show_ticket = models.BooleanField(_("show the ticket type"), default=True)
    show_category = models.BooleanField(
        _("show the category in the band"), default=True
    )
    colour_attendee = _colour_field("attendee", _("attendee colour"))
    colour_speaker = _colour_field("speaker", _("speaker colour"))
    colour_investor = _colour_field("investor", _("investor colour"))
    colour_exhibitor = _colour_field("exhibitor", _("exhibitor colour"))
    colour_press = _colour_field("press", _("press colour"))
    colour_staff = _colour_field("staff", _("staff colour"))
    colour_delegation = _colour_field("delegation", _("delegation colour"))
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("badge design")
        verbose_name_plural = _("badge designs")

    def __str__(self) -> str:
        return f"{self.event} · {self.get_size_display()}"

    @property
    def colours(self) -> dict[str, str]:
        return {c: getattr(self, f"colour_{c}") for c in RegistrationCategory.values}

    @property
    def preview_modes(self):
        return [("", _("Image")), ("pdf", _("PDF"))]

    def serve_preview(self, request, mode_name):
        """Wagtail's live preview: a sample badge, as the PDF the printer gets or as
        a PNG of that very PDF (rasterised by PDFium)."""
        pdf = samples.preview_pdf(design=self)
        if mode_name == "pdf":
            return HttpResponse(pdf, content_type="application/pdf")
        buffer = io.BytesIO()
        pypdfium2.PdfDocument(pdf)[0].render(scale=3).to_pil().save(buffer, "PNG")
        png = base64.b64encode(buffer.getvalue()).decode()
        context = {"design": self, "png": png}
        return render(request, "badges/design_preview.html", context)


class Badge(models.Model):
    """One printed (or printable) version of a registration's badge."""

    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, related_name="badges"
    )
    version = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    printed_at = models.DateTimeField(_("printed"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["registration", "version"]
        verbose_name = _("badge")
        verbose_name_plural = _("badges")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "version"], name="badge_version_unique"
            ),
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(revoked_at__isnull=True),
                name="badge_one_current_per_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · v{self.version}"


class BadgeBatch(models.Model):
    """A print run, rendered in the background; `done` / `total` is its progress."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="badge_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    layout = models.CharField(
        _("layout"),
        max_length=10,
        choices=SheetLayout.choices,
        default=SheetLayout.A4_SHEET,
    )
    only_unprinted = models.BooleanField(_("only badges not yet printed"), default=True)
    ticket_type = models.ForeignKey(
        "registration.TicketType",
        verbose_name=_("ticket type"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    category = models.CharField(
        _("category"), max_length=20, choices=RegistrationCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=BatchStatus.choices,
        default=BatchStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("badges"), default=0)
    done = models.PositiveIntegerField(_("rendered"), default=0)
    file = models.FileField(_("PDF"), upload_to="badges/batches/", blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("badge print run")
        verbose_name_plural = _("badge print runs")

    def __str__(self) -> str:
        return f"{self.event} · {local_text(self.created_at, self.event)}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


class ScannerToken(models.Model):
    """An API key for a scanning device: one event, check-in only.

    Only the SHA-256 of the key is stored; the key itself is shown once.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="scanner_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key starts with"), max_length=8, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["event", "name"]
        verbose_name = _("scanner token")
        verbose_name_plural = _("scanner tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class CheckIn(models.Model):
    """A person let in at the entrance or into a session's room.

    `nonce` comes from the scanning client: a scan sent twice by a flaky network
    finds its first record and counts once.
    """

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    registration = models.ForeignKey(
        "registration.Registration", on_delete=models.CASCADE, related_name="check_ins"
    )
    badge = models.ForeignKey(
        Badge, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("where"), max_length=10, choices=CheckInKind.choices)
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="check_ins",
    )
    nonce = models.CharField(_("client nonce"), max_length=64, unique=True)
    checked_in_at = models.DateTimeField(_("checked in"), default=timezone.now)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_token = models.ForeignKey(
        ScannerToken, on_delete=models.SET_NULL, null=True, blank=True
    )
    manual = models.BooleanField(_("found by search"), default=False)

    class Meta:
        ordering = ["-checked_in_at"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        indexes = [models.Index(fields=["event", "kind", "checked_in_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(kind=CheckInKind.ENTRANCE),
                name="checkin_once_at_entrance",
            ),
            models.UniqueConstraint(
                fields=["registration", "session"],
                condition=Q(kind=CheckInKind.SESSION),
                name="checkin_once_per_session",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=CheckInKind.ENTRANCE, session__isnull=True)
                    | Q(kind=CheckInKind.SESSION, session__isnull=False)
                ),
                name="checkin_session_iff_room",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.get_kind_display()}"
