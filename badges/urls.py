from django.urls import path

from badges.views import attendee

app_name = "badges"

urlpatterns = [
    path("checkin/", attendee.scanner_index, name="scanner_index"),
    path("checkin/<slug:slug>/", attendee.scanner, name="scanner"),
    path("checkin/<slug:slug>/dashboard/", attendee.dashboard, name="dashboard"),
    path("me/tickets/<int:registration_id>/", attendee.my_ticket, name="my_ticket"),
    path(
        "me/registrations/<int:pk>/ticket.pdf",
        attendee.registration_ticket,
        name="registration_ticket",
    ),
]
