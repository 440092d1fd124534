from django.urls import path

from accounts import views, views_audit

app_name = "accounts"

urlpatterns = [
    path("accounts/2fa/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/2fa/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("organiser/<slug:slug>/audit/", views_audit.audit_log, name="audit_log"),
    path(
        "accounts/2fa/recovery-codes/",
        views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
]
