"""What the event core holds about a person: team roles and API tokens."""

from django.utils.translation import gettext as _

from accounts.privacy import PersonalData, row
from events.enums import TeamRole
from events.models import EventTeamMember


def _export(user) -> dict[str, list[dict]]:
    roles = EventTeamMember.objects.filter(user=user).order_by("pk")
    return {"event_roles": [row(m) for m in roles]}


def _blockers(user) -> list[str]:
    if EventTeamMember.objects.filter(user=user, role=TeamRole.ORGANISER).exists():
        return [
            _("You organise an event: ask another organiser to take your role first.")
        ]
    return []


def _erase(user) -> None:
    user.integration_tokens.all().delete()


SECTION = PersonalData(export=_export, blockers=_blockers, erase=_erase)
