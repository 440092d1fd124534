"""Partnering reads: querysets with their joins applied; a participant sees only theirs."""

from matchmaking.selectors.directory import (
    OrganisationPage,
    Recommendation,
    directory_facets,
    organisation_get_visible,
    organisation_list_visible,
    organisation_profile_for,
    participant_get_visible,
    participant_list_visible,
    recommendation_list,
)
from matchmaking.selectors.meetings import (
    meeting_get_for,
    meeting_list_for,
    meeting_list_for_event,
    notification_get_for,
    notification_list_for,
    notification_unread_count,
    participant_get_for_user,
    request_get_for,
    request_list_for,
    setup_get,
    slot_list,
)
from matchmaking.selectors.reports import (
    dashboard,
    meeting_export_rows,
    partnering_numbers,
)
from matchmaking.selectors.schedule import (
    published_solution,
    run_get,
    run_latest,
    run_review,
    schedule_instance,
)

__all__ = [
    "OrganisationPage",
    "Recommendation",
    "dashboard",
    "directory_facets",
    "meeting_export_rows",
    "meeting_get_for",
    "meeting_list_for",
    "meeting_list_for_event",
    "notification_get_for",
    "notification_list_for",
    "notification_unread_count",
    "organisation_get_visible",
    "organisation_list_visible",
    "organisation_profile_for",
    "participant_get_for_user",
    "participant_get_visible",
    "participant_list_visible",
    "partnering_numbers",
    "published_solution",
    "recommendation_list",
    "request_get_for",
    "request_list_for",
    "run_get",
    "run_latest",
    "run_review",
    "schedule_instance",
    "setup_get",
    "slot_list",
]
