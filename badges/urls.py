from django.urls import path

from badges.views import attendee as views

app_name = "badges"

urlpatterns = [
    path("checkin/", views.scanner_index, name="scanner_index"),
    path("checkin/<slug:slug>/", views.scanner, name="scanner"),
    path("checkin/<slug:slug>/dashboard/", views.dashboard, name="dashboard"),
    path("me/tickets/<int:registration_id>/", views.my_ticket, name="my_ticket"),
    path(
        "me/registrations/<int:pk>/ticket.pdf",
        views.registration_ticket,
        name="registration_ticket",
    ),
]
