"""The person's own data: download it all, or delete the account. Thin views over
accounts.privacy."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import privacy
from accounts.forms import DeleteAccountForm


def _page(request, form, status=200):
    context = {
        "form": form,
        "blockers": privacy.account_deletion_blockers(user=request.user),
    }
    return render(request, "accounts/my_data.html", context, status=status)


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    return _page(request, DeleteAccountForm(user=request.user))


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    data = privacy.personal_data_export(user=request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"convene-personal-data-{timezone.now():%Y%m%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        privacy.account_delete(user=request.user)
    except privacy.DeletionBlocked:
        return _page(request, form, status=409)
    logout(request)
    messages.success(request, _("Your account is deleted and your details removed."))
    return redirect("/")
