import json

import pytest

from matchmaking.scheduler.dzn import parse_dzn
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.parse import (
    InstanceError,
    instance_from_dict,
    solution_from_dict,
)
from matchmaking.scheduler.schema import Assignment, Objective, Solution
from matchmaking.scheduler.write import instance_to_dict, solution_to_dict

from .conftest import tiny

pytestmark = pytest.mark.unit

DZN = """
nBusiness = 3; nMeetings = 2; nTables = 1; nTotalSlots = 4; nMorningSlots = 2;
requested = [| 1, 2, 1, | 1, 3, 2 |];
forbidden = [{0}, {0, 2}, {}];
fixed = [0, 3];
precedences = [{}, {1}];
"""


def test_json_round_trip_keeps_everything():
    inst = tiny(
        [{"participants": ["p1", "p2"], "priority": 3, "allowed_slots": ["s1", "s2"]}],
        tables=[{"id": "A", "host": "p1"}, {"id": "B", "host": None}],
        precedences=[],
        max_breaks_spread=1,
    )
    assert instance_from_dict(json.loads(json.dumps(instance_to_dict(inst)))) == inst


@pytest.mark.parametrize(
    ("meetings", "message"),
    [
        ([{"participants": ["p1"]}], "at least 2 participants"),
        ([{"participants": ["p1", "p9"]}], "unknown participant id 'p9'"),
        ([{"participants": ["p1", "p2"], "allowed_slots": ["x"]}], "unknown slot"),
        ([{"participants": ["p1", "p2"], "priority": 0}], "positive integer"),
        ([{"participants": ["p1", "p1"]}], "listed twice"),
        ([{"participants": ["p1", "p2"], "table": "T9"}], "unknown table"),
    ],
)
def test_bad_meeting_raises_instance_error_naming_the_problem(meetings, message):
    with pytest.raises(InstanceError, match=message):
        tiny(meetings)


def test_duplicate_slot_id_is_rejected():
    d = instance_to_dict(tiny([]))
    d["slots"].append(dict(d["slots"][0]))
    with pytest.raises(InstanceError, match="duplicate slot id 's1'"):
        instance_from_dict(d)


def test_block_must_be_one_run():
    with pytest.raises(InstanceError, match="not one run"):
        tiny([], slots=3, blocks=["am", "pm", "am"])


def test_solution_round_trip_names_tables_t1():
    inst = tiny([{"participants": ["p1", "p2"]}])
    sol = Solution("FEASIBLE", (Assignment(0, 1, 1),), (), Objective(1, 0, 0))
    d = solution_to_dict(inst, sol)
    assert d["assignments"] == [{"meeting": "m1", "slot": "s2", "table": "T2"}]
    assert solution_from_dict(inst, d).assignments == sol.assignments


def test_solution_with_unknown_meeting_is_rejected():
    inst = tiny([{"participants": ["p1", "p2"]}])
    d = {"status": "FEASIBLE", "assignments": [{"meeting": "m7", "slot": "s1"}]}
    with pytest.raises(InstanceError, match="unknown meeting id 'm7'"):
        solution_from_dict(inst, d)


def test_dzn_conversion_follows_the_format_rules():
    inst = parse_dzn(DZN, name="x")
    assert [m.participants for m in inst.meetings] == [(0, 1), (0, 2)]
    assert inst.meetings[0].allowed == frozenset({0, 1})
    assert inst.meetings[1].allowed == frozenset({2, 3})
    assert inst.meetings[1].fixed_slot == 2
    assert all(m.required for m in inst.meetings)
    assert inst.participants[1].unavailable == frozenset({1})
    assert inst.precedences == ((0, 1),)
    assert (len(inst.tables), inst.max_breaks_spread, len(inst.blocks)) == (1, 2, 1)


def test_unreadable_file_raises_instance_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    with pytest.raises(InstanceError, match="not valid JSON"):
        load_instance(path)
