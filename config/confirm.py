"""Ask before doing what cannot be taken back: refunds, cancellations, deletions,
publishing, submitting, decisions on many at once.

One pattern for every such action, in pages and in the Wagtail admin, and without
JavaScript: the action's URL answers a GET, or a POST without `confirm`, with a
page that says what will happen to what, and how much or how many
(`confirm_page`); its Confirm button posts the same URL again with `confirm=yes`
and a `state`, a short fingerprint of what the page showed. The view does the
thing only when `confirmed(request, state)`: a stale page (the order was refunded
meanwhile, the second click of a double click, a crafted POST) does nothing and
says why (`stale_message`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

CONFIRM = "confirm"
STATE = "state"


def asked(request: HttpRequest) -> bool:
    """A POST from a Confirm button (which state it confirms is `confirmed`'s
    question)."""
    return request.method == "POST" and request.POST.get(CONFIRM) == "yes"


def confirmed(request: HttpRequest, state: str) -> bool:
    """A POST from a Confirm button of a page that showed today's `state`."""
    return asked(request) and request.POST.get(STATE, "") == state


def stale_message(request: HttpRequest, what: str) -> None:
    """Confirmed, but against a page that no longer matches: nothing was done."""
    messages.error(
        request,
        _(
            "%(what)s changed since the confirmation page was shown. Nothing was done; look again."
        )
        % {"what": what},
    )


def confirm_page(
    request: HttpRequest,
    *,
    question: str,
    confirm_label: str,
    back_url: str,
    state: str = "",
    title: str = "",
    details: Iterable[str] = (),
    warning: str = "",
    fields: Sequence[tuple[str, object]] = (),
    form=None,
    admin: bool = False,
    status: int = 200,
) -> HttpResponse:
    """The confirmation step. `question` names the action and its object ("Refund
    KRW 350,000 to kim@example.com's card?"), `details` lists what it touches,
    `warning` what follows ("This cannot be undone."). `fields` are posted back
    unchanged with the confirmation. With a `form` (an amount to choose first),
    the page shows that form instead, its errors and input kept, and its
    Continue button leads to the question."""
    context = {
        "confirm": {
            "title": title or question,
            "question": question,
            "details": list(details),
            "warning": warning,
            "confirm_label": confirm_label,
            "back_url": back_url,
            "action": request.get_full_path(),
            "state": state,
            "fields": [
                (name, "" if value is None else value) for name, value in fields
            ],
            "form": form,
            "admin": admin,
        },
        "page_title": title or question,
        "header_title": title or question,
    }
    template = "wagtailadmin/confirm.html" if admin else "confirm.html"
    return render(request, template, context, status=status)
