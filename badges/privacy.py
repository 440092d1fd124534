"""What check-in holds about a person: their check-ins (kept, as counted visits)."""

from accounts.privacy import PersonalData, row
from badges.models import CheckIn


def _export(user) -> dict[str, list[dict]]:
    check_ins = CheckIn.objects.filter(registration__user=user).order_by("pk")
    return {"check_ins": [row(c) for c in check_ins]}


SECTION = PersonalData(export=_export)
