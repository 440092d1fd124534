"""Settings for `bench_pages`: the real site plus one bare Django view, the ceiling.

Used as both the settings module and the URLconf (urlpatterns is built lazily, once
the apps are loaded). Plain static storage: the pages' `{% static %}` tags then need
no collected manifest, which the benchmark does not measure.
"""

from config.settings import *  # noqa: F403
from config.settings import STORAGES

ROOT_URLCONF = "benchmarks.pages_site"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def bare(request):
    from django.http import HttpResponse

    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name: str):
    if name != "urlpatterns":
        raise AttributeError(name)
    from django.urls import path

    from config.urls import urlpatterns as site

    return [path("bench/bare", bare), *site]
