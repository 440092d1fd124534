"""A Django admin bulk action that cannot be taken back asks first, the way
`delete_selected` does: the action answers with a page saying what will happen
to which rows and how much in all, per currency; its button posts the action
again with `post=yes` and a `state`, the fingerprint of what the page showed.
Only a matching confirmation goes ahead; a stale one (the rows changed meanwhile,
a double click) does nothing and says so (`config.confirm.stale_message`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.admin import helpers
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from config import confirm
from events.money import format_money


@dataclass
class ActionQuestion:
    """What the confirmation page says: `lines` for the rows acted on,
    `skipped` for the selected rows the action leaves alone."""

    action_label: str
    question: str
    confirm_label: str
    lines: list[str] = field(default_factory=list)
    totals: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warning: str = ""

    @property
    def can_go(self) -> bool:
        return bool(self.lines)


def money_totals(amounts: Iterable[tuple[Decimal, str]]) -> list[str]:
    """ "KRW 1,350,000", one line per currency, in the order they come."""
    sums: dict[str, Decimal] = {}
    for amount, currency in amounts:
        sums[currency] = sums.get(currency, Decimal(0)) + amount
    return [format_money(total, currency) for currency, total in sums.items()]


def ask_first(
    modeladmin,
    request: HttpRequest,
    queryset,
    *,
    state: str,
    ask: Callable[[], ActionQuestion],
) -> HttpResponse | None:
    """None once confirmed against today's `state` (the action goes ahead);
    otherwise the response to return from the action: the question, or the list
    again after a stale confirmation."""
    if request.POST.get("post") == "yes":
        if request.POST.get(confirm.STATE, "") == state:
            return None
        confirm.stale_message(request, _("The selected rows"))
        return HttpResponseRedirect(request.get_full_path())
    question = ask()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": question.action_label,
        "subtitle": None,
        "opts": modeladmin.model._meta,
        "queryset": queryset,
        "action": request.POST.get("action", ""),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "state": state,
        "ask": question,
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "events/admin/action_confirm.html", context)
