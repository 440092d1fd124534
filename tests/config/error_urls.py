"""Test-only URLs: the site's own, with its error handlers, plus views that fail on
purpose (the site has no view that raises on demand)."""

from django.core.exceptions import BadRequest, PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest
from django.urls import path
from django.utils.translation import gettext as _

from config.urls import handler400, handler403, handler404, handler500
from config.urls import urlpatterns as site_urls
from events.models import Event

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


def fail(request: HttpRequest, how: str):
    if how == "400":
        raise BadRequest("unreadable")
    if how == "403":
        raise PermissionDenied(_("The dashboard is for the event's organisers."))
    if how == "404":
        raise Http404("No Event matches the given query.")
    if how == "database-lost":
        raise OperationalError("server closed the connection unexpectedly")
    if how == "query":  # in a test without database access this raises too
        Event.objects.count()
    raise RuntimeError("boom")


urlpatterns = [
    path("en/test-fail/<str:how>/", fail),
    path("ko/test-fail/<str:how>/", fail),
    path("api/test-fail/<str:how>", fail),
    path("test-fail/<str:how>/", fail),
    *site_urls,
]
