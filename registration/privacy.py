"""What registration holds about a person: registrations with their answers,
orders and waiting-list places."""

from django.utils.translation import gettext as _

from accounts.privacy import PersonalData, row
from registration.enums import OrderStatus
from registration.models import Order, Registration, WaitlistEntry


def _export(user) -> dict[str, list[dict]]:
    registrations = Registration.objects.filter(user=user).select_related(
        "event", "ticket_type"
    )
    return {
        "registrations": [
            row(r) | {"event": r.event.slug, "ticket": str(r.ticket_type or "")}
            for r in registrations
        ],
        "orders": [row(o) for o in Order.objects.filter(buyer=user).order_by("pk")],
        "waiting_lists": [
            row(w) for w in WaitlistEntry.objects.filter(user=user).order_by("pk")
        ],
    }


def _blockers(user) -> list[str]:
    unpaid = Order.objects.filter(buyer=user, status=OrderStatus.PENDING)
    return [
        _("Order %(code)s is not paid yet: pay or cancel it first.") % {"code": code}
        for code in unpaid.values_list("code", flat=True)
    ]


def _erase(user) -> None:
    Order.objects.filter(buyer=user).update(billing_name="", billing_address="")
    Registration.objects.filter(user=user).update(
        organisation_name="", job_role="", dietary_needs="", directory_consent=False
    )
    WaitlistEntry.objects.filter(user=user).delete()


SECTION = PersonalData(export=_export, blockers=_blockers, erase=_erase)
