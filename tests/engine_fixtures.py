"""Hand-built controls and documents for engine tests, independent of the built-in catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from phi_policy.model import Citation, Context, Location, Outcome
from phi_policy.packs import Control

LOGOFF = Citation("HIPAA Security Rule", "164.312(a)(2)(iii)", "Automatic logoff", "addressable")
UNIQUE = Citation("HIPAA Security Rule", "164.312(a)(2)(i)", "Unique user identification", "required")


def make_control(
    cid: str,
    outcome: Outcome | Callable[[Any, Context], Outcome],
    *,
    domain: str = "technical",
    weight: float = 1.0,
    severity: str = "medium",
    requirement: str = "required",
    proposed: bool = False,
    citation: Citation = UNIQUE,
) -> Control:
    check = outcome if callable(outcome) else (lambda config, ctx, _o=outcome: _o)
    return Control(
        id=cid,
        title=f"title of {cid}",
        domain=domain,
        citations=(citation,),
        requirement=requirement,
        severity=severity,
        weight=weight,
        rationale="why",
        remediation=f"fix {cid}",
        profiles=("hipaa", "hipaa-2025-nprm") if not proposed else ("hipaa-2025-nprm",),
        proposed=proposed,
        check=check,
        origin="test",
    )


@dataclass
class FakeDocument:
    data: dict[str, Any] = field(default_factory=dict)
    path: str = "phi-policy.yaml"
    lines: dict[str, int] = field(default_factory=dict)

    def location(self, pointer: str) -> Location:
        return Location(self.path, self.lines.get(pointer, 1), 1)
