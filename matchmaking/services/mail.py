"""Partnering e-mails: one per notification, written in the recipient's language
(`User.mail_language`), whatever language the person who acted used."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from matchmaking.models import Notification


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
        subject = _("%(event)s · partnering") % {"event": event.name}
        body = render_to_string("matchmaking/email/notification.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def notification_email_send(*, notifications) -> int:
    """Send each notification's e-mail over one connection; how many were sent."""
    messages = [notification_email_build(notification=n) for n in notifications]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0
