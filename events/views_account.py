"""The attendee's side beyond buying: sign-in links, own details, tickets, the
waiting list. Thin views over `events.signin`, `events.order_manage` and
`events.waitlist`."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from events import (
    mail,
    order_manage,
    order_selectors,
    registration,
    selectors,
    signin,
    waitlist,
)
from events.enums import RegistrationStatus
from events.forms import AnswersForm, MailLanguageForm, SignInLinkForm
from events.models import Registration, TicketType, WaitlistEntry
from events.pdf import ticket_filename, ticket_pdf


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("events:my_registrations")


def signin_link(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same whether or not the address
    has an account, so the page tells no one who is registered."""
    form = SignInLinkForm(
        request.POST or None, initial={"email": request.GET.get("email", "")}
    )
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not signin.signin_link_allowed(email=email):
            # The same answer as when a link is sent: it tells no one anything.
            return render(request, "events/signin_link_sent.html", {"email": email})
        user, uid, token = signin.signin_link_issue(email=email)
        path = reverse(
            "events:signin_link_confirm", kwargs={"uid": uid, "token": token}
        )
        url = (
            request.build_absolute_uri(path) + "?" + urlencode({"next": _next(request)})
        )
        mail.signin_link_send(user=user, url=url)
        return render(request, "events/signin_link_sent.html", {"email": user.email})
    context = {"form": form, "next": _next(request)}
    return render(request, "events/signin_link.html", context)


def signin_link_confirm(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """GET shows a button and POST signs in: mail scanners that fetch links must
    not spend the single-use token."""
    user = signin.signin_link_user(uid=uid, token=token)
    if user is None:
        return render(request, "events/signin_link_invalid.html", status=400)
    if request.method == "POST":
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect(_next(request))
    context = {"email": user.email, "next": _next(request)}
    return render(request, "events/signin_link_confirm.html", context)


@login_required
@require_POST
def mail_language_set(request: HttpRequest) -> HttpResponse:
    """The language the person's e-mails are written in."""
    form = MailLanguageForm(request.POST, instance=request.user)
    if form.is_valid():
        form.save()
        messages.success(request, _("Your e-mails will be written in that language."))
    else:
        messages.error(request, _("Choose one of the languages offered."))
    return redirect(_next(request))


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
            order_manage.registration_answers_update(
                reg=reg,
                actor=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                answers=form.answers(),
            )
        except registration.RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("events:my_registrations")
    context = {"registration": reg, "form": form, "own": own}
    return render(request, "events/registration_edit.html", context)


@login_required
def registration_ticket(request: HttpRequest, pk: int) -> HttpResponse:
    reg = _my_registration(request, pk)
    if reg.status != RegistrationStatus.CONFIRMED:
        raise Http404(_("The ticket is ready once the registration is confirmed."))
    response = HttpResponse(
        ticket_pdf(registration=reg), content_type="application/pdf"
    )
    filename = ticket_filename(registration=reg)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    except registration.RegistrationError as exc:
        messages.error(request, str(exc))
        return redirect("events:register", slug=slug)
    messages.success(
        request,
        _("You are number %(n)s on the waiting list for %(ticket)s.")
        % {"n": waitlist.waitlist_position(entry=entry), "ticket": ticket.name},
    )
    return redirect("events:my_registrations")


@login_required
@require_POST
def waitlist_leave(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(WaitlistEntry, pk=pk, user=request.user)
    waitlist.waitlist_leave(entry=entry, user=request.user)
    messages.success(request, _("You have left the waiting list."))
    return redirect("events:my_registrations")
