"""Organisers set up tickets, vouchers, invoicing and their team in the Wagtail
admin (registration in `events.wagtail_hooks`; every viewset is scoped to the
user's events by `events.admin_scope`).

Orders, payments, registrations and the waiting list are not snippets: they
change through services (mark paid, refund, resend) on the organiser desk,
which each event's hub in the admin (events.wagtail_desk) links to.
"""

from django import forms
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from events import exports
from events.admin_scope import EventScopedViewSet
from events.exports import DATETIME, MONEY, Money
from events.money import format_money
from events.wagtail_desk import EVENT_NUMBERS_HOOK, ORGANISER_LINKS_HOOK, Figure, Tool
from events.wagtail_exports import SheetExportMixin, event_sheet
from events.wagtail_forms import EventLocalTimesForm, both_languages, local_time_column
from registration import selectors, services
from registration.enums import VoucherKind
from registration.models import EventBilling, TicketType, Voucher
from registration.wagtail_forms import TicketTypeForm, VoucherForm


def _price(ticket: TicketType) -> str:
    return format_money(ticket.price, ticket.event.currency)


def _voucher_value(voucher: Voucher) -> str:
    if voucher.kind == VoucherKind.PERCENT:
        return f"{voucher.value:g} %"
    return format_money(voucher.value, voucher.event.currency)


TICKET_COLUMNS = [
    exports.Column(_("Event")),
    exports.Column(_("Name (English)")),
    exports.Column(_("Name (Korean)")),
    exports.Column(_("Price"), MONEY),
    exports.Column(_("Capacity")),
    exports.Column(_("Sold or held")),
    exports.Column(_("Registration category")),
    exports.Column(_("Sale starts"), DATETIME),
    exports.Column(_("Sale ends"), DATETIME),
]
VOUCHER_COLUMNS = [
    exports.Column(_("Code")),
    exports.Column(_("Event")),
    exports.Column(_("Kind")),
    exports.Column(_("Amount off"), MONEY),
    exports.Column(_("Percent off")),
    exports.Column(_("Max uses")),
    exports.Column(_("Valid from"), DATETIME),
    exports.Column(_("Valid until"), DATETIME),
]


def _ticket_row(ticket: TicketType, moment) -> list:
    return [
        ticket.event.name,
        ticket.name_en,
        ticket.name_ko,
        Money(ticket.price, ticket.event.currency),
        ticket.capacity,
        getattr(ticket, "seats_taken", None),
        ticket.get_category_display(),
        moment(ticket.sale_starts_at),
        moment(ticket.sale_ends_at),
    ]


def _voucher_row(voucher: Voucher, moment) -> list:
    percent = voucher.kind == VoucherKind.PERCENT
    return [
        voucher.code,
        voucher.event.name,
        voucher.get_kind_display(),
        None if percent else Money(voucher.value, voucher.event.currency),
        voucher.value if percent else None,
        voucher.max_uses,
        moment(voucher.valid_from),
        moment(voucher.valid_until),
    ]


