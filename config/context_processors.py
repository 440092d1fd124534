"""Template context for the site's header."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from matchmaking.selectors.menu import partnering_menu_for


def partnering(request: HttpRequest) -> dict:
    """`partnering_menu`: the account menu's My meetings / Notifications links with
    unread counts. Lazy: the one query runs only where a template reads it."""

    def links() -> list:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return list(partnering_menu_for(user=user))

    return {"partnering_menu": SimpleLazyObject(links)}
