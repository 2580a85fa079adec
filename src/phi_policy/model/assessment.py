"""The findings of one run: where a problem is, what a control found, and the scored assessment.

They are frozen so that a stage can never change what an earlier stage produced, and so that
the same inputs always give equal results (which the golden-file and property tests rely on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from phi_policy.model.terms import (
    HIPAA_BASES,
    Band,
    Basis,
    Domain,
    Priority,
    Requirement,
    Severity,
    Status,
)


@dataclass(frozen=True)
class Location:
    """Where a value came from: 1-based line and column in a file."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class Located(Protocol):
    """A loaded document as the later stages see it: its path, its data, and the line and
    column of any JSON pointer in it (phi_policy.config.loader.Document has all three).
    Evaluation, decision checks and the diff depend on this, never on the loader itself."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    def location(self, pointer: str) -> Location: ...


@dataclass(frozen=True)
class Problem:
    """Something wrong with the input, found before any control runs.

    `pointer` is the JSON pointer of the value concerned ("" for the whole document), so the
    same problem can be shown at its YAML line, in JSON output, or as an editor diagnostic.
    """

    location: Location
    message: str
    pointer: str = ""
    hint: str | None = None
    code: str = "schema"


@dataclass(frozen=True)
class Citation:
    """One regulatory reference, e.g. HIPAA Security Rule 164.312(a)(2)(iii) Automatic logoff."""

    framework: str
    section: str
    title: str
    requirement: Requirement | None = None

    def __str__(self) -> str:
        return self.section


@dataclass(frozen=True)
class Context:
    """What a control may know besides the config: never the clock, the network or the disk.

    `as_of` is the date that "today" means, so that any past result can be recomputed exactly.
    `limits` are the values that valid `tailored` decisions set for this control's benchmark
    number, as (instance name or None for all, value); a control reads them through `limit`.
    """

    as_of: dt.date
    profile: str = "hipaa"
    limits: tuple[tuple[str | None, float], ...] = ()

    def limit(self, default: float, instance: str | None = None) -> float:
        """The benchmark number to judge `instance` by: a decision's tailored value for that
        instance, else one for every instance, else `default`."""
        for_all = default
        for name, value in self.limits:
            if name is not None and name == instance:
                return value
            if name is None:
                for_all = value
        return for_all


@dataclass(frozen=True)
class Outcome:
    """What one control found.

    `credit` is in [0, 1] (pass 1, fail 0, partial in between) and is None where the control
    does not count (not applicable). `paths` are JSON pointers into the config, so a report can
    point at the YAML lines. `turns_on` is the date on which the status will change by itself
    (a BAA expires, a review falls due), with `turns_why` saying what happens then.
    `instances` names each in-scope item that fails (a vendor, a platform, a device class), so
    a report and a band cap can say which, and a decision can be scoped to some of them.
    """

    status: Status
    message: str
    credit: float | None = None
    paths: tuple[str, ...] = ()
    turns_on: dt.date | None = None
    turns_why: str | None = None
    instances: tuple[str, ...] = ()


DecisionKind = Literal["alternative", "not_reasonable", "tailored"]
DECISION_KINDS: tuple[DecisionKind, ...] = ("alternative", "not_reasonable", "tailored")


@dataclass(frozen=True)
class Decision:
    """A documented decision kept in the config (DESIGN.md, scoring rule 4).

    For an addressable specification (164.306(d)(3)): an `alternative` measure, or why the
    specification is `not_reasonable` and appropriate. For a benchmark: a risk-based
    `tailored` value the control is judged against, or an alternative. `instances` scopes it
    to named platforms, vendors or devices (empty: all). `review_by` defaults to 12 months after
    approval, a convention of this tool, not a HIPAA deadline. `legacy` marks one read from the
    deprecated `waivers:` key.
    """

    control: str
    kind: DecisionKind
    reason: str
    approved_by: str
    approved_on: str
    review_by: str
    alternative_measure: str = ""
    value: float | None = None
    instances: tuple[str, ...] = ()
    pointer: str = ""
    legacy: bool = False


@dataclass(frozen=True)
class Result:
    """A control's outcome as scored: the control's metadata, the outcome and its effect."""

    control_id: str
    title: str
    domain: Domain
    severity: Severity
    basis: Basis
    weight: float
    citations: tuple[Citation, ...]
    remediation: str
    outcome: Outcome
    raw_outcome: Outcome
    decision: Decision | None = None
    locations: tuple[Location, ...] = ()

    @property
    def status(self) -> Status:
        return self.outcome.status

    @property
    def proposed(self) -> bool:
        """A readiness check for the proposed rule: scored apart, never a violation."""
        return self.basis == "proposed"

    @property
    def scored(self) -> bool:
        """Whether the control counts in the HIPAA score (not proposed, not other law)."""
        return self.basis in HIPAA_BASES

    @property
    def decided(self) -> bool:
        """Whether a valid documented decision makes this control compliant."""
        return (
            self.decision is not None
            and self.outcome.status == "pass"
            and self.raw_outcome.status != "pass"
        )


@dataclass(frozen=True)
class DomainScore:
    domain: Domain
    score: float | None
    raw_score: float | None
    weight: float
    controls: int


@dataclass(frozen=True)
class Recommendation:
    """A non-passing control and the points the overall score would gain if it passed.

    `priority` is when to act (from the severity); the list is ranked by risk: severity, then
    legal basis, then gain.
    """

    control_id: str
    title: str
    gain: float
    priority: Priority
    severity: Severity
    basis: Basis
    remediation: str
    citations: tuple[Citation, ...]
    locations: tuple[Location, ...] = ()
    due_in_days: int | None = None
    instances: tuple[str, ...] = ()


@dataclass(frozen=True)
class CapReason:
    """An open finding that holds the band below what the score alone would give."""

    control_id: str
    severity: Severity
    status: Status
    cap: Band
    instances: tuple[str, ...] = ()

    def __str__(self) -> str:
        verb = {"partial": "is only partly met", "error": "could not be evaluated"}.get(
            self.status, "fails"
        )
        where = f" for {_join(self.instances)}" if self.instances else ""
        return f"{self.control_id} ({self.severity}) {verb}{where}"


def _join(words: tuple[str, ...]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Upcoming:
    """Something that will turn within the horizon: a BAA expiring, a review falling due."""

    control_id: str
    on: dt.date
    in_days: int
    message: str
    points: float = 0.0


@dataclass(frozen=True)
class ToDeclare:
    """An applicability key the config leaves out: until it is declared, the controls that
    depend on it cannot tell whether they apply, so they are unscored and listed here."""

    pointer: str
    question: str
    hint: str
    controls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Revision:
    """Where in git a config was read (`check --rev`): the revision asked for, the commit it
    resolved to and the config's blob, so that a report names exactly what it judged."""

    rev: str
    commit: str
    blob: str


