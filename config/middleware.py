from django.middleware.locale import LocaleMiddleware


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, minus its 404 → /en/… redirect outside the site.

    The CMS's catch-all page route makes every path look valid under a language
    prefix, so Django would redirect an API 404 to `/en/api/…`. API and service
    URLs have no language prefix: their 404s must stay 404s.
    """

    UNPREFIXED = (
        "/api/",
        "/healthz",
        "/admin/",
        "/django-admin/",
        "/documents/",
        "/calendar/",
        "/go/",
    )

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            self.UNPREFIXED
        ):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)
