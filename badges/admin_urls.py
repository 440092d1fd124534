from django.urls import path

from badges.views import admin as admin_views

app_name = "badges_admin"

urlpatterns = [
    path("print/", admin_views.print_badges, name="print"),
    path("batches/<int:pk>/", admin_views.batch_detail, name="batch"),
    path("batches/<int:pk>/pdf/", admin_views.batch_download, name="batch_pdf"),
    path(
        "registrations/<int:registration_id>/pdf/",
        admin_views.badge_one,
        name="badge_one",
    ),
    path("tokens/", admin_views.scanner_tokens, name="tokens"),
    path(
        "tokens/<int:pk>/revoke/",
        admin_views.scanner_token_revoke,
        name="token_revoke",
    ),
]
