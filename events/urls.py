from django.contrib.auth import views as auth_views
from django.urls import path

from events import views, views_account, views_organiser, views_tokens

app_name = "events"

urlpatterns = [
    path("register/<slug:slug>/", views.register, name="register"),
    path("orders/<str:code>/", views.order_detail, name="order_detail"),
    path("orders/<str:code>/invoice.pdf", views.order_invoice, name="order_invoice"),
    path("orders/<str:code>/cancel/", views.order_cancel, name="order_cancel"),
    path(
        "orders/<str:code>/card-confirm/",
        views.order_card_confirm,
        name="order_card_confirm",
    ),
    path("me/registrations/", views.my_registrations, name="my_registrations"),
    path("me/language/", views_account.mail_language_set, name="mail_language"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="events/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/login/link/", views_account.signin_link, name="signin_link"),
    path(
        "accounts/login/link/<str:uid>/<str:token>/",
        views_account.signin_link_confirm,
        name="signin_link_confirm",
    ),
    path(
        "me/registrations/<int:pk>/edit/",
        views_account.registration_edit,
        name="registration_edit",
    ),
    path(
        "me/registrations/<int:pk>/ticket.pdf",
        views_account.registration_ticket,
        name="registration_ticket",
    ),
    path(
        "register/<slug:slug>/waitlist/<int:ticket_id>/",
        views_account.waitlist_join,
        name="waitlist_join",
    ),
    path(
        "me/waitlist/<int:pk>/leave/",
        views_account.waitlist_leave,
        name="waitlist_leave",
    ),
    path(
        "organiser/<slug:slug>/registrations/",
        views_organiser.dashboard,
        name="organiser_dashboard",
    ),
    path(
        "organiser/<slug:slug>/registrations/add/",
        views_organiser.manual_register,
        name="organiser_manual_register",
    ),
    path(
        "organiser/<slug:slug>/attendees.<str:fmt>",
        views_organiser.attendee_export,
        name="organiser_attendee_export",
    ),
    path("organiser/api-tokens/", views_tokens.api_token_page, name="api_tokens"),
    path(
        "organiser/api-tokens/<int:pk>/revoke/",
        views_tokens.api_token_revoke,
        name="api_token_revoke",
    ),
    path(
        "organiser/<slug:slug>/orders/<str:code>/<str:action>/",
        views_organiser.order_action,
        name="organiser_order_action",
    ),
]
