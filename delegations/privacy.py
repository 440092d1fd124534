"""What delegation programmes hold about a person: their applications."""

from accounts.privacy import PersonalData, row
from delegations.models import DelegationApplication


def _export(user) -> dict[str, list[dict]]:
    applications = DelegationApplication.objects.filter(applicant=user).order_by("pk")
    return {"delegation_applications": [row(a) for a in applications]}


SECTION = PersonalData(export=_export)
