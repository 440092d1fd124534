"""The seeded demo: a conference in Seoul, a delegation to Chicago, an investment forum.

Deterministic for a given seed and keyed on natural identifiers (slugs, e-mails,
English titles), so running it again changes nothing.
"""

import random

from django.db import transaction

from badges import demo
from delegations.demo import programmes
from events.demo import conference
from events.demo.common import organisations, speakers
from events.models import Event
from matchmaking.demo import forum, partnering
from registration.demo import people as accounts
from registration.demo import tickets


@transaction.atomic
def load(*, seed: int = 2027) -> dict[str, Event]:
    """Build every demo event; returns them by slug."""
    rng = random.Random(seed)  # noqa: S311  (reproducible demo data, not secrets)
    orgs = organisations()
    people = speakers(rng, orgs)
    events = {
        "kic-2027": conference.build(rng, orgs, people),
        "asco-2027-delegation": programmes.build(rng, orgs),
        "kbif-2027": forum.build(rng, orgs),
    }
    accounts.build(events, orgs)
    tickets.build(events, orgs)
    partnering.build(rng, events["kbif-2027"], orgs)
    demo.build(events)
    return events
