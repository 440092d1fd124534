import dataclasses

import pytest

from benchmarks.partnering_gen import generate
from matchmaking.scheduler.greedy import greedy
from matchmaking.scheduler.incremental import reschedule
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.scheduler.validate import validate

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def published():
    inst = instance_from_dict(generate(meetings=2500, seed=11))
    return inst, greedy(inst)


def _by_id(inst, sol):
    return {inst.meetings[a.meeting].id: (a.slot, a.table) for a in sol.assignments}


def test_reschedule_nothing_changed_moves_nothing(published):
    inst, pub = published

    sol = reschedule(inst, pub, time_limit=5, workers=2, seed=1)

    assert sol.extra["moved_count"] == 0
    assert set(sol.assignments) == set(pub.assignments)


def test_reschedule_cancelled_meeting_moves_nothing_else(published):
    inst, pub = published
    gone = pub.assignments[0].meeting
    keep = [m for m in range(len(inst.meetings)) if m != gone]
    new_index = {m: i for i, m in enumerate(keep)}
    inst2 = dataclasses.replace(
        inst,
        meetings=tuple(inst.meetings[m] for m in keep),
        precedences=tuple(
            (new_index[a], new_index[b])
            for a, b in inst.precedences
            if gone not in (a, b)
        ),
    )
    pub2 = dataclasses.replace(
        pub,
        assignments=tuple(
            dataclasses.replace(a, meeting=new_index[a.meeting])
            for a in pub.assignments
            if a.meeting != gone
        ),
        unscheduled=tuple(
            dataclasses.replace(u, meeting=new_index[u.meeting])
            for u in pub.unscheduled
        ),
    )

    sol = reschedule(inst2, pub2, time_limit=5, workers=2, seed=1)

    assert validate(inst2, sol) == []
    assert sol.extra["moved"] == []
    assert set(sol.assignments) == set(pub2.assignments)


def test_reschedule_availability_change_moves_only_affected(published):
    inst, pub = published
    a = pub.assignments[0]
    p = inst.meetings[a.meeting].participants[0]
    people = list(inst.participants)
    people[p] = dataclasses.replace(
        people[p], unavailable=people[p].unavailable | {a.slot}
    )
    inst2 = dataclasses.replace(inst, participants=tuple(people))

    sol = reschedule(inst2, pub, time_limit=5, workers=2, seed=1)

    assert validate(inst2, sol) == []
    moved = sol.extra["moved"]
    assert [m["meeting"] for m in moved] == [inst.meetings[a.meeting].id]
    assert "no longer available" in moved[0]["reason"]
    before, after = _by_id(inst, pub), _by_id(inst2, sol)
    assert {
        k: v for k, v in after.items() if k in before and k != moved[0]["meeting"]
    } == {k: v for k, v in before.items() if k != moved[0]["meeting"]}
