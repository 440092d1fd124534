"""Organiser side in the Django admin: tickets, vouchers, orders, payments."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from events import admin_confirm, exports
from events.admin_times import LocalTimesAdmin
from events.exports import DATETIME, MONEY, Column, Money
from events.localtime import naive_local
from events.money import format_money
from events.wagtail_forms import EventLocalTimesAdminForm
from registration import services
from registration.enums import OrderStatus, PaymentMethod
from registration.models import (
    EventBilling,
    Order,
    Payment,
    Registration,
    StripeEvent,
    TicketType,
    Voucher,
    WaitlistEntry,
)
from registration.services import changes, payments

EXPORT_COLUMNS = [
    Column(_("Order")),
    Column(_("Event")),
    Column(_("Status")),
    Column(_("Payment method")),
    Column(_("Currency")),
    Column(_("Total"), MONEY),
    Column(_("Refunded"), MONEY),
    Column(_("Buyer's e-mail address")),
    Column(_("Billing organisation")),
    Column(_("Attendees")),
    Column(_("Created"), DATETIME),
    Column(_("Paid"), DATETIME),
]


def _orders_sheet(queryset) -> tuple[exports.Sheet, set[str]]:
    """The selected orders; their times on their event's clock (the heading names
    the zone when the orders share one, else each time is its own event's)."""
    orders = list(
        queryset.select_related("event", "buyer").prefetch_related(
            "registrations__user"
        )
    )
    zone = exports.shared_zone(order.event for order in orders)

    def moment(order, value):
        return value if zone else naive_local(value, order.event)

    rows = (
        [
            order.code,
            order.event.slug,
            order.get_status_display(),
            order.get_method_display(),
            order.currency,
            Money(order.total, order.currency),
            Money(order.refunded_amount, order.currency),
            order.buyer.email,
            order.billing_organisation,
            "; ".join(r.user.email for r in order.registrations.all()),
            moment(order, order.created_at),
            moment(order, order.paid_at) if order.paid_at else None,
        ]
        for order in orders
    )
    sheet = exports.Sheet(
        title=_("Orders"), columns=EXPORT_COLUMNS, rows=rows, zone=zone
    )
    return sheet, {o.event.slug for o in orders}


class BulkSpec:
    """One bulk order action's confirmation: to which orders it applies, what it
    moves per order (the money), and what the page says."""

    def __init__(self, *, label, question, confirm_label, warning, applies, amount):
        self.label, self.question = label, question
        self.confirm_label, self.warning = confirm_label, warning
        self.applies, self.amount = applies, amount

    def ask(self, orders, chosen) -> admin_confirm.ActionQuestion:
        n = len(chosen)
        return admin_confirm.ActionQuestion(
            action_label=str(self.label),
            question=self.question(n) % {"n": n},
            confirm_label=str(self.confirm_label),
            lines=[self._line(o) for o in chosen],
            totals=admin_confirm.money_totals(
                (self.amount(o), o.currency) for o in chosen
            ),
            skipped=[
                f"{o.code} · {o.buyer.email} · {o.get_status_display()}"
                for o in orders
                if o not in chosen
            ],
            warning=str(self.warning),
        )

    def _line(self, order: Order) -> str:
        money = format_money(self.amount(order), order.currency)
        return (
            f"{order.code} · {order.event} · {order.buyer.email} · {money}"
            f" ({order.get_method_display()})"
        )


REFUND = BulkSpec(
    label=_("Refund in full"),
    question=lambda n: ngettext(
        "Refund %(n)s order in full?", "Refund %(n)s orders in full?", n
    ),
    confirm_label=_("Yes, refund in full"),
    warning=_(
        "Card payments go back through Stripe at once; bank transfers are recorded "
        "as refunded and your bank must send them. The seats go back on sale and "
        "the buyers are e-mailed. This cannot be undone."
    ),
    applies=lambda o: o.status == OrderStatus.PAID and o.total > o.refunded_amount,
    amount=lambda o: o.total - o.refunded_amount,
)
MARK_PAID = BulkSpec(
    label=_("Mark paid"),
    question=lambda n: ngettext(
        "Mark %(n)s invoice order paid?", "Mark %(n)s invoice orders paid?", n
    ),
    confirm_label=_("Yes, the money has arrived"),
    warning=_("Their tickets are confirmed and e-mailed at once."),
    applies=lambda o: (
        o.status == OrderStatus.PENDING
        and o.method == PaymentMethod.INVOICE
        and not o.awaiting_approval
    ),
    amount=lambda o: o.total,
)
APPROVE = BulkSpec(
    label=_("Approve"),
    question=lambda n: ngettext("Approve %(n)s order?", "Approve %(n)s orders?", n),
    confirm_label=_("Yes, approve"),
    warning=_(
        "The buyers are e-mailed at once: free orders are confirmed, the others "
        "may pay."
    ),
    applies=lambda o: o.status == OrderStatus.PENDING and o.awaiting_approval,
    amount=lambda o: o.total,
)


