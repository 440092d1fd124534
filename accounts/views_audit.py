"""The organiser's audit log of one event: who changed what, when, before and
after. Thin view over accounts.selectors."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts import selectors
from events.models import Event
from events.registration import is_organiser

PER_PAGE = 50


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if not is_organiser(user=request.user, event=event):
        raise Http404(_("No such event."))
    entries = selectors.audit_entries_for_event(event=event)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {"entry": e, "changes": selectors.audit_changes(entry=e, tz=event.tz)}
        for e in page
    ]
    context = {"event": event, "page": page, "rows": rows}
    return render(request, "accounts/audit_log.html", context)
