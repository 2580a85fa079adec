"""What `phi-policy diff` was asked to do: its parsed options, and the formats it can write.

Kept apart from the code that reads git, so that the command line can offer the formats and
build a request without importing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from phi_policy.model import GateSettings

#: format name -> module under phi_policy.reporters. The diff formats render the Delta; sarif
#: and junit render the head's assessment with the reporters `check` uses.
DIFF_FORMATS: dict[str, str] = {
    "text": "diff_text",
    "json": "diff_json",
    "markdown": "diff_markdown",
    "github": "diff_github",
    "sarif": "sarif",
    "junit": "junit",
}
HEAD_ONLY_FORMATS = frozenset({"sarif", "junit"})


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
