"""Demo tickets, vouchers, billing details and a few orders for the three events.

Keyed on natural identifiers (event + English ticket name, voucher code, buyer),
so loading the demo again changes nothing.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.services import user_upsert
from config.services import model_update
from events.models import Event
from registration import services
from registration.enums import OrderStatus, PaymentMethod, RegistrationCategory
from registration.models import EventBilling, Order, TicketType, Voucher

KCTA = {
    "issuer_name": "Korea Clinical Trials Agency (demo)",
    "issuer_address": "22 Demo-ro, Jongno-gu\nSeoul 03000, Republic of Korea",
    "issuer_tax_id": "101-82-00000",
    "bank_details": "Hana Bank · 123-456789-01001 · KCTA (demo)",
}

TICKETS = {
    "kic-2027": [
        (
            "Early bird",
            "얼리버드",
            "350000",
            200,
            -60,
            30,
            "",
            RegistrationCategory.ATTENDEE,
        ),
        ("Regular", "일반", "450000", 800, 30, 400, "", RegistrationCategory.ATTENDEE),
        (
            "Student",
            "학생",
            "100000",
            100,
            -60,
            400,
            "STUDENT",
            RegistrationCategory.ATTENDEE,
        ),
        (
            "Speaker",
            "연사",
            "0",
            120,
            -60,
            400,
            "SPEAKER27",
            RegistrationCategory.SPEAKER,
        ),
    ],
    "asco-2027-delegation": [
        (
            "Delegate",
            "대표단",
            "1200.00",
            40,
            -60,
            120,
            "",
            RegistrationCategory.DELEGATION,
        ),
    ],
    "kbif-2027": [
        (
            "Forum pass",
            "포럼 패스",
            "200000",
            300,
            -60,
            200,
            "",
            RegistrationCategory.ATTENDEE,
        ),
        (
            "Investor",
            "투자자",
            "0",
            60,
            -60,
            200,
            "INVEST",
            RegistrationCategory.INVESTOR,
        ),
    ],
}


# Students show their student card first: the organisers approve each order.
NEEDS_APPROVAL = {("kic-2027", "Student")}


def _ticket(event: Event, row, now: dt.datetime) -> TicketType:
    name_en, name_ko, price, capacity, start, end, code, category = row
    ticket = TicketType.objects.filter(event=event, name_en=name_en).first()
    ticket = ticket or TicketType(event=event, name_en=name_en)
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return model_update(
        ticket,
        name_ko=name_ko,
        price=Decimal(price),
        capacity=capacity,
        sale_starts_at=day + dt.timedelta(days=start),
        sale_ends_at=day + dt.timedelta(days=end),
        access_code=code,
        is_hidden=bool(code),
        category=category,
        requires_approval=(event.slug, name_en) in NEEDS_APPROVAL,
    )


BUYERS = [
    ("Jiwoo", "Han", "한지우"),
    ("Seojun", "Yoon", "윤서준"),
    ("Hana", "Shin", "신하나"),
    ("Yuna", "Kwon", "권유나"),
    ("Taeho", "Jang", "장태호"),
]


def _buyers(orgs, delegation: Event) -> list[User]:
    """Five buyers; the last belongs to a delegation member company (USD order)."""
    member = delegation.registrations.order_by("id").first().user.organisation
    companies = orgs.biotech[:4] + [member]
    return [
        user_upsert(
            email=f"{first.lower()}.{last.lower()}@buyers.convene.test",
            first_name=first,
            last_name=last,
            name_ko=name_ko,
            organisation=companies[i],
        )
        for i, (first, last, name_ko) in enumerate(BUYERS)
    ]


def build(events: dict[str, Event], orgs) -> None:
    now = timezone.now()
    buyers = _buyers(orgs, events["asco-2027-delegation"])
    for slug, rows in TICKETS.items():
        event = events[slug]
        EventBilling.objects.update_or_create(event=event, defaults=KCTA)
        for row in rows:
            _ticket(event, row, now)
    Voucher.objects.get_or_create(
        event=events["kic-2027"],
        code="KIC-PARTNER-20",
        defaults={"kind": "percent", "value": Decimal("20"), "max_uses": 50},
    )
    _orders(events, buyers)


def _orders(events: dict[str, Event], buyers: list[User]) -> None:
    """An invoice order awaiting payment, a paid group order, a paid USD order."""
    plans = [
        (events["kic-2027"], "Early bird", buyers[0:1], False),
        (events["kic-2027"], "Early bird", buyers[1:4], True),
        (events["asco-2027-delegation"], "Delegate", buyers[4:5], True),
    ]
    for event, ticket_name, people, paid in plans:
        buyer = people[0]
        if Order.objects.filter(event=event, buyer=buyer).exists():
            continue
        ticket = TicketType.objects.get(event=event, name_en=ticket_name)
        order = services.order_create(
            event=event,
            buyer=buyer,
            items=[
                services.OrderItem(
                    ticket_type_id=ticket.pk,
                    attendee=services.Attendee(
                        email=p.email, first_name=p.first_name, last_name=p.last_name
                    ),
                )
                for p in people
            ],
            method=PaymentMethod.INVOICE,
            billing=services.Billing(
                name=str(buyer), organisation=str(buyer.organisation or "")
            ),
        )
        if paid and order.status == OrderStatus.PENDING:
            services.order_mark_paid(order=order)
