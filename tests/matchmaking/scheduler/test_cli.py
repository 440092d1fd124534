import json
import subprocess
import sys

import pytest

from matchmaking.scheduler.write import instance_to_dict

from .conftest import REPO, tiny

pytestmark = pytest.mark.unit


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "matchmaking.scheduler", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=120,
    )


@pytest.fixture
def instance_file(tmp_path):
    inst = tiny(
        [
            {"participants": ["p1", "p2"], "required": True},
            {"participants": ["p1", "p3"], "required": True},
        ]
    )
    path = tmp_path / "inst.json"
    path.write_text(json.dumps(instance_to_dict(inst)))
    return path


def test_solve_then_validate_exits_0(instance_file, tmp_path):
    out = tmp_path / "sol.json"
    solved = cli("solve", instance_file, "--time-limit", 10, "--out", out)
    checked = cli("validate", instance_file, out)
    assert (solved.returncode, checked.returncode) == (0, 0)
    assert json.loads(solved.stdout)["format"] == "partnering-solution/1"
    assert "breaks=0" in checked.stdout


def test_corrupted_solution_exits_1_with_reason(instance_file, tmp_path):
    out = tmp_path / "sol.json"
    cli("solve", instance_file, "--time-limit", 10, "--out", out)
    data = json.loads(out.read_text())
    for a in data["assignments"]:
        a["slot"] = "s1"
    out.write_text(json.dumps(data))
    checked = cli("validate", instance_file, out)
    assert checked.returncode == 1
    assert "p1 is double-booked in slot s1" in checked.stdout


def test_garbage_exits_2_without_traceback(instance_file, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("garbage")
    checked = cli("validate", instance_file, bad)
    assert checked.returncode == 2
    assert "not valid JSON" in checked.stderr
    assert "Traceback" not in checked.stderr
