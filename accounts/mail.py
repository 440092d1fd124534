"""E-mails about a person's account, in the language they chose."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User


def signin_link_send(*, user: User, url: str) -> None:
    with translation.override(user.mail_language):
        context = {"user": user, "url": url, "minutes": 30}
        EmailMessage(
            subject=_("Your sign-in link · Convene"),
            body=render_to_string("accounts/email/signin_link.txt", context),
            to=[user.email],
        ).send()
