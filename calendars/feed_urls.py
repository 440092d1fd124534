from django.urls import path

from calendars.views import feeds as calendar_views

app_name = "calendar"

urlpatterns = [
    path("events/<slug:slug>.ics", calendar_views.event_ics, name="event"),
    path(
        "events/<slug:slug>/sessions/<int:session_id>.ics",
        calendar_views.session_ics,
        name="session",
    ),
    path("me.ics", calendar_views.my_ics, name="me"),
    path("organisations/<slug:slug>.ics", calendar_views.company_ics, name="company"),
    path("feeds/<str:token>.ics", calendar_views.feed_ics, name="feed"),
]
