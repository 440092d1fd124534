"""API shapes for integrators' tokens; the key leaves only in the create answer."""

import datetime as dt

from ninja import Field, Schema

from events.enums import ApiScope


class ApiTokenIn(Schema):
    name: str = Field(..., min_length=1, max_length=100)
    scopes: list[ApiScope] = Field(..., min_length=1)
    event: str | None = Field(
        None, max_length=100, description="An event's slug, to limit the token."
    )
    expires_at: dt.datetime | None = None


class ApiTokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[ApiScope]
    event: str | None
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @staticmethod
    def resolve_event(token) -> str | None:
        return token.event.slug if token.event_id else None


class ApiTokenCreatedOut(ApiTokenOut):
    key: str = Field(..., description="Shown only in this answer; store it now.")


class RegistrationRowOut(Schema):
    """One attendee of an event, as in the attendee export."""

    id: int
    email: str
    first_name: str
    last_name: str
    ticket: str
    status: str
    category: str
    order_code: str | None
    order_status: str | None
    organisation_name: str
    job_role: str
    dietary_needs: str
    directory_consent: bool
    created_at: dt.datetime

    @staticmethod
    def resolve_email(reg) -> str:
        return reg.user.email

    @staticmethod
    def resolve_first_name(reg) -> str:
        return reg.user.first_name

    @staticmethod
    def resolve_last_name(reg) -> str:
        return reg.user.last_name

    @staticmethod
    def resolve_ticket(reg) -> str:
        return (
            reg.ticket_type.name if reg.ticket_type_id else reg.get_category_display()
        )

    @staticmethod
    def resolve_order_code(reg) -> str | None:
        return reg.order.code if reg.order_id else None

    @staticmethod
    def resolve_order_status(reg) -> str | None:
        return reg.order.status if reg.order_id else None
