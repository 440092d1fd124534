from django.urls import path, re_path

from delegations.views import applicant, calendar, organiser

app_name = "delegation"

urlpatterns = [
    path("delegation/", applicant.programme_list, name="programme_list"),
    path("delegation/reviews/", applicant.review_list, name="review_list"),
    path("delegation/reviews/<int:pk>/", applicant.review_detail, name="review_detail"),
    path(
        "delegation/applications/<int:pk>/",
        applicant.application_detail,
        name="application_detail",
    ),
    path(
        "delegation/applications/<int:pk>/submit/",
        applicant.application_submit,
        name="application_submit",
    ),
    path(
        "delegation/applications/<int:pk>/documents/",
        applicant.document_upload,
        name="document_upload",
    ),
    path(
        "delegation/applications/<int:pk>/documents/<int:document_id>/",
        applicant.document_download,
        name="document_download",
    ),
    path(
        "delegation/applications/<int:pk>/documents/<int:document_id>/delete/",
        applicant.document_delete,
        name="document_delete",
    ),
    path(
        "delegation/applications/<int:pk>/confirm/",
        applicant.application_confirm,
        name="application_confirm",
    ),
    path(
        "delegation/applications/<int:pk>/outcomes/",
        applicant.outcomes_report,
        name="outcomes_report",
    ),
    path(
        "delegation/applications/<int:pk>/trials/<int:trial_id>/delete/",
        applicant.trial_delete,
        name="trial_delete",
    ),
    path("delegation/organise/", organiser.organiser_home, name="organiser_home"),
    path(
        "delegation/organise/outcomes/",
        organiser.outcome_dashboard,
        name="outcome_dashboard",
    ),
    re_path(
        r"^delegation/organise/outcomes\.(?P<fmt>csv|xlsx)$",
        organiser.outcome_export,
        name="outcome_export",
    ),
    re_path(
        r"^delegation/organise/outcomes/ministry\.(?P<fmt>csv|xlsx)$",
        organiser.ministry_export,
        name="ministry_export",
    ),
    re_path(
        r"^delegation/organise/(?P<slug>[-\w]+)/ministry\.(?P<fmt>csv|xlsx)$",
        organiser.ministry_export,
        name="programme_ministry_export",
    ),
    path(
        "delegation/organise/applications/<int:pk>/",
        organiser.organiser_application,
        name="organiser_application",
    ),
    path(
        "delegation/organise/<slug:slug>/",
        organiser.organiser_programme,
        name="organiser_programme",
    ),
    path(
        "delegation/organise/<slug:slug>/send-decisions/",
        organiser.decisions_send,
        name="decisions_send",
    ),
    path("delegation/organise/<slug:slug>/roster/", organiser.roster, name="roster"),
    path(
        "delegation/organise/<slug:slug>/setup/",
        organiser.programme_setup,
        name="programme_setup",
    ),
    path(
        "delegation/organise/<slug:slug>/itinerary/",
        organiser.itinerary_items,
        name="itinerary_items",
    ),
    path(
        "delegation/organise/<slug:slug>/itinerary/<int:pk>/",
        organiser.itinerary_item_edit,
        name="itinerary_item_edit",
    ),
    path(
        "delegation/organise/<slug:slug>/itinerary/<int:pk>/delete/",
        organiser.itinerary_item_delete,
        name="itinerary_item_delete",
    ),
    path("delegation/<slug:slug>/apply/", applicant.apply, name="apply"),
    path("delegation/<slug:slug>/itinerary/", applicant.itinerary, name="itinerary"),
    path(
        "delegation/<slug:slug>/itinerary.ics",
        calendar.itinerary_ics,
        name="itinerary_ics",
    ),
    path("delegation/<slug:slug>/handbook.pdf", applicant.handbook, name="handbook"),
]
