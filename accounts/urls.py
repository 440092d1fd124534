from django.urls import path

from accounts import views, views_audit, views_privacy

app_name = "accounts"

urlpatterns = [
    path("accounts/2fa/", views.two_factor_setup, name="two_factor_setup"),
    path("accounts/2fa/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("me/data/", views_privacy.my_data, name="my_data"),
    path("me/data/export.json", views_privacy.my_data_export, name="my_data_export"),
    path("me/data/delete/", views_privacy.account_delete, name="account_delete"),
    path("organiser/<slug:slug>/audit/", views_audit.audit_log, name="audit_log"),
    path(
        "accounts/2fa/recovery-codes/",
        views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
]
