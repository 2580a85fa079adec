"""Control test cases as data: a patch to the strong base config and the outcome it must give.

Every control has at least one passing and one failing case (tests/controls/test_cases.py
checks that), so a control that cannot fail, or cannot pass, is caught.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BASE_CONFIG = Path(__file__).with_name("base-config.yaml")
AS_OF = dt.date(2026, 11, 1)


class _Delete:
    def __repr__(self) -> str:
        return "DELETE"


#: A patch value that removes the key instead of setting it.
DELETE = _Delete()


class _PlainLoader(yaml.SafeLoader):
    """Like the project's loader for these tests' purposes: dates stay strings."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def base_config() -> dict[str, Any]:
    with BASE_CONFIG.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_PlainLoader)
    assert isinstance(data, dict)
    return data


def apply_patch(config: dict[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of `config` with each JSON pointer set (or removed, for DELETE)."""
    result = copy.deepcopy(config)
    for pointer, value in patch.items():
        parts = pointer.split("/")[1:]
        node: Any = result
        for part in parts[:-1]:
            node = node[int(part)] if isinstance(node, list) else node.setdefault(part, {})
        last = parts[-1]
        if isinstance(node, list):
            if value is DELETE:
                del node[int(last)]
            elif last == "-":
                node.append(copy.deepcopy(value))
            else:
                node[int(last)] = copy.deepcopy(value)
        elif value is DELETE:
            node.pop(last, None)
        else:
            node[last] = copy.deepcopy(value)
    return result


@dataclass(frozen=True)
class Case:
    """One expectation: `control` on the base config patched with `patch` gives `status`.

    `credit` is checked when given (for partial outcomes); `paths` must all appear among the
    outcome's paths (so reports point at the right YAML line); `message` must appear in the
    outcome's message; `turns_on` is the date a passing dated control will turn. `limits` are
    the tailored values of documented decisions (`Context.limits`); `instances`, when given, are
    exactly the failing instances the outcome must name.
    """

    control: str
    name: str
    status: str
    patch: Mapping[str, Any] = field(default_factory=dict)
    credit: float | None = None
    paths: tuple[str, ...] = ()
    message: str | None = None
    as_of: dt.date = AS_OF
    profile: str = "hipaa"
    turns_on: dt.date | None = None
    limits: tuple[tuple[str | None, float], ...] = ()
    instances: tuple[str, ...] | None = None

    @property
    def id(self) -> str:
        return f"{self.control}-{self.status}-{self.name}"
