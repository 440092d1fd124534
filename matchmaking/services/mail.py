"""Partnering e-mails: one per notification, written in the recipient's language
(`User.mail_language`), whatever language the person who acted used."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from matchmaking.enums import NOTIFICATION_TEXT
from matchmaking.models import Notification
from matchmaking.models.releases import change_lines, change_subject


def _notification_text(notification: Notification) -> str:
    """The notification's sentence alone (its changes are listed on their own)."""
    return str(NOTIFICATION_TEXT.get(notification.kind, "%(event)s")) % {
        "event": notification.event.name,
        "name": "-",
        "org": "-",
        "slot": "",
    }


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
        subject = (
            change_subject(changes, event)
            if changes
            else _("%(event)s · partnering") % {"event": event.name}
        )
        body = render_to_string("matchmaking/email/notification.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def notification_email_send(*, notifications) -> int:
    """Send each notification's e-mail over one connection; how many were sent."""
    messages = [notification_email_build(notification=n) for n in notifications]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
