from django.contrib.auth import views as auth_views
from django.urls import path

from accounts.views import privacy, signin, two_factor

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", signin.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/signup/", signin.signup, name="signup"),
    path("accounts/login/link/", signin.signin_link, name="signin_link"),
    path(
        "accounts/login/link/<str:uid>/<str:token>/",
        signin.signin_link_confirm,
        name="signin_link_confirm",
    ),
    path("me/language/", signin.mail_language_set, name="mail_language"),
    path("accounts/2fa/", two_factor.two_factor_setup, name="two_factor_setup"),
    path(
        "accounts/2fa/verify/", two_factor.two_factor_verify, name="two_factor_verify"
    ),
    path("me/data/", privacy.my_data, name="my_data"),
    path("me/data/export.json", privacy.my_data_export, name="my_data_export"),
    path("me/data/delete/", privacy.account_delete, name="account_delete"),
    path(
        "accounts/2fa/recovery-codes/",
        two_factor.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
]
