"""The table stage: it starts from the better greedy choice, keeps a hint that fits
its own symmetry breaking, and ends soon when CP-SAT does not improve on it."""

import time

import pytest

from matchmaking.scheduler.greedy import greedy
from matchmaking.scheduler.io import load_instance
from matchmaking.scheduler.table_stage import (
    PATIENCE,
    _relabel,
    assign_tables,
    changes_of,
    greedy_tables,
    start_tables,
    successive_pairs,
)

pytestmark = pytest.mark.unit


def _slots(inst):
    return {a.meeting: a.slot for a in greedy(inst).assignments}


@pytest.mark.parametrize("name", ["tic-12", "forum-14", "ticf-13crafb"])
def test_the_start_is_never_worse_than_greedy_tables(b2b_dir, name):
    inst = load_instance(b2b_dir / f"{name}.original.dzn")
    slot_of = _slots(inst)
    pairs = successive_pairs(inst, slot_of)
    start = start_tables(inst, slot_of, pairs)
    assert changes_of(pairs, start) <= changes_of(pairs, greedy_tables(inst, slot_of))


def test_renaming_tables_for_the_symmetry_keeps_the_changes(b2b_dir):
    inst = load_instance(b2b_dir / "tic-12.original.dzn")
    slot_of = _slots(inst)
    pairs = successive_pairs(inst, slot_of)
    start = start_tables(inst, slot_of, pairs)
    renamed = _relabel(inst, slot_of, start)
    assert changes_of(pairs, renamed) == changes_of(pairs, start)
    for s in set(slot_of.values()):  # still one meeting per table and slot
        tables = [renamed[m] for m in slot_of if slot_of[m] == s]
        assert len(tables) == len(set(tables))


def test_the_stage_ends_soon_when_it_cannot_beat_its_start(b2b_dir):
    inst = load_instance(b2b_dir / "forum-14.original.dzn")  # no gain in 3 s
    slot_of = _slots(inst)
    report: dict = {}
    began = time.monotonic()
    table_of, _ = assign_tables(inst, slot_of, time_limit=10, report=report)
    assert time.monotonic() - began < 10 * PATIENCE + 2
    assert report["value"] <= report["start"]
    pairs = successive_pairs(inst, slot_of)
    assert changes_of(pairs, table_of) <= report["start"]
