"""Partnering e-mails: one per notification, written in the recipient's language
(`User.mail_language`), whatever language the person who acted used."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from matchmaking.enums import NOTIFICATION_TEXT, NotificationKind
from matchmaking.models import Notification
from matchmaking.models.releases import change_lines, change_subject, when_text


def _notification_text(notification: Notification) -> str:
    """The notification's sentence alone (its changes are listed on their own)."""
    return str(NOTIFICATION_TEXT.get(notification.kind, "%(event)s")) % {
        "event": notification.event.name,
        "name": "-",
        "org": "-",
        "slot": "",
    }


def _who(user) -> str:
    """The person who acted, as a subject names them: their organisation, or
    their name (in the active language's order) when they have none."""
    if user is None:
        return "-"
    return str(user.organisation or user.display_name())


def _subjects() -> dict[str, str]:
    return {
        NotificationKind.REQUEST_RECEIVED: _("%(event)s: %(who)s asks to meet you"),
        NotificationKind.REQUEST_ACCEPTED: _(
            "%(event)s: your meeting with %(who)s is accepted"
        ),
        NotificationKind.REQUEST_DECLINED: _(
            "%(event)s: %(who)s declined your meeting request"
        ),
        NotificationKind.MEETING_CANCELLED: _(
            "%(event)s: your meeting with %(who)s is cancelled"
        ),
        NotificationKind.TIME_PROPOSED: _(
            "%(event)s: %(who)s proposes to meet at %(slot)s"
        ),
        NotificationKind.MEETING_ADDED: _(
            "%(event)s: the organisers added a meeting to your schedule"
        ),
    }


def notification_subject(*, notification: Notification) -> str:
    """What happened, in the active language: who asks, accepts, declines or
    cancels; the schedule with its number of meetings; the one change made."""
    event, params = notification.event, notification.params
    changes = params.get("changes") or []
    if notification.kind == NotificationKind.SCHEDULE_PUBLISHED and changes:
        n = len(changes)
        return ngettext(
            "%(event)s: your partnering schedule, %(n)s meeting",
            "%(event)s: your partnering schedule, %(n)s meetings",
            n,
        ) % {"event": event.name, "n": n}
    if changes:
        return change_subject(changes, event)
    slot = params.get("slot")
    values = {
        "event": event.name,
        "who": _who(notification.actor),
        "slot": when_text(slot, event) if slot else "",
    }
    template = _subjects().get(notification.kind, _("%(event)s · partnering"))
    return template % values


def notification_email_build(*, notification: Notification) -> EmailMessage:
    """Select `user`, `event` and `actor__organisation` on the notification."""
    user, event = notification.user, notification.event
    with translation.override(user.mail_language):
        context = {
            "name": user.display_name(user.mail_language),
            "event": event,
            "message": notification.message,
            "quote": notification.params.get("message", ""),
            "link": settings.SITE_URL + notification.link if notification.url else "",
            "notifications_url": settings.SITE_URL
            + reverse("matchmaking:notifications", kwargs={"slug": event.slug}),
            "language_url": settings.SITE_URL + reverse("accounts:mail_language"),
        }
        changes = notification.params.get("changes") or []
        # The changes are listed below the greeting, not folded into the message.
        context["message"] = (
            _notification_text(notification) if changes else (context["message"])
        )
        context["changes"] = change_lines(changes, event)
        subject = notification_subject(notification=notification)
        body = render_to_string("matchmaking/email/notification.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def notification_email_send(*, notifications) -> int:
    """Send each notification's e-mail over one connection; how many were sent."""
    messages = [notification_email_build(notification=n) for n in notifications]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
