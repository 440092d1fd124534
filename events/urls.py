from django.contrib.auth import views as auth_views
from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("register/<slug:slug>/", views.register, name="register"),
    path("orders/<str:code>/", views.order_detail, name="order_detail"),
    path("orders/<str:code>/invoice.pdf", views.order_invoice, name="order_invoice"),
    path("orders/<str:code>/cancel/", views.order_cancel, name="order_cancel"),
    path("me/registrations/", views.my_registrations, name="my_registrations"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(template_name="events/login.html"),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", views.signup, name="signup"),
]
