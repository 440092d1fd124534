"""The attendee's side beyond buying: sign-in links, own details, tickets, the
waiting list. Thin views over `accounts.services`, `registration.services.changes` and
`registration.services.waitlist`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config import confirm
from events import selectors
from events.localtime import local_text
from registration import selectors as order_selectors
from registration import services
from registration.enums import WaitlistStatus
from registration.forms import AnswersForm
from registration.models import Registration, TicketType, WaitlistEntry
from registration.services import changes, waitlist


def _my_registration(request: HttpRequest, pk: int) -> Registration:
    try:
        return order_selectors.registration_get_for_user(user=request.user, pk=pk)
    except Registration.DoesNotExist:
        raise Http404(_("No such registration.")) from None


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _my_registration(request, pk)
    own = reg.user_id == request.user.pk
    initial = {
        "first_name": reg.user.first_name,
        "last_name": reg.user.last_name,
        "organisation_name": reg.organisation_name,
        "job_role": reg.job_role,
        "dietary_needs": reg.dietary_needs,
        "directory_consent": reg.directory_consent,
    }
    form = AnswersForm(request.POST or None, initial=initial)
    if not own:
        for name in ("first_name", "last_name"):
            form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            changes.registration_answers_update(
                reg=reg,
                actor=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                answers=form.answers(),
            )
        except services.RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("registration:my_registrations")
    context = {"registration": reg, "form": form, "own": own}
    return render(request, "registration/registration_edit.html", context)


@login_required
@require_POST
def waitlist_join(request: HttpRequest, slug: str, ticket_id: int) -> HttpResponse:
    event = get_object_or_404(
        selectors.event_list_visible(user=request.user), slug=slug
    )
    ticket = get_object_or_404(TicketType, pk=ticket_id, event=event)
    try:
        entry = waitlist.waitlist_join(
            ticket_type=ticket,
            user=request.user,
            access_code=request.POST.get("access_code", ""),
        )
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
        return redirect("registration:register", slug=slug)
    messages.success(
        request,
        _("You are number %(n)s on the waiting list for %(ticket)s.")
        % {"n": waitlist.waitlist_position(entry=entry), "ticket": ticket.name},
    )
    return redirect("registration:my_registrations")


@login_required
def waitlist_leave(request: HttpRequest, pk: int) -> HttpResponse:
    """Leaving the waiting list gives up the place in line for good (joining
    again goes to the back), so it asks first (`config.confirm`)."""
    entry = get_object_or_404(
        WaitlistEntry.objects.select_related("ticket_type__event"),
        pk=pk,
        user=request.user,
    )
    back = reverse("registration:my_registrations")
    if entry.status not in (WaitlistStatus.WAITING, WaitlistStatus.OFFERED):
        messages.error(request, _("You are no longer on this waiting list."))
        return redirect(back)
    state = entry.status
    if not confirm.asked(request):
        return confirm.confirm_page(
            request,
            question=_("Leave the waiting list for %(ticket)s at %(event)s?")
            % {"ticket": entry.ticket_type.name, "event": entry.ticket_type.event.name},
            details=_leave_details(entry),
            warning=_(
                "Your place in line is given up; joining again puts you at the back."
            ),
            confirm_label=_("Leave the waiting list"),
            back_url=back,
            state=state,
        )
    if not confirm.confirmed(request, state):
        confirm.stale_message(request, _("Your place on the waiting list"))
        return redirect(back)
    waitlist.waitlist_leave(entry=entry, user=request.user)
    messages.success(request, _("You have left the waiting list."))
    return redirect(back)


def _leave_details(entry: WaitlistEntry) -> list[str]:
    if entry.offer_is_live:
        until = local_text(entry.offer_expires_at, entry.ticket_type.event)
        return [
            _("The seat offered to you until %(until)s goes to the next person.")
            % {"until": until}
        ]
    return [
        _("You are number %(n)s in line.")
        % {"n": waitlist.waitlist_position(entry=entry)}
    ]
