"""Organisers edit their events and agendas in the Wagtail admin (registration only;
every viewset is scoped to the user's events by `events.admin_scope`)."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events import wagtail_desk
from events.admin_scope import EventScopedViewSet
from events.models import (
    Event,
    EventTeamMember,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    Track,
)
from events.wagtail_choosers import (
    ByEventChooserViewSet,
    SessionChooserViewSet,
    chooser_of_the_event,
)
from events.wagtail_desk import ORGANISER_LINKS_HOOK, Tool
from events.wagtail_exports import SheetExportMixin, session_sheet
from events.wagtail_forms import (
    SessionAdminForm,
    SessionSpeakerAdminForm,
    SpeakerAdminForm,
    TeamMemberForm,
    both_languages,
    local_time_column,
)


class EventViewSet(EventScopedViewSet):
    model = Event
    icon = "site"
    list_display = [
        "name",
        "kind",
        "start_date",
        "end_date",
        "timezone",
        "is_published",
    ]
    list_filter = ["kind", "is_published"]
    search_fields = ["name_en", "name_ko", "slug"]
    panels = [
        FieldPanel("kind"),
        FieldPanel("slug"),
        both_languages("name", _("Name")),
        both_languages("tagline", _("Tagline")),
        both_languages("description", _("Description")),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("timezone"),
        FieldPanel("venue"),
        FieldPanel("currency"),
        FieldPanel("host_congress"),
        FieldPanel("website"),
        FieldPanel("is_published"),
    ]


class SessionViewSet(SheetExportMixin, EventScopedViewSet):
    model = Session
    icon = "date"
    chooser_viewset_class = SessionChooserViewSet
    list_display = [
        "title",
        "event",
        "kind",
        local_time_column("start", capfirst(_("start"))),
        "room",
        "track",
    ]
    list_filter = ["event", "kind", "language"]
    search_fields = ["title_en", "title_ko", "abstract_en", "abstract_ko"]
    ordering = ["start"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("kind"),
            both_languages("title", _("Title")),
            both_languages("abstract", _("Abstract")),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldRowPanel(
                [
                    FieldPanel("room", widget=chooser_of_the_event(Room)),
                    FieldPanel("track", widget=chooser_of_the_event(Track)),
                ]
            ),
            FieldRowPanel([FieldPanel("language"), FieldPanel("capacity")]),
        ],
        base_form_class=SessionAdminForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "room", "track")

    def export_sheet(self, queryset):
        return session_sheet(queryset)


class SessionSpeakerViewSet(EventScopedViewSet):
    model = SessionSpeaker
    icon = "user"
    menu_label = _("Speaker assignments")
    list_display = ["session", "speaker", "role"]
    list_filter = ["session__event", "role"]
    search_fields = ["session__title_en", "speaker__user__last_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("session"),
            FieldPanel("speaker"),
            FieldPanel("role"),
            FieldPanel("order"),
        ],
        base_form_class=SessionSpeakerAdminForm,
    )


class SpeakerViewSet(EventScopedViewSet):
    model = Speaker
    icon = "user"
    list_display = ["user", "event"]
    list_filter = ["event"]
    search_fields = ["user__first_name", "user__last_name", "user__name_ko"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("user"),
            both_languages("bio", _("Biography")),
        ],
        base_form_class=SpeakerAdminForm,
    )


class RoomViewSet(EventScopedViewSet):
    model = Room
    chooser_viewset_class = ByEventChooserViewSet
    icon = "home"
    list_display = ["name", "event", "capacity", "order"]
    list_filter = ["event"]
    search_fields = ["name_en", "name_ko"]
    panels = [
        FieldPanel("event"),
        both_languages("name", _("Name")),
        FieldPanel("capacity"),
        FieldPanel("order"),
    ]


class TrackViewSet(EventScopedViewSet):
    model = Track
    chooser_viewset_class = ByEventChooserViewSet
    icon = "tag"
    list_display = ["name", "event", "slug"]
    list_filter = ["event"]
    search_fields = ["name_en", "name_ko", "slug"]
    panels = [
        FieldPanel("event"),
        both_languages("name", _("Name")),
        FieldPanel("slug"),
        FieldPanel("colour"),
    ]


class SponsorViewSet(EventScopedViewSet):
    model = Sponsor
    icon = "group"
    list_display = ["organisation", "event", "tier", "booth"]
    list_filter = ["event", "tier"]
    search_fields = ["organisation__name_en", "organisation__name_ko", "booth"]
    panels = [
        FieldPanel("event"),
        FieldPanel("organisation"),
        FieldPanel("tier"),
        FieldPanel("booth"),
        FieldPanel("order"),
    ]


class TeamViewSet(EventScopedViewSet):
    """People's roles on the organiser's events. The person is found by e-mail
    address (no list of accounts); nothing here touches staff, superuser, group
    or permission flags."""

    model = EventTeamMember
    icon = "group"
    menu_label = _("Team")
    list_display = [
        "user",
        Column("email", label=capfirst(_("e-mail address")), accessor="user.email"),
        "event",
        "role",
    ]
    list_filter = ["event", "role"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    edit_handler = ObjectList(
        [FieldPanel("event"), FieldPanel("email"), FieldPanel("role")],
        base_form_class=TeamMemberForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "user")


class AgendaGroup(SnippetViewSetGroup):
    menu_label = _("Events and agenda")
    menu_icon = "date"
    menu_order = 150
    items = (
        EventViewSet,
        SessionViewSet,
        SessionSpeakerViewSet,
        SpeakerViewSet,
        RoomViewSet,
        TrackViewSet,
        SponsorViewSet,
        TeamViewSet,
    )


register_snippet(AgendaGroup)


@hooks.register("register_admin_urls")
def _hub_urls():
    return [
        path("events/", wagtail_desk.event_list, name="events_admin_list"),
        path("events/<slug:slug>/", wagtail_desk.event_hub, name="events_admin_hub"),
        # The events list was the "Registrations desk" page; old bookmarks follow.
        path("organiser-desk/", lambda request: redirect("events_admin_list")),
    ]


@hooks.register("register_admin_menu_item")
def _events_menu():
    return wagtail_desk.events_menu_item()


@hooks.register("construct_homepage_panels")
def _event_panels(request, panels):
    panels.extend(wagtail_desk.home_panels(request))


@hooks.register("insert_global_admin_css")
def _hub_css():
    return format_html('<link rel="stylesheet" href="{}">', static("events/admin.css"))


_PROGRAMME = (
    ("session", _("Sessions"), "event"),
    ("speaker", _("Speakers"), "event"),
    ("sessionspeaker", _("Speaker assignments"), "session__event"),
    ("room", _("Rooms"), "event"),
    ("track", _("Tracks"), "event"),
    ("sponsor", _("Sponsors"), "event"),
    ("eventteammember", _("Team"), "event"),
)


def _snippets(model: str, action: str = "list") -> str:
    return reverse(f"wagtailsnippets_events_{model}:{action}")


@hooks.register(ORGANISER_LINKS_HOOK, order=-20)
def _programme_links(events, user):
    for event in events:
        pk = event.pk
        edit = reverse("wagtailsnippets_events_event:edit", args=[pk])
        yield Tool(pk, "programme", _("Event details"), edit)
        for model, label, field in _PROGRAMME:
            yield Tool(pk, "programme", label, f"{_snippets(model)}?{field}={pk}")
        for fmt in ("csv", "xlsx"):
            url = f"{_snippets('session')}?event={pk}&export={fmt}"
            label = _("Sessions (%(format)s)") % {"format": fmt.upper()}
            yield Tool(pk, "exports", label, url)
        audit = reverse("events:audit_log", kwargs={"slug": event.slug})
        yield Tool(pk, "records", _("Audit log"), audit)
        yield Tool(pk, "records", _("API tokens"), reverse("events:api_tokens"))
