"""Delegation programmes in the Django admin: set-up of the call (host congress,
places, eligibility, fee and subsidy, deadline), and a read-mostly view of the
applications. Decisions go through the organiser pages, so the state machine and
the places limit always apply."""

from zoneinfo import ZoneInfo

from django.contrib import admin

from delegations.enums import HOME_TIMEZONE
from delegations.models import (
    ApplicationReview,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
    TrialAttracted,
)
from delegations.services import itinerary
from events.admin_times import LocalTimesAdmin
from events.wagtail_forms import EventLocalTimesAdminForm


class ProgrammeAdminForm(EventLocalTimesAdminForm):
    """Opening and deadline are Korea's time, as on the organiser's set-up page
    (the programme's event runs on the host city's clock)."""

    def zone_of(self, event):
        return ZoneInfo(HOME_TIMEZONE)


@admin.register(DelegationProgramme)
class DelegationProgrammeAdmin(LocalTimesAdmin, admin.ModelAdmin):
    local_times_zone = HOME_TIMEZONE
    form = ProgrammeAdminForm
    list_display = [
        "event",
        "host_congress",
        "host_city",
        "places",
        "application_deadline",
    ]
    list_select_related = ["event"]
    raw_id_fields = ["event", "delegate_ticket"]
    fieldsets = [
        (None, {"fields": ["event"]}),
        (
            "Host congress",
            {
                "fields": [
                    "host_congress",
                    "host_city",
                    ("host_start_date", "host_end_date"),
                    "host_timezone",
                ]
            },
        ),
        (
            "Call for applications",
            {
                "fields": [
                    ("places", "delegates_per_company"),
                    "eligibility",
                    ("fee", "subsidy"),
                    ("applications_open_at", "application_deadline"),
                    "delegate_ticket",
                ]
            },
        ),
        (
            "Handbook",
            {
                "fields": [
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "venue_notes",
                ]
            },
        ),
    ]


class ReviewInline(LocalTimesAdmin, admin.TabularInline):
    local_times_zone = HOME_TIMEZONE
    model = ApplicationReview
    extra = 0
    raw_id_fields = ["reviewer"]
    readonly_fields = ["fit", "readiness", "potential", "comment", "scored_at"]


class DelegateInline(admin.TabularInline):
    model = Delegate
    extra = 0
    raw_id_fields = ["user", "registration"]
    filter_horizontal = ["sessions"]


@admin.register(DelegationApplication)
class DelegationApplicationAdmin(LocalTimesAdmin, admin.ModelAdmin):
    local_times_zone = HOME_TIMEZONE
    list_display = ["organisation", "programme", "status", "submitted_at", "decided_at"]
    list_filter = ["programme", "status"]
    list_select_related = ["organisation", "programme__event"]
    search_fields = ["organisation__name_en", "organisation__name_ko"]
    raw_id_fields = ["organisation", "applicant"]
    readonly_fields = [
        "status",
        "submitted_at",
        "decided_at",
        "decision_sent_at",
        "confirmed_at",
    ]
    inlines = [ReviewInline, DelegateInline]

    def save_related(self, request, form, formsets, change):
        """Delegates' items edited here block their partnering slots too."""
        super().save_related(request, form, formsets, change)
        itinerary.delegate_availability_sync(
            delegates=Delegate.objects.filter(application=form.instance)
        )


@admin.register(TrialAttracted)
class TrialAttractedAdmin(LocalTimesAdmin, admin.ModelAdmin):
    """The trials behind the ministry report, for the agency to correct a typo;
    companies report them on their outcome page."""

    local_times_zone = HOME_TIMEZONE
    list_display = [
        "title",
        "sponsor",
        "identifier",
        "phase",
        "korea_sites",
        "application",
        "reported_at",
    ]
    list_filter = ["application__programme", "phase", "multi_regional"]
    list_select_related = ["application__organisation", "application__programme"]
    search_fields = ["title", "sponsor", "identifier"]
    raw_id_fields = ["application", "outcome", "reported_by"]
    readonly_fields = ["reported_at"]
