from django.contrib import admin

from events.admin_times import LocalTimesAdmin
from events.wagtail_forms import EventLocalTimesAdminForm
from matchmaking.models import (
    Meeting,
    MeetingBlock,
    MeetingRequest,
    OrganisationProfile,
    Participant,
    PartneringSetup,
    ScheduleRun,
    Table,
    Tag,
)


@admin.register(PartneringSetup)
class PartneringSetupAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["event", "request_cap", "requests_open_at", "requests_close_at"]


@admin.register(MeetingBlock)
class MeetingBlockAdmin(admin.ModelAdmin):
    list_display = ["event", "date", "start_time", "end_time", "label"]
    list_filter = ["event"]


@admin.register(Table)
class TableAdmin(admin.ModelAdmin):
    list_display = ["event", "number", "host"]
    list_filter = ["event"]
    raw_id_fields = ["host"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["category", "slug", "name"]
    list_filter = ["category"]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["__str__", "event", "is_active"]
    list_filter = ["event", "is_active"]
    raw_id_fields = ["registration"]
    filter_horizontal = ["offers", "seeks"]
    list_select_related = ["registration__user__organisation", "event"]


@admin.register(MeetingRequest)
class MeetingRequestAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["__str__", "event", "status", "priority", "created_at"]
    list_filter = ["event", "status"]
    raw_id_fields = ["sender", "recipient", "proposed_slot"]


@admin.register(Meeting)
class MeetingAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["__str__", "event", "status", "slot", "table"]
    list_filter = ["event", "status"]
    raw_id_fields = ["request", "participants", "slot", "table", "fixed_slot"]


@admin.register(ScheduleRun)
class ScheduleRunAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["__str__", "event", "status", "created_at", "published_at"]
    list_filter = ["event", "status"]
    readonly_fields = ["instance", "solution", "progress"]


@admin.register(OrganisationProfile)
class OrganisationProfileAdmin(admin.ModelAdmin):
    list_display = ["organisation", "ticket_size", "updated_by", "updated_at"]
    search_fields = ["organisation__name", "pitch_en", "pitch_ko"]
    filter_horizontal = ["offers", "seeks"]
    raw_id_fields = ["organisation", "updated_by"]
