"""What `phi-policy diff` was asked to do: its parsed options.

Kept apart from the code that reads git, so that the command line can build a request without
importing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from phi_policy.model.delta import GateSettings


@dataclass(frozen=True, kw_only=True)
class DiffRequest:
    config: str = "phi-policy.yaml"
    base: str | None = None
    head: str | None = None
    fmt: str = "text"
    output: str | None = None
    as_of: dt.date  # required: what 'today' means is the caller's to say, never a default
    profile: str = "hipaa"
    control_dirs: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    color: bool = False
    verbose: int = 0
    quiet: bool = False
    configs: tuple[str, ...] = ()
    jobs: int | None = None  # worker processes for several configs; None: the machine's cores
    allow_deleted_configs: bool = False  # a fleet config gone at the head does not fail
