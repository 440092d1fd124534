"""Signing in remembers the page's language as the person's e-mail language, once."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from accounts.services import user_language_remember


@receiver(user_logged_in, dispatch_uid="user_language_remember")
def _signed_in(sender, request, user, **kwargs) -> None:
    user_language_remember(user=user, language=translation.get_language() or "")
