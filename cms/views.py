from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.admin.views import chooser

from cms.access import choosable_pages

DISALLOWED = ("/admin/", "/django-admin/", "/api/", "/documents/", "/calendar/", "/go/")


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers may read the site in both languages; not the admin or the API."""
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in DISALLOWED)]
    lines.append(f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


_browse = chooser.BrowseView.as_view()


def page_chooser_browse(request: HttpRequest, parent_page_id: int) -> HttpResponse:
    """Wagtail's page chooser, opened only on a page the editor may choose: its
    own listing is filtered, but its heading would name any page asked for."""
    user = request.user
    if user.is_authenticated and not user.is_superuser:
        if not choosable_pages(user).filter(pk=parent_page_id).exists():
            raise Http404
    return _browse(request, parent_page_id=parent_page_id)
