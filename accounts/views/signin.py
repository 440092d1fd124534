from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import MailLanguageForm, SignInLinkForm, SignUpForm
from accounts.mail import signin_link_send
from accounts.services import user_upsert


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("registration:my_registrations")


def landing_url(user) -> str:
    """Where a sign-in without a `next` leads: organisers and editors to the
    Wagtail admin, where their events' tools are; everyone else to their
    registrations."""
    if user.has_perm("wagtailadmin.access_admin"):
        return reverse("wagtailadmin_home")
    return reverse("registration:my_registrations")


class SignInView(LoginView):
    template_name = "accounts/login.html"

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


def signin_link(request: HttpRequest) -> HttpResponse:
    """Ask for a sign-in link. The answer is the same whether or not the address
    has an account, so the page tells no one who is registered."""
    form = SignInLinkForm(
        request.POST or None, initial={"email": request.GET.get("email", "")}
    )
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not services.signin_link_allowed(email=email):
            # The same answer as when a link is sent: it tells no one anything.
            return render(request, "accounts/signin_link_sent.html", {"email": email})
        user, uid, token = services.signin_link_issue(email=email)
        path = reverse(
            "accounts:signin_link_confirm", kwargs={"uid": uid, "token": token}
        )
        url = (
            request.build_absolute_uri(path) + "?" + urlencode({"next": _next(request)})
        )
        signin_link_send(user=user, url=url)
        return render(request, "accounts/signin_link_sent.html", {"email": user.email})
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/signin_link.html", context)


def signin_link_confirm(request: HttpRequest, uid: str, token: str) -> HttpResponse:
    """GET shows a button and POST signs in: mail scanners that fetch links must
    not spend the single-use token."""
    user = services.signin_link_user(uid=uid, token=token)
    if user is None:
        return render(request, "accounts/signin_link_invalid.html", status=400)
    if request.method == "POST":
        login(request, user, backend="accounts.backends.PasswordBackend")
        return redirect(_next(request))
    context = {"email": user.email, "next": _next(request)}
    return render(request, "accounts/signin_link_confirm.html", context)


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


def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_upsert(**form.cleaned_data, language=request.LANGUAGE_CODE)
        login(request, user, backend="accounts.backends.PasswordBackend")
        return redirect(_next(request))  # never off the site
    return render(request, "accounts/signup.html", {"form": form})
