import json

import pytest

from benchmarks.partnering_gen import generate
from matchmaking.scheduler.parse import instance_from_dict

pytestmark = pytest.mark.unit


def test_generate_same_seed_same_output():
    assert json.dumps(generate(meetings=300, seed=4)) == json.dumps(
        generate(meetings=300, seed=4)
    )


def test_generate_other_seed_other_output():
    assert generate(meetings=300, seed=4) != generate(meetings=300, seed=5)


def test_generate_loads_with_io():
    inst = instance_from_dict(generate(meetings=2000, seed=1, spread=3))

    assert len(inst.meetings) == 2000
    assert inst.max_breaks_spread == 3
    assert any(t.host is not None for t in inst.tables)
    assert any(len(m.participants) == 3 for m in inst.meetings)
    assert {m.priority for m in inst.meetings} == {1, 2, 3}
    assert len(inst.blocks) == 4  # two days, morning and afternoon


def test_generate_bio_preset_shape():
    d = generate(meetings=0, seed=1, preset="bio")

    assert len(d["meetings"]) == 30_000
    assert len(d["participants"]) == 6_000
    assert len(d["slots"]) == 48
    assert 600 <= len(d["tables"]) <= 800
