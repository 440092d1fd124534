"""Organisers set up partnering in the Wagtail admin: rules and request window,
meeting blocks and tables (registration only; every viewset is scoped to the
user's events by `events.admin_scope`).

Tags are shared by every event (no event owns one), so they stay in the
superusers' Django admin. Changing a block or the slot length re-cuts the
meeting grid at once (`services.grid_build`), as the schedule reads slots.
"""

from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events.admin_scope import EventScopedViewSet
from events.wagtail_desk import (
    EVENT_NUMBERS_HOOK,
    ORGANISER_LINKS_HOOK,
    Figure,
    Tool,
    links_for,
)
from events.wagtail_forms import local_time_column
from matchmaking import selectors, services
from matchmaking.models import MeetingBlock, PartneringSetup, Table
from matchmaking.wagtail_forms import MeetingBlockForm, PartneringSetupForm, TableForm


class PartneringSetupViewSet(EventScopedViewSet):
    model = PartneringSetup
    icon = "cogs"
    menu_label = gettext_lazy("Set-up")
    list_display = [
        "event",
        "request_cap",
        "slot_minutes",
        local_time_column(
            "requests_close_at", capfirst(gettext_lazy("requests close"))
        ),
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("requests_open_at"),
                            FieldPanel("requests_close_at"),
                        ]
                    ),
                    FieldPanel("request_cap"),
                    FieldPanel("allowed_pairs"),
                ],
                heading=gettext_lazy("Meeting requests"),
            ),
            MultiFieldPanel(
                [FieldPanel("slot_minutes"), FieldPanel("max_breaks_spread")],
                heading=gettext_lazy("Schedule"),
            ),
        ],
        base_form_class=PartneringSetupForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class MeetingBlockViewSet(EventScopedViewSet):
    model = MeetingBlock
    icon = "time"
    list_display = ["__str__", "event", "date", "start_time", "end_time"]
    list_filter = ["event"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("date"),
            FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
            FieldPanel("label"),
        ],
        base_form_class=MeetingBlockForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class TableViewSet(EventScopedViewSet):
    model = Table
    icon = "table"
    list_display = ["__str__", "event", "host"]
    list_filter = ["event"]
    edit_handler = ObjectList(
        [FieldPanel("event"), FieldPanel("number"), FieldPanel("host")],
        base_form_class=TableForm,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event", "host__registration__user__organisation")
        )


class PartneringGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Partnering")
    menu_icon = "group"
    menu_order = 152
    items = (PartneringSetupViewSet, MeetingBlockViewSet, TableViewSet)


register_snippet(PartneringGroup)


def _grid_rebuild(instances) -> None:
    """Re-cut the grid of each touched event that has a set-up."""
    event_ids = {obj.event_id for obj in instances}
    for setup in PartneringSetup.objects.filter(event_id__in=event_ids):
        services.grid_build(event=setup.event)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def _after_save(request, instance):
    if isinstance(instance, MeetingBlock | PartneringSetup):
        _grid_rebuild([instance])


@hooks.register("after_delete_snippet")
def _after_delete(request, instances):
    if instances and isinstance(instances[0], MeetingBlock):
        _grid_rebuild(instances)


_PARTNERING = (
    (gettext_lazy("Requests, profiles and outcomes"), "matchmaking:dashboard"),
    (gettext_lazy("Profiles directory"), "matchmaking:directory"),
    (gettext_lazy("Scheduling and releases"), "matchmaking:schedule"),
    (gettext_lazy("Meetings: move or cancel one"), "matchmaking:organiser_meetings"),
)
_PARTNERING_EXPORTS = (
    (gettext_lazy("Partnering meetings (CSV)"), "csv"),
    (gettext_lazy("Partnering meetings (XLSX)"), "xlsx"),
)


@hooks.register(ORGANISER_LINKS_HOOK)
def _partnering_links(events, user):
    yield from links_for(
        events, having=PartneringSetup, section="partnering", links=_PARTNERING
    )
    setups = dict(
        PartneringSetup.objects.filter(event__in=events).values_list("event_id", "pk")
    )
    for event in events:
        if event.pk not in setups:
            continue
        pk = event.pk
        setup = reverse(
            "wagtailsnippets_matchmaking_partneringsetup:edit", args=[setups[pk]]
        )
        yield Tool(pk, "partnering", _("Partnering set-up"), setup)
        for model, label in (
            ("meetingblock", _("Meeting blocks")),
            ("table", _("Tables")),
        ):
            url = reverse(f"wagtailsnippets_matchmaking_{model}:list")
            yield Tool(pk, "partnering", label, f"{url}?event={pk}")
        for label, fmt in _PARTNERING_EXPORTS:
            url = reverse("matchmaking:export", kwargs={"slug": event.slug, "fmt": fmt})
            yield Tool(pk, "exports", label, url)


@hooks.register(EVENT_NUMBERS_HOOK)
def _partnering_numbers(events):
    with_setup = set(
        PartneringSetup.objects.filter(event__in=events).values_list(
            "event_id", flat=True
        )
    )
    numbers = selectors.partnering_numbers(events=events)
    for event in events:
        if event.pk not in with_setup:
            continue
        scheduled, pending = numbers[event.pk]
        dashboard = reverse("matchmaking:dashboard", kwargs={"slug": event.slug})
        yield Figure(event.pk, _("Meetings scheduled"), str(scheduled), dashboard)
        label = _("Requests waiting for an answer")
        yield Figure(event.pk, label, str(pending), dashboard)
