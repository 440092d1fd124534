from django.urls import path

from calendars.views import pages as calendar_pages

app_name = "calendar_pages"

urlpatterns = [
    path("me/calendar/", calendar_pages.my_calendar, name="my_calendar"),
    path(
        "me/calendar/feeds/<str:kind>/",
        calendar_pages.my_calendar_feed,
        name="my_calendar_feed",
    ),
    path(
        "me/agenda/<int:session_id>/",
        calendar_pages.my_agenda_toggle,
        name="my_agenda_toggle",
    ),
]
