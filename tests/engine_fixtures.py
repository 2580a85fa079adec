"""Hand-built controls and documents for engine tests, independent of the built-in catalog."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from phi_policy.catalog.packs import Control
from phi_policy.engine.scoring import weight_of
from phi_policy.model import Citation, Context, Location, Outcome

LOGOFF = Citation("HIPAA Security Rule", "164.312(a)(2)(iii)", "Automatic logoff", "addressable")
UNIQUE = Citation(
    "HIPAA Security Rule", "164.312(a)(2)(i)", "Unique user identification", "required"
)


def make_control(
    cid: str,
    outcome: Outcome | Callable[[Any, Context], Outcome],
    *,
    domain: str = "technical",
    weight: float | None = None,
    severity: str = "medium",
    basis: str = "required",
    citation: Citation = UNIQUE,
    partial_credit: str | None = "graded in the test",
    tailorable: str | None = None,
) -> Control:
    """A control whose check returns `outcome` (or calls it); its weight follows severity and
    basis unless given."""
    check = outcome if callable(outcome) else (lambda config, ctx, _o=outcome: _o)
    proposed = basis == "proposed"
    return Control(
        id=cid,
        title=f"title of {cid}",
        domain=domain,  # type: ignore[arg-type]
        citations=(citation,),
        basis=basis,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        weight=weight if weight is not None else weight_of(severity, basis),
        risk="test",
        rationale="why",
        remediation=f"fix {cid}",
        profiles=("hipaa", "hipaa-2025-nprm") if not proposed else ("hipaa-2025-nprm",),
        check=check,
        partial_credit=partial_credit,
        tailorable=tailorable,
        origin="test",
    )


@dataclass
class FakeDocument:
    data: dict[str, Any] = field(default_factory=dict)
    path: str = "phi-policy.yaml"
    lines: dict[str, int] = field(default_factory=dict)

    def location(self, pointer: str) -> Location:
        return Location(self.path, self.lines.get(pointer, 1), 1)
