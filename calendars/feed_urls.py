from django.urls import path

from calendars.views import feeds

app_name = "calendar"

urlpatterns = [
    path("events/<slug:slug>.ics", feeds.event_ics, name="event"),
    path(
        "events/<slug:slug>/sessions/<int:session_id>.ics",
        feeds.session_ics,
        name="session",
    ),
    path("me.ics", feeds.my_ics, name="me"),
    path("organisations/<slug:slug>.ics", feeds.company_ics, name="company"),
    path("feeds/<str:token>.ics", feeds.feed_ics, name="feed"),
]
