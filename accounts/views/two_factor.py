"""Two-factor sign-in pages: set up an authenticator, verify a code at sign-in,
new recovery codes. Thin views over accounts.services."""

from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import selectors, services
from accounts.forms import CodeForm
from config import confirm


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("registration:my_registrations")


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then confirm with a first code."""
    user = request.user
    if selectors.two_factor_enabled(user=user) and not request.user.is_verified():
        return redirect(
            reverse("accounts:two_factor_verify") + "?" + request.GET.urlencode()
        )
    device = services.totp_device_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(
                device=device, token=form.cleaned_data["code"]
            )
        except services.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            device.refresh_from_db()
            otp_login(request, device)
            context = {"codes": codes, "next": _next(request)}
            return render(request, "accounts/recovery_codes.html", context)
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "qr": qr.svg_data_uri(scale=5, border=2),
        "secret": _grouped(device.bin_key),
        "enabled": selectors.two_factor_enabled(user=user),
        "required": selectors.two_factor_required_for(user=user),
        "recovery_left": selectors.recovery_codes_left(user=user),
        "next": _next(request),
    }
    return render(request, "accounts/two_factor_setup.html", context)


def _grouped(key: bytes) -> str:
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app or a recovery code."""
    if not selectors.two_factor_enabled(user=request.user):
        return redirect(
            reverse("accounts:two_factor_setup") + "?" + request.GET.urlencode()
        )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.two_factor_check(
                user=request.user, token=form.cleaned_data["code"]
            )
        except services.TwoFactorError as exc:
            form.add_error("code", str(exc))
        else:
            otp_login(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = selectors.recovery_codes_left(user=request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You used a recovery code; %(n)s is left.",
                        "You used a recovery code; %(n)s are left.",
                        left,
                    )
                    % {"n": left},
                )
            return redirect(_next(request))
    context = {"form": form, "next": _next(request)}
    return render(request, "accounts/two_factor_verify.html", context)


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes, shown once. The codes still held stop working at
    once, so this asks first (`config.confirm`); with none left it does not."""
    user = request.user
    if not (selectors.two_factor_enabled(user=user) and user.is_verified()):
        messages.error(request, _("Verify a code from your authenticator first."))
        return redirect("accounts:two_factor_setup")
    left = selectors.recovery_codes_left(user=user)
    state = selectors.recovery_codes_state(user=user)
    if left and not confirm.asked(request):
        return _renew_question(request, left=left, state=state)
    if left and not confirm.confirmed(request, state):
        confirm.stale_message(request, _("Your recovery codes"))
        return redirect("accounts:two_factor_setup")
    codes = services.recovery_codes_issue(user=user)
    context = {"codes": codes, "next": _next(request)}
    return render(request, "accounts/recovery_codes.html", context)


def _renew_question(request: HttpRequest, *, left: int, state: str) -> HttpResponse:
    return confirm.confirm_page(
        request,
        question=_("Make new recovery codes?"),
        details=[
            ngettext(
                "Your %(n)s recovery code left stops working at once.",
                "Your %(n)s recovery codes left stop working at once.",
                left,
            )
            % {"n": left},
            _("Ten new codes are shown once, on the next page: keep them safe."),
        ],
        warning=_("This cannot be undone: the old codes never work again."),
        confirm_label=_("Make new codes"),
        back_url=reverse("accounts:two_factor_setup"),
        state=state,
        fields=[("next", _next(request))],
    )
