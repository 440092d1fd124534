"""Organisation pages: the profile all of an organisation's participants share."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from events.models import Organisation
from matchmaking import selectors, services
from matchmaking.forms import OrganisationProfileForm
from matchmaking.services import PartneringError
from matchmaking.views.attendee import _base, _event, _participant_or_404, _viewer


@login_required
def organisation(request: HttpRequest, slug: str, organisation_id: int) -> HttpResponse:
    event, me, context = _viewer(request, slug)
    try:
        page = selectors.organisation_get_visible(
            viewer=me, event=event, organisation_id=organisation_id
        )
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc
    context |= {
        "page": page,
        "may_edit": me is not None and me.organisation == page.organisation,
    }
    return render(request, "matchmaking/organisation.html", context)


@login_required
def my_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    me = _participant_or_404(request, event)
    if me.organisation is None:
        messages.error(request, _("Your account names no organisation."))
        return redirect("matchmaking:my_profile", slug=slug)
    profile = selectors.organisation_profile_for(organisation=me.organisation)
    form = OrganisationProfileForm(
        request.POST or None, initial=OrganisationProfileForm.initial_for(profile)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_profile_update(
                organisation=me.organisation,
                user=request.user,
                event=event,
                **form.cleaned_data,
            )
        except PartneringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your organisation's profile is saved."))
            return redirect(
                "matchmaking:organisation",
                slug=slug,
                organisation_id=me.organisation.pk,
            )
    context = _base(request, event, me) | {"form": form, "profile": profile}
    return render(request, "matchmaking/my_organisation.html", context)
