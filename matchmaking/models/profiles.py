from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from matchmaking.enums import TagCategory, TicketSize


class Tag(models.Model):
    """A facet value: a therapeutic area, a modality, a stage, a service or a region."""

    category = models.CharField(
        _("category"), max_length=20, choices=TagCategory.choices
    )
    slug = models.SlugField(_("slug"), max_length=60)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "order"), default=0
    )

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
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.CASCADE,
        related_name="participant",
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

    # What the participant shows and is matched on: their own profile plus their
    # organisation's. Select `registration__user__organisation__partnering_profile`
    # and prefetch its tags (see `selectors.directory`) to read these without queries.

    @property
    def organisation_profile(self) -> "OrganisationProfile | None":
        org = self.organisation
        return getattr(org, "partnering_profile", None) if org else None

    def _merged(self, own, name: str) -> list[Tag]:
        org = self.organisation_profile
        tags = {t.pk: t for t in own.all()}
        if org is not None:
            tags |= {t.pk: t for t in getattr(org, name).all()}
        return sorted(tags.values(), key=lambda t: (t.category, t.order, t.slug))

    @property
    def profile_offers(self) -> list[Tag]:
        return self._merged(self.offers, "offers")

    @property
    def profile_seeks(self) -> list[Tag]:
        return self._merged(self.seeks, "seeks")

    @property
    def profile_pitch(self) -> str:
        org = self.organisation_profile
        return self.pitch or (org.pitch if org else "")

    @property
    def profile_investment_focus(self) -> str:
        org = self.organisation_profile
        return self.investment_focus or (org.investment_focus if org else "")

    @property
    def profile_ticket_size(self) -> str:
        org = self.organisation_profile
        return self.ticket_size or (org.ticket_size if org else "")

    @property
    def profile_ticket_size_display(self) -> str:
        size = self.profile_ticket_size
        return str(TicketSize(size).label) if size in TicketSize.values else ""


class OrganisationProfile(models.Model):
    """What an organisation offers and seeks in partnering, shared by its people.

    One per organisation, across events: every participant of the organisation shows
    it and is matched on it, together with what they add themselves. Its contacts
    (the organisation's participants) edit it.
    """

    organisation = models.OneToOneField(
        "events.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partnering_profile",
    )
    pitch = models.TextField(_("pitch"), max_length=1000, blank=True)
    offers = models.ManyToManyField(
        Tag, verbose_name=_("offers"), related_name="offered_by_orgs", blank=True
    )
    seeks = models.ManyToManyField(
        Tag, verbose_name=_("seeks"), related_name="sought_by_orgs", blank=True
    )
    investment_focus = models.CharField(
        _("investment focus"), max_length=300, blank=True
    )
    ticket_size = models.CharField(
        _("ticket size"), max_length=10, choices=TicketSize.choices, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("organisation partnering profile")
        verbose_name_plural = _("organisation partnering profiles")

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def ticket_size_display(self) -> str:
        size = self.ticket_size
        return str(TicketSize(size).label) if size in TicketSize.values else ""
