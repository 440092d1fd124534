"""Reading instances and solutions from files: JSON by default, B2B ``.dzn`` by suffix.

A file that cannot be read raises ``InstanceError`` like a malformed one, so the CLI
reports both the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .dzn import parse_dzn
from .parse import InstanceError, instance_from_dict, solution_from_dict
from .schema import Instance, Solution


def load_instance(path: str | Path) -> Instance:
    """Read an instance from a JSON file, or from a B2B ``.dzn`` file by suffix."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"cannot read {path}: {exc}") from exc
    if path.suffix == ".dzn":
        return parse_dzn(text, name=path.name.removesuffix(".dzn"))
    return instance_from_dict(_json(text, path))


def load_solution(instance: Instance, path: str | Path) -> Solution:
    """Read a ``partnering-solution/1`` JSON file for the given instance."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InstanceError(f"cannot read {path}: {exc}") from exc
    return solution_from_dict(instance, _json(text, path))


def _json(text: str, path: Path) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstanceError(f"{path} is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise InstanceError(f"{path}: expected a JSON object at the top level")
    return data
