"""The organiser's page for integrators' API tokens: create (the key is shown
once), see when each was last used, revoke."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import selectors
from config import confirm
from events import audit
from events import tokens as api_tokens
from events.authority import is_organiser
from events.enums import ApiScope
from events.models import Event


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("Scopes"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    event = forms.ModelChoiceField(
        label=gettext_lazy("Only for event"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All my events"),
    )
    expires_in_days = forms.IntegerField(
        label=gettext_lazy("Expires after (days)"),
        min_value=1,
        max_value=3650,
        required=False,
        help_text=gettext_lazy("Leave empty for a token that does not expire."),
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events


def _page(request: HttpRequest, form: ApiTokenForm, key: str = "") -> HttpResponse:
    tokens = api_tokens.api_token_list_for_owner(owner=request.user)
    return render(
        request,
        "events/api_tokens.html",
        {"form": form, "tokens": tokens, "key": key, "scopes": ApiScope},
    )


@login_required
def api_token_page(request: HttpRequest) -> HttpResponse:
    if not api_tokens.may_issue_tokens(user=request.user):
        raise Http404(_("Only event organisers issue API tokens."))
    events = api_tokens.events_organised(user=request.user)
    form = ApiTokenForm(request.POST or None, events=events)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form)
    days = form.cleaned_data["expires_in_days"]
    try:
        _token, key = api_tokens.api_token_create(
            owner=request.user,
            name=form.cleaned_data["name"],
            scopes=form.cleaned_data["scopes"],
            event=form.cleaned_data["event"],
            expires_at=timezone.now() + dt.timedelta(days=days) if days else None,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return _page(request, form)
    return _page(request, ApiTokenForm(events=events), key=key)


@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Asked first (`config.confirm`): what stops working."""
    token = get_object_or_404(
        api_tokens.api_token_list_for_owner(owner=request.user), pk=pk
    )
    back = reverse("events:api_tokens")
    if token.revoked_at is not None:
        messages.error(request, _("The token is already revoked."))
        return redirect(back)
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Revoke the API token “%(name)s” (%(prefix)s…)?")
            % {"name": token.name, "prefix": token.prefix},
            details=[_("Scopes: %(scopes)s.") % {"scopes": ", ".join(token.scopes)}],
            warning=_(
                "Every integration using it stops working at once. This cannot be undone."
            ),
            confirm_label=_("Revoke the token"),
            back_url=back,
        )
    api_tokens.api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect(back)


PER_PAGE = 50


@login_required
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    if not is_organiser(user=request.user, event=event):
        raise Http404(_("No such event."))
    entries = selectors.audit_entries_for_event(event_id=event.pk)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = audit.audit_rows(entries=page, event=event)
    context = {"event": event, "page": page, "rows": rows}
    return render(request, "events/audit_log.html", context)
