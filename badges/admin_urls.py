from django.urls import path

from badges.views import admin

app_name = "badges_admin"

urlpatterns = [
    path("print/", admin.print_badges, name="print"),
    path("batches/<int:pk>/", admin.batch_detail, name="batch"),
    path("batches/<int:pk>/pdf/", admin.batch_download, name="batch_pdf"),
    path(
        "registrations/<int:registration_id>/pdf/",
        admin.badge_one,
        name="badge_one",
    ),
    path("tokens/", admin.scanner_tokens, name="tokens"),
    path(
        "tokens/<int:pk>/revoke/",
        admin.scanner_token_revoke,
        name="token_revoke",
    ),
]
