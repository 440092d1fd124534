from django.urls import path

from registration.views import account, attendee, desk, register

app_name = "registration"

urlpatterns = [
    path("register/<slug:slug>/", register.register, name="register"),
    path("register/<slug:slug>/edit/", register.register_edit, name="register_edit"),
    path("orders/<str:code>/", attendee.order_detail, name="order_detail"),
    path("orders/<str:code>/invoice.pdf", attendee.order_invoice, name="order_invoice"),
    path("orders/<str:code>/cancel/", attendee.order_cancel, name="order_cancel"),
    path(
        "orders/<str:code>/card-confirm/",
        attendee.order_card_confirm,
        name="order_card_confirm",
    ),
    path("me/registrations/", attendee.my_registrations, name="my_registrations"),
    path(
        "me/registrations/<int:pk>/edit/",
        account.registration_edit,
        name="registration_edit",
    ),
    path(
        "register/<slug:slug>/waitlist/<int:ticket_id>/",
        account.waitlist_join,
        name="waitlist_join",
    ),
    path(
        "me/waitlist/<int:pk>/leave/",
        account.waitlist_leave,
        name="waitlist_leave",
    ),
    path(
        "organiser/<slug:slug>/registrations/",
        desk.dashboard,
        name="organiser_dashboard",
    ),
    path(
        "organiser/<slug:slug>/registrations/add/",
        desk.manual_register,
        name="organiser_manual_register",
    ),
    path(
        "organiser/<slug:slug>/attendees.<str:fmt>",
        desk.attendee_export,
        name="organiser_attendee_export",
    ),
    path(
        "organiser/<slug:slug>/orders/<str:code>/<str:action>/",
        desk.order_action,
        name="organiser_order_action",
    ),
]