@dataclass(frozen=True)
class Assessment:
    """All outcomes for one document at one `as_of`, with scores, band and recommendations.

    `score` honours valid documented decisions; `raw_score` is the score as specified, with
    no decision. `band` is the lower of the band by score (`score_band`) and the cap from open
    findings (`cap_reasons`: a failing or partial critical control caps at red, a failing high
    one at yellow). `readiness` is the score over proposed (NPRM) controls and
    `other_law_score` the one over other laws (DEA, state): both kept apart, so that neither a
    proposed rule nor another law ever moves the HIPAA score.
    """

    source: str
    as_of: dt.date
    profile: str
    score: float | None
    raw_score: float | None
    band: Band | None
    raw_band: Band | None
    score_band: Band | None
    cap_reasons: tuple[CapReason, ...]
    domains: tuple[DomainScore, ...]
    results: tuple[Result, ...]
    recommendations: tuple[Recommendation, ...]
    upcoming: tuple[Upcoming, ...]
    readiness: float | None = None
    readiness_gaps: tuple[Recommendation, ...] = ()
    other_law_score: float | None = None
    other_law_gaps: tuple[Recommendation, ...] = ()
    ledger: tuple[tuple[str, float], ...] = ()
    horizon_days: int = 30
    to_declare: tuple[ToDeclare, ...] = ()
    revision: Revision | None = field(default=None, compare=False)

    @property
    def capped(self) -> bool:
        """Whether open findings hold the band below the band by score."""
        return self.band != self.score_band