@admin.register(TicketType)
class TicketTypeAdmin(LocalTimesAdmin, TranslationAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["name", "event", "price", "capacity", "sold", "is_hidden"]
    list_filter = ["event", "is_hidden", "category"]
    search_fields = ["name_en", "name_ko"]
    list_select_related = ["event"]

    @admin.display(description=_("sold or held"))
    def sold(self, obj: TicketType) -> int:
        return services.seats_taken(ticket_type=obj)


@admin.register(Voucher)
class VoucherAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["code", "event", "kind", "value", "max_uses", "valid_until"]
    list_filter = ["event", "kind"]
    search_fields = ["code"]
    filter_horizontal = ["ticket_types"]


@admin.register(EventBilling)
class EventBillingAdmin(admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = ["event", "issuer_name", "issuer_tax_id"]


class PaymentInline(LocalTimesAdmin, admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    readonly_fields = ["provider", "intent_id", "amount", "currency", "state"]


@admin.register(Order)
class OrderAdmin(LocalTimesAdmin, admin.ModelAdmin):
    form = EventLocalTimesAdminForm
    list_display = [
        "code",
        "event",
        "buyer",
        "status",
        "method",
        "total",
        "currency",
        "created_at",
    ]
    search_fields = ["code", "buyer__email", "buyer__last_name", "billing_organisation"]
    list_select_related = ["event", "buyer"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "code",
        "subtotal",
        "discount",
        "total",
        "refunded_amount",
        "paid_at",
        "closed_at",
    ]
    autocomplete_fields = ["buyer"]
    inlines = [PaymentInline]
    list_filter = ["event", "status", "method", "currency", "needs_approval"]
    actions = [
        "mark_paid",
        "approve",
        "refund_in_full",
        "resend_email",
        "export_csv",
        "export_xlsx",
    ]

    @admin.action(description=_("Approve (tickets that need approval)"))
    def approve(self, request, queryset):
        return self._confirmed(request, queryset, APPROVE, changes.order_approve)

    @admin.action(description=_("Resend the current e-mail"))
    def resend_email(self, request, queryset):
        self._each(request, queryset, changes.order_resend_email)

    @admin.action(description=_("Mark invoice orders paid (bank transfer received)"))
    def mark_paid(self, request, queryset):
        return self._confirmed(request, queryset, MARK_PAID, services.invoice_mark_paid)

    @admin.action(description=_("Refund in full (returns the seats)"))
    def refund_in_full(self, request, queryset):
        return self._confirmed(request, queryset, REFUND, payments.order_refund)

    def _confirmed(self, request, queryset, spec: "BulkSpec", service):
        """Asked first (`events.admin_confirm`): which orders, how much in all
        per currency, which selected ones are left as they are."""
        orders = list(queryset.select_related("event", "buyer").order_by("pk"))
        chosen = [o for o in orders if spec.applies(o)]
        state = ",".join(
            f"{o.pk}:{o.status}:{o.refunded_amount}:{o.approved_at}" for o in orders
        )
        asked = admin_confirm.ask_first(
            self, request, queryset, state=state, ask=lambda: spec.ask(orders, chosen)
        )
        if asked is not None:
            return asked
        self._each(request, chosen, service)
        return None

    def _each(self, request, orders, service):
        done = 0
        for order in orders:
            try:
                service(order=order, actor=request.user)
                done += 1
            except services.RegistrationError as exc:
                self.message_user(request, f"{order.code}: {exc}", messages.ERROR)
        self.message_user(
            request,
            ngettext("%(n)s order updated.", "%(n)s orders updated.", done)
            % {"n": done},
        )

    @admin.action(description=_("Export as CSV"))
    def export_csv(self, request, queryset):
        return self._export(queryset, "csv")

    @admin.action(description=_("Export as Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return self._export(queryset, "xlsx")

    def _export(self, queryset, fmt: str):
        sheet, slugs = _orders_sheet(queryset)
        stem = f"{slugs.pop()}-orders" if len(slugs) == 1 else "orders"
        return exports.export_response(sheet, fmt=fmt, filename=stem)


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    list_display = ["order", "provider", "intent_id", "amount", "currency", "state"]
    list_filter = ["provider", "state", "currency"]
    search_fields = ["intent_id", "order__code"]
    list_select_related = ["order"]


@admin.register(StripeEvent)
class StripeEventAdmin(admin.ModelAdmin):
    list_display = ["stripe_id", "type", "received_at", "processed_at"]
    list_filter = ["type"]
    search_fields = ["stripe_id"]
    readonly_fields = ["stripe_id", "type", "payload", "received_at", "processed_at"]


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(LocalTimesAdmin, admin.ModelAdmin):
    local_times_event = "ticket_type__event"
    list_display = ["user", "ticket_type", "status", "created_at", "offer_expires_at"]
    list_filter = ["status", "ticket_type__event"]
    search_fields = ["user__email"]
    list_select_related = ["user", "ticket_type__event"]
    readonly_fields = ["created_at", "offered_at"]


@admin.register(Registration)
class RegistrationAdmin(LocalTimesAdmin, admin.ModelAdmin):
    list_display = [
        "user",
        "event",
        "ticket_type",
        "category",
        "status",
        "order",
        "created_at",
    ]
    list_filter = ["event", "category", "status", "ticket_type"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "user__name_ko",
    ]
    list_select_related = ["user", "event", "ticket_type", "order"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["order"]
