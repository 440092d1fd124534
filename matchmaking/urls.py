from django.urls import path

from matchmaking.views import attendee as views
from matchmaking.views import notifications as views_notifications
from matchmaking.views import organisation as views_organisation
from matchmaking.views import organiser as views_organiser

app_name = "matchmaking"

urlpatterns = [
    path("partnering/<slug:slug>/", views.directory, name="directory"),
    path("partnering/<slug:slug>/me/", views.my_profile, name="my_profile"),
    path(
        "partnering/<slug:slug>/people/<int:participant_id>/",
        views.profile,
        name="profile",
    ),
    path(
        "partnering/<slug:slug>/organisation/",
        views_organisation.my_organisation,
        name="my_organisation",
    ),
    path(
        "partnering/<slug:slug>/organisations/<int:organisation_id>/",
        views_organisation.organisation,
        name="organisation",
    ),
    path("partnering/<slug:slug>/requests/", views.my_requests, name="my_requests"),
    path(
        "partnering/<slug:slug>/requests/<int:request_id>/<str:action>/",
        views.request_action,
        name="request_action",
    ),
    path("partnering/<slug:slug>/meetings/", views.my_meetings, name="my_meetings"),
    path(
        "partnering/<slug:slug>/notifications/",
        views_notifications.notifications,
        name="notifications",
    ),
    path(
        "partnering/<slug:slug>/notifications/read-all/",
        views_notifications.notification_read_all,
        name="notification_read_all",
    ),
    path(
        "partnering/<slug:slug>/notifications/<int:notification_id>/",
        views_notifications.notification_open,
        name="notification_open",
    ),
    path(
        "partnering/<slug:slug>/notifications/<int:notification_id>/read/",
        views_notifications.notification_read,
        name="notification_read",
    ),
    path(
        "partnering/<slug:slug>/meetings/<int:meeting_id>/<str:action>/",
        views.meeting_action,
        name="meeting_action",
    ),
    path(
        "partnering/<slug:slug>/organiser/",
        views_organiser.dashboard,
        name="dashboard",
    ),
    path(
        "partnering/<slug:slug>/organiser/export.<str:fmt>",
        views_organiser.export,
        name="export",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/",
        views_organiser.schedule,
        name="schedule",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/<int:run_id>/progress/",
        views_organiser.run_progress,
        name="run_progress",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/<int:run_id>/publish/",
        views_organiser.run_publish,
        name="run_publish",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/instance.json",
        views_organiser.instance_export,
        name="instance_export",
    ),
    path(
        "partnering/<slug:slug>/organiser/schedule/import/",
        views_organiser.solution_import,
        name="solution_import",
    ),
    path(
        "partnering/<slug:slug>/organiser/must-meet/",
        views_organiser.must_meet,
        name="must_meet",
    ),
]
