"""Organisers' badge pages in the Wagtail admin (registration only)."""

from django.urls import include, path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet

from badges import admin_urls, selectors
from badges.models import BadgeDesign
from events.admin_scope import EventScopedViewSet
from events.wagtail_desk import EVENT_NUMBERS_HOOK, ORGANISER_LINKS_HOOK, Figure, Tool
from events.wagtail_forms import local_time_column


class BadgeDesignViewSet(EventScopedViewSet):
    model = BadgeDesign
    icon = "tag"
    add_to_admin_menu = False
    list_display = [
        "event",
        "size",
        local_time_column("updated_at", capfirst(_("changed"))),
    ]
    panels = [
        FieldPanel("event"),
        FieldPanel("size"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldPanel("show_name_ko"),
                FieldPanel("show_organisation"),
                FieldPanel("show_ticket"),
                FieldPanel("show_category"),
            ],
            heading=_("Fields shown"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("colour_attendee"), FieldPanel("colour_speaker")]
                ),
                FieldRowPanel(
                    [FieldPanel("colour_investor"), FieldPanel("colour_exhibitor")]
                ),
                FieldRowPanel([FieldPanel("colour_press"), FieldPanel("colour_staff")]),
                FieldPanel("colour_delegation"),
            ],
            heading=_("Colour band by category"),
        ),
    ]


register_snippet(BadgeDesignViewSet)


@hooks.register("register_admin_urls")
def _urls():
    return [path("badges/", include(admin_urls))]


@hooks.register("register_admin_menu_item")
def _menu():
    items = [
        MenuItem(
            _("Badge designs"),
            reverse("wagtailsnippets_badges_badgedesign:list"),
            icon_name="tag",
        ),
        MenuItem(
            _("Print badges"), reverse("badges_admin:print"), icon_name="doc-full"
        ),
        MenuItem(_("Scanner tokens"), reverse("badges_admin:tokens"), icon_name="key"),
    ]
    return SubmenuMenuItem(
        _("Badges and check-in"), Menu(items=items), icon_name="tag", order=160
    )


@hooks.register(ORGANISER_LINKS_HOOK, order=10)
def _badge_links(events, user):
    designs = dict(
        BadgeDesign.objects.filter(event__in=events).values_list("event_id", "pk")
    )
    for event in events:
        pk, slug = event.pk, {"slug": event.slug}
        if pk in designs:
            design = reverse(
                "wagtailsnippets_badges_badgedesign:edit", args=[designs[pk]]
            )
        else:
            design = reverse("wagtailsnippets_badges_badgedesign:add")
        yield Tool(pk, "badges", gettext("Badge design"), design)
        printing = f"{reverse('badges_admin:print')}?event={pk}"
        yield Tool(pk, "badges", gettext("Print badges"), printing)
        scanner = reverse("badges:scanner", kwargs=slug)
        yield Tool(pk, "badges", gettext("Check-in scanner"), scanner)
        dashboard = reverse("badges:dashboard", kwargs=slug)
        yield Tool(pk, "badges", gettext("Check-in dashboard"), dashboard)
        tokens = reverse("badges_admin:tokens")
        yield Tool(pk, "badges", gettext("Scanner tokens"), tokens)


@hooks.register(EVENT_NUMBERS_HOOK, order=10)
def _checkin_numbers(events):
    numbers = selectors.checkin_numbers(events=events)
    for event in events:
        today, total = numbers[event.pk]
        dashboard = reverse("badges:dashboard", kwargs={"slug": event.slug})
        label = gettext("Checked in today / in all")
        yield Figure(event.pk, label, f"{today} / {total}", dashboard)
