"""Partnering endpoints, one router under `/partnering`: a participant sees only
their own requests, meetings and notifications (another's answers 404) and only
the profiles they may see.

Each topic module has its own router; they are mounted here in the order the
OpenAPI document lists them, and inherit the tag and the session auth. A path
with several methods stays in one module: Django hands every request for a path
to the first router that has it, which answers 405 to the other's methods."""

from ninja import Router
from ninja.security import django_auth

from matchmaking.api import (
    directory,
    meetings,
    notifications,
    organiser,
    profiles,
    requests,
)

router = Router(tags=["partnering"], auth=django_auth)
for topic in (directory, profiles, requests, meetings, organiser, notifications):
    router.add_router("", topic.router)

__all__ = ["router"]
