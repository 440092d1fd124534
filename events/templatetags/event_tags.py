"""`{% load event_tags %}`: times on the event's clock and money, formatted the
way every page, admin list and e-mail shows them."""

from django import template

from events import localtime
from events.dates import date_text
from events.money import format_money

register = template.Library()


@register.filter
def local(value, zone) -> str:
    """{{ session.start|local:event }} → "2027-09-14 09:00 KST"."""
    return localtime.local_text(value, zone) if value else ""


@register.filter
def local_time(value, zone) -> str:
    """{{ session.start|local_time:event }} → "09:00 KST"."""
    return localtime.local_time_text(value, zone) if value else ""


@register.filter
def local_date(value, zone) -> str:
    """{{ order.expires_at|local_date:event }} → "December 20, 2026", "2026년 12월
    20일" on Korean pages: the day it is on the event's clock then."""
    return date_text(value, "DATE_FORMAT", zone)


@register.filter(expects_localtime=True)
def date_as(value, name) -> str:
    """{{ slot.start|date_as:"DAY_TIME_FORMAT" }} → "Tue 14 Sep 09:00",
    "9월 14일 (화) 09:00" on Korean pages: a named format of config/formats,
    on the clock of the template's {% timezone %} like Django's |date."""
    return date_text(value, name)


@register.filter
def money(amount, currency) -> str:
    """{{ order.total|money:order.currency }} → "KRW 1,350,000"."""
    if amount is None or amount == "":
        return ""
    return format_money(amount, currency)


@register.filter
def zone(value) -> str:
    """{{ event|zone }} → "KST (Asia/Seoul)" (letters as at the event's start)."""
    if not value:
        return ""
    at = getattr(value, "starts_at", None)
    return localtime.zone_caption(value, at)
