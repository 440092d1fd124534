from django.urls import path

from calendars.views import pages

app_name = "calendar_pages"

urlpatterns = [
    path("me/calendar/", pages.my_calendar, name="my_calendar"),
    path(
        "me/calendar/feeds/<str:kind>/",
        pages.my_calendar_feed,
        name="my_calendar_feed",
    ),
    path(
        "me/agenda/<int:session_id>/",
        pages.my_agenda_toggle,
        name="my_agenda_toggle",
    ),
]
