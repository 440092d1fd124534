"""Check-in API shapes. A scan's answer is always 200 with a `result`; only a
malformed request, a wrong event or missing rights are errors (problem+json)."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import model_validator

from badges.enums import InvalidReason, ScanResult
from badges.selectors import organisation_of


class ScanIn(Schema):
    nonce: str = Field(
        ...,
        pattern=r"^[A-Za-z0-9_-]{8,64}$",
        description="Made by the client once per scan; resending it counts once.",
    )
    token: str = Field("", max_length=80, description="The badge's QR text.")
    registration_id: int | None = Field(None, description="From a search instead.")
    session_id: int | None = Field(
        None, description="A session's room; empty: entrance."
    )

    @model_validator(mode="after")
    def _one_way(self):
        if bool(self.token) == (self.registration_id is not None):
            raise ValueError("Send either token or registration_id.")
        return self


class PersonOut(Schema):
    registration_id: int
    name: str
    name_ko: str
    email: str
    organisation: str
    ticket: str
    category: str
    status: str


def person(registration) -> dict | None:
    if registration is None:
        return None
    user, ticket = registration.user, registration.ticket_type
    return {
        "registration_id": registration.pk,
        "name": user.get_full_name() or user.email,
        "name_ko": user.name_ko,
        "email": user.email,
        "organisation": organisation_of(registration),
        "ticket": ticket.name if ticket else registration.get_category_display(),
        "category": registration.category,
        "status": registration.status,
    }


def where(check_in) -> str:
    if check_in.session_id is None:
        return _("Entrance")
    session = check_in.session
    return f"{session.title} · {session.room}" if session.room_id else session.title


class ScanOut(Schema):
    result: ScanResult
    reason: InvalidReason | None = None
    message: str
    repeated: bool = Field(False, description="This nonce was already counted.")
    person: PersonOut | None = None
    checked_in_at: dt.datetime | None = None
    where: str = ""

    @staticmethod
    def of(outcome) -> dict:
        record = outcome.check_in
        if outcome.result == ScanResult.INVALID:
            message = str(InvalidReason(outcome.reason).label)
        else:
            message = str(ScanResult(outcome.result).label)
        return {
            "result": outcome.result,
            "reason": outcome.reason or None,
            "message": message,
            "repeated": outcome.repeated,
            "person": person(outcome.registration),
            "checked_in_at": record.checked_in_at if record else None,
            "where": where(record) if record else "",
        }


class AttendeeOut(PersonOut):
    entered_at: dt.datetime | None

    @staticmethod
    def of(registration) -> dict:
        return {**person(registration), "entered_at": registration.entered_at}
