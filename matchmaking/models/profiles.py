from django.db import models
from django.utils.translation import gettext_lazy as _

from matchmaking.enums import TagCategory, TicketSize


class Tag(models.Model):
    """A facet value: a therapeutic area, a modality, a stage, a service or a region."""

    category = models.CharField(
        _("category"), max_length=20, choices=TagCategory.choices
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["category", "order", "slug"]
        verbose_name = _("profile tag")
        verbose_name_plural = _("profile tags")
        constraints = [
            models.UniqueConstraint(fields=["category", "slug"], name="tag_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A registration that opted in to partnering, with the profile others browse.

    `offers` is what the participant brings (its assets' areas, modality and stage,
    a CRO's services, its regions); `seeks` is what it looks for (an investor's
    focus). Recommendations match one side's seeks with the other's offers.
    """

    event = models.ForeignKey(
        "events.Event", on_delete=models.CASCADE, related_name="participants"
    )
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="participant"
    )
    is_active = models.BooleanField(_("taking part"), default=True)
    offers = models.ManyToManyField(
        Tag, verbose_name=_("offers"), related_name="offered_by", blank=True
    )
    seeks = models.ManyToManyField(
        Tag, verbose_name=_("seeks"), related_name="sought_by", blank=True
    )
    pitch = models.TextField(_("pitch"), max_length=1000, blank=True)
    investment_focus = models.CharField(
        _("investment focus"), max_length=300, blank=True
    )
    ticket_size = models.CharField(
        _("ticket size"), max_length=10, choices=TicketSize.choices, blank=True
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty to see times in the event's zone."),
    )
    blocked_slots = models.ManyToManyField(
        "matchmaking.Slot",
        verbose_name=_("slots I am not available"),
        related_name="blocked_by",
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["registration__user__organisation__name", "id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        org = self.organisation
        return f"{self.user} ({org})" if org else str(self.user)

    @property
    def user(self):
        return self.registration.user

    @property
    def organisation(self):
        return self.registration.user.organisation

    @property
    def kind(self) -> str:
        org = self.organisation
        return org.kind if org else ""
