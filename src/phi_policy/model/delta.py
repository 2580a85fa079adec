"""What `phi-policy diff` found: two assessments of a config compared, or several configs.

Values only, so that the comparison (phi_policy.diff), the gates (phi_policy.engine.gates)
and the reports (phi_policy.reporters.diff_*) share them without depending on one another.
How a change is classified and how its points are worked out is phi_policy.diff.compare's
to say; how it reads, phi_policy.reporters.diff_wording's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from phi_policy.model.assessment import Assessment, Citation, Decision, Location, Problem
from phi_policy.model.terms import Domain, Severity

ChangeKind = Literal["regressed", "improved", "changed", "added", "removed"]
DecisionChangeKind = Literal["added", "changed", "removed", "expired"]
ConfigKind = Literal["compared", "added", "removed", "invalid"]
#: A status as a diff shows it: the assessment's status, or "decided" for a pass that rests
#: on a documented decision.
NOT_PASSING: frozenset[str] = frozenset({"partial", "fail", "error", "decided"})


def same_score(a: float | None, b: float | None) -> bool:
    """Equal up to float noise, so that a score recomputed the same way is no change."""
    if a is None or b is None:
        return a is b
    return abs(a - b) < 1e-9


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


@dataclass(frozen=True)
class Side:
    """One side of the comparison: how to name it, and where its config was read.

    `commit` is None for the working tree. `path` is relative to the repository's root.
    """

    label: str
    path: str
    rev: str | None = None
    commit: str | None = None
    short: str | None = None


@dataclass(frozen=True)
class ValueChange:
    """A config value a control looked at, as text on each side (None: absent there)."""

    pointer: str
    base: str | None
    head: str | None


@dataclass(frozen=True)
class ControlChange:
    """One control whose outcome differs between base and head."""

    control_id: str
    title: str
    domain: Domain
    severity: Severity
    kind: ChangeKind
    base_status: str | None
    head_status: str | None
    base_credit: float | None
    head_credit: float | None
    points: float
    finding: str
    citations: tuple[Citation, ...]
    locations: tuple[Location, ...]
    values: tuple[ValueChange, ...] = ()
    remediation: str = ""

    @property
    def newly_failing(self) -> bool:
        """Passed at base and does not at head: what --fail-on-regression gates on."""
        return self.base_status == "pass" and self.head_status in NOT_PASSING


@dataclass(frozen=True)
class DomainChange:
    domain: Domain
    base: float | None
    head: float | None

    @property
    def change(self) -> float | None:
        if self.base is None or self.head is None:
            return None
        return self.head - self.base


@dataclass(frozen=True)
class DecisionChange:
    """A documented decision the pull request added, changed or removed, or one past its
    review date.

    `author` is who last changed the decision's lines (a commit's author, the configured git
    user for uncommitted lines, or "uncommitted"); `self_approved` says that person is also
    the approver.
    """

    control: str
    kind: DecisionChangeKind
    decision: Decision
    previous: Decision | None = None
    fields: tuple[str, ...] = ()
    location: Location | None = None
    expired: bool = False
    author: str | None = None
    author_commit: str | None = None
    self_approved: bool = False


@dataclass(frozen=True)
class RuleChange:
    """A change to what judges the config: a control pack file, the gate's own files."""

    kind: Literal["control pack", "gate"]
    path: str
    status: str
    old_path: str | None = None
    note: str = ""
    fails: bool = False  # fails the gate whatever the options (a pack gone at the head)


@dataclass(frozen=True)
class GateSettings:
    """The gates `phi-policy diff` was asked to apply (phi_policy.engine.gates.gate_failures)."""

    max_drop: float | None = 0.0
    fail_on_regression: str | None = "low"
    fail_on_band_change: bool = False
    fail_on_self_approved: bool = False


@dataclass(frozen=True)
class Delta:
    """Two assessments compared: scores, domains, controls, decisions, rule changes, gates."""

    base_side: Side
    head_side: Side
    base: Assessment
    head: Assessment
    domains: tuple[DomainChange, ...]
    changes: tuple[ControlChange, ...]
    decisions: tuple[DecisionChange, ...] = ()
    rule_changes: tuple[RuleChange, ...] = ()
    notes: tuple[str, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    failures: tuple[str, ...] = ()

    @property
    def score_change(self) -> float | None:
        return _minus(self.head.score, self.base.score)

    @property
    def raw_score_change(self) -> float | None:
        return _minus(self.head.raw_score, self.base.raw_score)

    def of_kind(self, kind: ChangeKind) -> list[ControlChange]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def empty(self) -> bool:
        """Nothing to report: same scores, no control, decision or rule changed."""
        return (
            not self.changes
            and not self.decisions
            and not self.rule_changes
            and same_score(self.base.score, self.head.score)
            and same_score(self.base.raw_score, self.head.raw_score)
        )


@dataclass(frozen=True)
class ConfigDiff:
    """One config of a combined diff: its comparison, or why there is none.

    `path` is the head's path (the base's for a removed config). An added config carries the
    head's assessment, a removed one the base's; an invalid one its first problem, the side
    it is on ("the base, main (1a2b3c4)", "working tree") and how many problems it has.
    """

    path: str
    kind: ConfigKind
    delta: Delta | None = None
    assessment: Assessment | None = None
    problem: Problem | None = None
    side: str = ""
    problems: int = 0


@dataclass(frozen=True)
class DiffSet:
    """Every config compared between the same two revisions, with the same rules."""

    base_label: str
    head_label: str
    as_of: dt.date
    profile: str
    configs: tuple[ConfigDiff, ...]
    rule_changes: tuple[RuleChange, ...] = ()
    gate: GateSettings = field(default_factory=GateSettings)
    failures: tuple[str, ...] = ()

    def of_kind(self, kind: ConfigKind) -> list[ConfigDiff]:
        return [c for c in self.configs if c.kind == kind]
