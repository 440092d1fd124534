from django.urls import path

from matchmaking.views import (
    attendee,
    notifications,
    organisation,
    organiser,
    organiser_meetings,
)

app_name = "matchmaking"

urlpatterns = [
    path("partnering/<slug:slug>/", attendee.directory, name="directory"),
    path("partnering/<slug:slug>/me/", attendee.my_profile, name="my_profile"),
    path(
        "partnering/<slug:slug>/people/<int:participant_id>/",
        attendee.profile,
        name="profile",
    ),
    path(
        "partnering/<slug:slug>/organisation/",
        organisation.my_organisation,
        name="my_organisation",
    ),
    path(
        "partnering/<slug:slug>/organisations/<int:organisation_id>/",
        organisation.organisation,
        name="organisation",
    ),
    path("partnering/<slug:slug>/requests/", attendee.my_requests, name="my_requests"),
    path(
        "partnering/<slug:slug>/requests/<int:request_id>/<str:action>/",
        attendee.request_action,
        name="request_action",
    ),
    path("partnering/<slug:slug>/meetings/", attendee.my_meetings, name="my_meetings"),
    path(
        "partnering/<slug:slug>/notifications/",
        notifications.notifications,
        name="notifications",
    ),
    path(
        "partnering/<slug:slug>/notifications/read-all/",
        notifications.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "partnering/<slug:slug>/notifications/<int:notification_id>/",
        notifications.notification_open,
        name="notification_open",
    ),
    path(
        "partnering/<slug:slug>/notifications/<int:notification_id>/read/",
        notifications.notification_read,
        name="notification_read",
    ),
    path(
        "partnering/<slug:slug>/meetings/<int:meeting_id>/<str:action>/",
        attendee.meeting_action,
        name="meeting_action",
    ),
    path(
        "partnering/<slug:slug>/organiser/",
        organiser.dashboard,
        name="dashboard",
    ),
    path(
        "partnering/<slug:slug>/organiser/export.<str:fmt>",
        organiser.export,
        name="export",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/",
        organiser.schedule,
        name="schedule",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/<int:run_id>/progress/",
        organiser.run_progress,
        name="run_progress",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/<int:run_id>/publish/",
        organiser.run_publish,
        name="run_publish",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/instance.json",
        organiser.instance_export,
        name="instance_export",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/import/",
        organiser.solution_import,
        name="solution_import",
    ),
    path(
        "partnering/<slug:slug>/organiser/meetings/",
        organiser_meetings.meetings,
        name="organiser_meetings",
    ),
    path(
        "partnering/<slug:slug>/organiser/meetings/<int:meeting_id>/move/",
        organiser_meetings.meeting_move,
        name="organiser_meeting_move",
    ),
    path(
        "partnering/<slug:slug>/organiser/meetings/<int:meeting_id>/cancel/",
        organiser_meetings.meeting_cancel,
        name="organiser_meeting_cancel",
    ),
    path(
        "partnering/<slug:slug>/organiser/must-meet/",
        organiser.must_meet,
        name="must_meet",
    ),
]
