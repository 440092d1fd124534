"""Setting a programme up (its later changes, with the itinerary, are in
`delegations.services.itinerary`)."""

from typing import Any

from delegations.models import DelegationProgramme
from delegations.services.common import save
from events.models import Event


def programme_upsert(*, event: Event, **fields: Any) -> DelegationProgramme:
    programme = DelegationProgramme.objects.filter(event=event).first()
    return save(programme or DelegationProgramme(event=event), **fields)