class _WithEvent:
    """List rows with their event in one query (names, currencies, zones)."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event")


class TicketTypeViewSet(SheetExportMixin, _WithEvent, EventScopedViewSet):
    model = TicketType
    icon = "tag"

    def get_queryset(self, request):
        """Seats sold or held, counted for the whole list in its one query."""
        return services.ticket_types_with_seats_taken(super().get_queryset(request))

    list_display = [
        "name",
        "event",
        Column("price", label=_("Price"), accessor=_price),
        "capacity",
        Column("sold", label=capfirst(_("sold or held")), accessor="seats_taken"),
        BooleanColumn("is_hidden", label=capfirst(_("hidden"))),
        local_time_column("sale_ends_at", capfirst(_("sale ends"))),
    ]
    list_filter = ["event", "is_hidden", "category"]
    search_fields = ["name_en", "name_ko"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            both_languages("name", _("Name")),
            both_languages("description", _("Description")),
            FieldRowPanel([FieldPanel("price"), FieldPanel("capacity")]),
            FieldRowPanel([FieldPanel("category"), FieldPanel("max_per_order")]),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [FieldPanel("sale_starts_at"), FieldPanel("sale_ends_at")]
                    )
                ],
                heading=_("Sale window"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("is_hidden"),
                    FieldPanel("access_code"),
                    FieldPanel("requires_approval"),
                ],
                heading=_("Who may buy"),
            ),
            FieldPanel("order"),
        ],
        base_form_class=TicketTypeForm,
    )

    def export_sheet(self, queryset):
        return event_sheet(
            list(queryset),
            name="tickets",
            title=_("Tickets"),
            columns=TICKET_COLUMNS,
            row=_ticket_row,
        )


class VoucherViewSet(SheetExportMixin, _WithEvent, EventScopedViewSet):
    model = Voucher
    icon = "pick"
    list_display = [
        "code",
        "event",
        "kind",
        Column("value", label=capfirst(_("value")), accessor=_voucher_value),
        "max_uses",
        local_time_column("valid_until", capfirst(_("valid until"))),
    ]
    list_filter = ["event", "kind"]
    search_fields = ["code"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            FieldPanel("code"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("value")]),
            FieldPanel("max_uses"),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
            FieldPanel("ticket_types", widget=forms.CheckboxSelectMultiple),
        ],
        base_form_class=VoucherForm,
    )

    def export_sheet(self, queryset):
        return event_sheet(
            list(queryset),
            name="vouchers",
            title=_("Vouchers"),
            columns=VOUCHER_COLUMNS,
            row=_voucher_row,
        )


class EventBillingViewSet(_WithEvent, EventScopedViewSet):
    model = EventBilling
    icon = "doc-full"
    menu_label = _("Invoicing")
    list_display = ["event", "issuer_name", "issuer_tax_id", "invoice_hold_days"]
    list_filter = ["event"]
    search_fields = ["issuer_name", "issuer_tax_id"]
    edit_handler = ObjectList(
        [
            FieldPanel("event"),
            MultiFieldPanel(
                [
                    FieldPanel("issuer_name"),
                    FieldPanel("issuer_address"),
                    FieldPanel("issuer_tax_id"),
                    FieldPanel("bank_details"),
                ],
                heading=_("Invoice issuer"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel(
                        [
                            FieldPanel("invoice_hold_days"),
                            FieldPanel("invoice_reminder_days"),
                        ]
                    ),
                    FieldRowPanel(
                        [
                            FieldPanel("attendee_cancel_until"),
                            FieldPanel("attendee_refund_percent"),
                        ]
                    ),
                    FieldPanel("waitlist_offer_hours"),
                ],
                heading=_("Payment, cancellation and waiting list"),
            ),
        ],
        base_form_class=EventLocalTimesForm,
    )


class TicketsGroup(SnippetViewSetGroup):
    menu_label = _("Tickets and invoicing")
    menu_icon = "tag"
    menu_order = 151
    items = (TicketTypeViewSet, VoucherViewSet, EventBillingViewSet)


register_snippet(TicketsGroup)


def _snippet_list(model: str, event_id: int, export: str = "") -> str:
    url = f"{reverse(f'wagtailsnippets_registration_{model}:list')}?event={event_id}"
    return f"{url}&export={export}" if export else url


@hooks.register(ORGANISER_LINKS_HOOK, order=-30)
def _desk_links(events, user):
    for event in events:
        pk, slug = event.pk, {"slug": event.slug}
        desk = reverse("registration:organiser_dashboard", kwargs=slug)
        yield Tool(pk, "registration", _("Registrations desk"), desk)
        yield Tool(pk, "registration", _("Orders"), f"{desk}#orders-heading")
        yield Tool(
            pk, "registration", _("Waiting for approval"), f"{desk}#approval-heading"
        )
        yield Tool(pk, "registration", _("Register someone"), f"{desk}#manual-heading")
        yield Tool(pk, "registration", _("Tickets"), _snippet_list("tickettype", pk))
        yield Tool(pk, "registration", _("Vouchers"), _snippet_list("voucher", pk))
        yield Tool(
            pk, "registration", _("Invoicing"), _snippet_list("eventbilling", pk)
        )
        for fmt in ("csv", "xlsx"):
            kwargs = {**slug, "fmt": fmt}
            url = reverse("registration:organiser_attendee_export", kwargs=kwargs)
            label = _("Attendees (%(format)s)") % {"format": fmt.upper()}
            yield Tool(pk, "exports", label, url)
            label = _("Tickets (%(format)s)") % {"format": fmt.upper()}
            yield Tool(pk, "exports", label, _snippet_list("tickettype", pk, fmt))


@hooks.register(EVENT_NUMBERS_HOOK, order=-30)
def _sales_numbers(events):
    numbers = selectors.sales_today(events=events)
    for event in events:
        sold, today, revenue = numbers[event.pk]
        desk = reverse("registration:organiser_dashboard", kwargs={"slug": event.slug})
        yield Figure(event.pk, _("Tickets sold"), str(sold), desk)
        yield Figure(event.pk, _("Sold today"), str(today), desk)
        money = " · ".join(format_money(amount, code) for code, amount in revenue)
        yield Figure(
            event.pk, _("Revenue"), money or format_money(0, event.currency), desk
        )
