"""Stable short links (used in calendar files) to pages whose URLs editors may move."""

from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms.models import AgendaPage
from events.models import Session


@require_GET
def session_page(request: HttpRequest, session_id: int) -> HttpResponseRedirect:
    """The session's page on its event's agenda, in the visitor's language."""
    session = Session.objects.filter(pk=session_id, event__is_published=True).first()
    pages = (
        AgendaPage.objects.live().filter(event_id=session.event_id) if session else None
    )
    page = pages and (
        pages.filter(locale__language_code=get_language()).first() or pages.first()
    )
    if not page:
        raise Http404("No page shows this session.")
    return HttpResponseRedirect(
        page.url + page.reverse_subpage("session", args=[session_id])
    )
