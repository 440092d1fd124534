"""Browser pages for the personal agenda and its calendar links (thin views)."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from calendars import selectors, services
from calendars.enums import CalendarFeedKind
from calendars.models import CalendarFeed
from config import confirm
from events.dates import date_text
from events.localtime import local_time_text
from events.models import Session


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    feeds = {feed.kind: feed for feed in CalendarFeed.objects.filter(user=request.user)}
    links = {kind: selectors.feed_links(feed) for kind, feed in feeds.items()}
    response = render(
        request,
        "calendars/my_calendar.html",
        {
            "sessions": selectors.bookmarked_sessions(user=request.user),
            "personal": links.get(CalendarFeedKind.PERSONAL),
            "company": links.get(CalendarFeedKind.COMPANY),
            "organisation": request.user.organisation,
        },
    )
    # Nothing of this page reaches another site. Not "no-referrer": Chromium then
    # sends `Origin: null` with the page's own forms, which CSRF rightly refuses.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_POST
@login_required
def my_calendar_feed(request: HttpRequest, kind: str) -> HttpResponse:
    """Create, replace or turn off a subscription link. Replacing or turning off
    stops the link every calendar app subscribed with, so it asks first
    (`config.confirm`); creating the first link does not."""
    if kind not in CalendarFeedKind.values:
        raise Http404
    revoke = request.POST.get("action") == "revoke"
    feed = CalendarFeed.objects.filter(user=request.user, kind=kind).first()
    back = reverse("calendar_pages:my_calendar")
    if feed is not None:
        state = hashlib.sha256(feed.token.encode()).hexdigest()[:16]
        if not confirm.asked(request):
            return _feed_question(request, revoke=revoke, state=state, back=back)
        if not confirm.confirmed(request, state):
            confirm.stale_message(request, _("The subscription link"))
            return redirect(back)
    elif revoke:
        return redirect(back)
    if revoke:
        services.calendar_feed_revoke(user=request.user, kind=kind)
        messages.success(request, _("The link is turned off."))
    else:
        services.calendar_feed_issue(user=request.user, kind=kind)
        messages.success(
            request, _("Your new link is ready; any old link has stopped.")
        )
    return redirect(back)


def _feed_question(request, *, revoke: bool, state: str, back: str) -> HttpResponse:
    return confirm.confirm_page(
        request,
        question=_("Turn the subscription link off?")
        if revoke
        else _("Replace the subscription link?"),
        details=[
            _(
                "Calendar apps subscribed with the current link stop receiving "
                "changes at once."
            )
        ],
        warning=_("This cannot be undone: the current link never works again."),
        confirm_label=_("Turn the link off") if revoke else _("Replace the link"),
        back_url=back,
        state=state,
        fields=[("action", "revoke" if revoke else "issue")],
    )


@require_POST
@login_required
def my_agenda_toggle(request: HttpRequest, session_id: int) -> HttpResponse:
    """Add or remove, then back to the same place on the page it was clicked on
    (its `#session-<id>` anchor), saying what happened and any clash."""
    try:
        session = selectors.session_visible_get(
            user=request.user, session_id=session_id
        )
    except Session.DoesNotExist:
        raise Http404 from None
    if request.POST.get("action") == "remove":
        services.bookmark_remove(user=request.user, session=session)
        messages.success(request, _("Removed from My agenda."))
    else:
        services.bookmark_add(user=request.user, session=session)
        messages.success(request, _("Added to My agenda."))
        for clash in selectors.agenda_clashes(user=request.user, session=session):
            messages.warning(request, _clash_text(clash))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("calendar_pages:my_calendar")
    return redirect(f"{back.split('#')[0]}#session-{session.pk}")


def _clash_text(clash: selectors.Clash) -> str:
    """ "It overlaps “Keynote”, Tue 16 Mar 10:00–10:30 KST." on its event's clock."""
    when = "{start}–{end}".format(
        start=date_text(clash.start, "DAY_TIME_FORMAT", clash.zone),
        end=local_time_text(clash.end, clash.zone),
    )
    return _("It overlaps “%(item)s”, %(time)s.") % {
        "item": clash.title,
        "time": when,
    }
