from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from events.admin_times import LocalTimesAdmin
from events.models import (
    Event,
    EventTeamMember,
    Organisation,
    Room,
    Session,
    SessionSpeaker,
    Speaker,
    Sponsor,
    Track,
    Venue,
)
from events.wagtail_forms import EventLocalTimesAdminForm


@admin.register(Organisation)
class OrganisationAdmin(TranslationAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind", "country"]
    search_fields = ["name_en", "name_ko", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    list_display = ["name", "city", "country"]
    search_fields = ["name_en", "name_ko", "city"]


class RoomInline(TranslationTabularInline):
    model = Room
    extra = 0


class TrackInline(TranslationTabularInline):
    model = Track
    extra = 0


class TeamInline(admin.TabularInline):
    model = EventTeamMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Event)
class EventAdmin(TranslationAdmin):
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
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [RoomInline, TrackInline, TeamInline]


class SessionSpeakerInline(admin.TabularInline):
    model = SessionSpeaker
    extra = 0
    autocomplete_fields = ["speaker"]


@admin.register(Session)
class SessionAdmin(LocalTimesAdmin, TranslationAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["title", "event", "kind", "start", "room", "track"]
    list_filter = ["event", "kind", "language", "track"]
    search_fields = ["title_en", "title_ko"]
    list_select_related = ["event", "room", "track"]
    inlines = [SessionSpeakerInline]


@admin.register(Speaker)
class SpeakerAdmin(TranslationAdmin):
    list_display = ["user", "event"]
    list_filter = ["event"]
    search_fields = [
        "user__first_name",
        "user__last_name",
        "user__name_ko",
        "user__email",
    ]
    list_select_related = ["user", "event"]
    autocomplete_fields = ["user"]


@admin.register(Sponsor)
class SponsorAdmin(admin.ModelAdmin):
    list_display = ["organisation", "event", "tier", "booth"]
    list_filter = ["event", "tier"]
    list_select_related = ["organisation", "event"]
    autocomplete_fields = ["organisation"]


# Tickets, vouchers, orders and payments, delegations: registered on import.
