"""The signed-in person's own data over the API: export it, delete the account.
Session sign-in only: integrators' tokens never reach personal data."""

from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from accounts import privacy
from config.problems import problem

router = Router(tags=["my account"], auth=django_auth)


class DeleteIn(Schema):
    confirm: str  # the account's e-mail address


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    reasons: list[str] = []


@router.get(
    "/data",
    response=dict[str, Any],
    url_name="account_data_export",
    operation_id="account_data_export",
)
def data_export(request: HttpRequest):
    """Everything Convene holds about the signed-in person (format
    `convene-personal-data/1`)."""
    return privacy.personal_data_export(user=request.auth)


@router.post(
    "/delete",
    response={204: None, 400: ProblemOut, 409: ProblemOut},
    url_name="account_delete",
    operation_id="account_delete",
)
def account_delete(request: HttpRequest, body: DeleteIn):
    """Anonymise the account (orders kept for accounting without personal
    details); 409 with the reasons while an unpaid order or a coming meeting
    blocks it."""
    if body.confirm.strip().lower() != request.auth.email.lower():
        return problem(400, "Not confirmed", "confirm must be the account's e-mail.")
    try:
        privacy.account_delete(user=request.auth)
    except privacy.DeletionBlocked as exc:
        return problem(409, "Deletion blocked", str(exc), reasons=exc.reasons)
    logout(request)
    return Status(204, None)
