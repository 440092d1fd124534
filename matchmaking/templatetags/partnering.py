"""`{% load partnering %}`: small helpers for the partnering pages."""

from django import template

register = template.Library()


@register.filter
def counterparts(meeting, me) -> str:
    """{{ meeting|counterparts:me }} → "권민준 (온다테라퓨틱스), …": everyone but
    `me`, separated by commas only between names."""
    return meeting.counterparts_text(me)
