"""Wagtail pages. Thin: fields, panels, page-type rules; event data comes from
`events.selectors` (see STYLE.md §5)."""

import datetime as dt

from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms import page_cache
from cms.blocks import BodyBlock, FooterLinkBlock
from cms.forms import AgendaFilterForm, EventBasedPageForm
from events import selectors
from events.models import Session, Speaker
from registration.selectors import delegation_member_list


class TranslatedSitemapMixin:
    """List every language's version in sitemap.xml, with hreflang alternates.

    Wagtail's sitemap walks the default site's tree, which holds only the English
    pages; the Korean tree sits beside it.
    """

    def get_sitemap_urls(self, request=None):
        translations = self.get_translations(inclusive=True).live().public()
        alternates = [
            {"lang_code": p.locale.language_code, "location": p.get_full_url(request)}
            for p in translations.select_related("locale").order_by("locale_id")
        ]
        lastmod = self.last_published_at or self.latest_revision_created_at
        return [
            {"location": a["location"], "lastmod": lastmod, "alternates": alternates}
            for a in alternates
        ]


class HomePage(TranslatedSitemapMixin, Page):
    """The site's front page: an introduction and the published events."""

    intro = RichTextField(_("introduction"), blank=True)
    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_title"),
        FieldPanel("intro"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.EventPage",
        "cms.DelegationProgrammePage",
        "cms.ForumPage",
        "cms.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["events"] = selectors.event_list_published()
        return context


class EventBasedPage(TranslatedSitemapMixin, Page):
    """A page about one event; the event's own data stays in `events`."""

    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("event"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = EventBasedPageForm

    class Meta:
        abstract = True


class EventPage(EventBasedPage):
    """The landing page of one conference: key facts, venue, sponsors, how to come."""

    register_url = models.URLField(_("registration address"), blank=True)
    register_label = models.CharField(_("button label"), max_length=60, blank=True)

    content_panels = [
        *EventBasedPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("register_url"), FieldPanel("register_label")],
            heading=_("Call to action"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AgendaPage", "cms.SpeakerIndexPage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("event page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sponsors"] = selectors.sponsor_list(event=self.event)
        return context


class DelegationProgrammePage(EventBasedPage):
    """A delegation to a foreign congress: members, itinerary, how to apply."""

    how_to_apply = RichTextField(_("how to apply"), blank=True)
    apply_url = models.URLField(_("application address"), blank=True)

    content_panels = [
        *EventBasedPage.content_panels,
        FieldPanel("how_to_apply"),
        FieldPanel("apply_url"),
    ]
    search_fields = [*EventBasedPage.search_fields, index.SearchField("how_to_apply")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AgendaPage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("delegation programme page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = delegation_member_list(event=self.event)
        context["itinerary"] = selectors.agenda_grid(
            event=self.event,
            sessions=selectors.session_list_for_agenda(event=self.event),
        )
        return context


class ForumPage(EventBasedPage):
    """An investment forum: the IR pitch line-up and how partnering works."""

    how_partnering_works = RichTextField(_("how partnering works"), blank=True)

    content_panels = [
        *EventBasedPage.content_panels,
        FieldPanel("how_partnering_works"),
    ]
    search_fields = [
        *EventBasedPage.search_fields,
        index.SearchField("how_partnering_works"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.AgendaPage", "cms.SpeakerIndexPage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("investment forum page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pitches"] = selectors.session_list_for_agenda(
            event=self.event, kind="pitch"
        )
        context["sponsors"] = selectors.sponsor_list(event=self.event)
        return context


class AgendaPage(RoutablePageMixin, EventBasedPage):
    """The agenda as a grid and a list, each session's and each speaker's page."""

    parent_page_types = [
        "cms.EventPage",
        "cms.DelegationProgrammePage",
        "cms.ForumPage",
    ]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("agenda page")

    @path("")
    def agenda(self, request):
        return self._agenda(request)

    @path("day/<str:day>/")
    def agenda_day(self, request, day: str):
        try:
            return self._agenda(request, day=dt.date.fromisoformat(day))
        except ValueError:
            raise Http404(_("No such day")) from None

    @path("track/<slug:track>/")
    def agenda_track(self, request, track: str):
        return self._agenda(request, track=track)

    @path("room/<int:room>/")
    def agenda_room(self, request, room: int):
        return self._agenda(request, room=room)

    @path("session/<int:session_id>/")
    def session(self, request, session_id: int):
        try:
            session = selectors.session_get(event=self.event, session_id=session_id)
        except Session.DoesNotExist:
            raise Http404(_("No such session")) from None
        return self.render(
            request,
            template="cms/session_detail.html",
            context_overrides={"session": session},
        )

    @path("speaker/<int:speaker_id>/")
    def speaker(self, request, speaker_id: int):
        try:
            speaker = selectors.speaker_get(event=self.event, speaker_id=speaker_id)
        except Speaker.DoesNotExist:
            raise Http404(_("No such speaker")) from None
        return self.render(
            request,
            template="cms/speaker_detail.html",
            context_overrides={"speaker": speaker},
        )

    def _agenda(self, request, **preset):
        form = AgendaFilterForm(request.GET, event=self.event)
        filters = {**form.filters(), **preset}
        try:
            sessions = list(
                selectors.session_list_for_agenda(event=self.event, **filters)
            )
        except selectors.FilterError:
            raise Http404(_("No such filter")) from None
        now = timezone.now()
        # "Now and next" and the phone's default day move with the clock.
        page_cache.expires_at(
            request, selectors.agenda_changes_at(event=self.event, now=now)
        )
        return self.render(
            request,
            context_overrides={
                "form": form,
                "filters": filters,
                "sessions": sessions,
                "grid": selectors.agenda_grid(event=self.event, sessions=sessions),
                "view": form.layout(),
                "now_next": selectors.session_now_and_next(event=self.event, now=now),
                "default_day": selectors.agenda_default_day(event=self.event, now=now),
            },
        )


class SpeakerIndexPage(EventBasedPage):
    """Everyone speaking at one event; each links to the speaker's agenda page."""

    parent_page_types = ["cms.EventPage", "cms.ForumPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("speaker index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = selectors.speaker_list(
            event=self.event, q=request.GET.get("q") or None
        )
        return context


class StandardPage(TranslatedSitemapMixin, Page):
    """Free-form content: text, images, calls to action, FAQs, sponsors, agenda."""

    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = [
        "cms.HomePage",
        "cms.EventPage",
        "cms.DelegationProgrammePage",
        "cms.ForumPage",
        "cms.StandardPage",
    ]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="list-ul")
class SiteChrome(BaseSiteSetting):
    """The footer, in both languages. The header menu lists the home page's children
    that have "show in menus" ticked, in the visitor's language."""

    footer_text_en = models.CharField(
        _("footer text (English)"), max_length=300, blank=True
    )
    footer_text_ko = models.CharField(
        _("footer text (Korean)"), max_length=300, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    footer_links = StreamField(
        [("link", FooterLinkBlock())], blank=True, verbose_name=_("footer links")
    )

    panels = [
        FieldPanel("footer_text_en"),
        FieldPanel("footer_text_ko"),
        FieldPanel("contact_email"),
        FieldPanel("footer_links"),
    ]

    class Meta:
        verbose_name = _("navigation and footer")

    @property
    def footer_text(self) -> str:
        if get_language() == "ko" and self.footer_text_ko:
            return self.footer_text_ko
        return self.footer_text_en
