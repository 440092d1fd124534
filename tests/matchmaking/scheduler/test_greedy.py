import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.partnering_gen import generate
from matchmaking.scheduler.greedy import greedy
from matchmaking.scheduler.parse import instance_from_dict
from matchmaking.scheduler.validate import objective, validate

pytestmark = pytest.mark.unit


@settings(max_examples=15, deadline=None)
@given(
    size=st.integers(min_value=20, max_value=400),
    seed=st.integers(min_value=0, max_value=10_000),
    spread=st.sampled_from([None, 3]),
)
def test_greedy_output_validates(size, seed, spread):
    inst = instance_from_dict(generate(meetings=size, seed=seed, spread=spread))

    sol = greedy(inst)

    if sol.extra.get("valid", True):
        assert validate(inst, sol) == []
    assert sol.objective == objective(inst, sol.assignments)


def test_greedy_hosted_tables_and_meetings_of_three():
    inst = instance_from_dict(generate(meetings=1500, seed=3))

    sol = greedy(inst)

    assert validate(inst, sol) == []
    for a in sol.assignments:
        meeting, table = inst.meetings[a.meeting], inst.tables[a.table]
        hosts = [p for p in meeting.participants if p in inst.host_table]
        if hosts:
            assert a.table == inst.host_table[hosts[0]]
        else:
            assert table.host is None
    threes = [
        a for a in sol.assignments if len(inst.meetings[a.meeting].participants) == 3
    ]
    assert threes


def test_greedy_unscheduled_have_reasons():
    inst = instance_from_dict(generate(meetings=1000, seed=2))

    sol = greedy(inst)

    assert sol.unscheduled
    assert all(u.reason for u in sol.unscheduled)
