from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("organiser/api-tokens/", views.api_token_page, name="api_tokens"),
    path(
        "organiser/api-tokens/<int:pk>/revoke/",
        views.api_token_revoke,
        name="api_token_revoke",
    ),
    path("organiser/<slug:slug>/audit/", views.audit_log, name="audit_log"),
]
