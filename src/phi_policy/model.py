"""The value objects that flow through the pipeline (load, validate, evaluate, report).

They are frozen so that a stage can never change what an earlier stage produced, and so that
the same inputs always give equal results (which the golden-file and property tests rely on).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Domain = Literal["governance", "technical", "administrative", "physical", "privacy"]
DOMAINS: tuple[Domain, ...] = ("governance", "technical", "administrative", "physical", "privacy")
DOMAIN_TITLES: dict[str, str] = {
    "governance": "Organizational governance",
    "technical": "Technical safeguards",
    "administrative": "Administrative safeguards",
    "physical": "Physical safeguards",
    "privacy": "Privacy policies",
}

Severity = Literal["critical", "high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("critical", "high", "medium", "low")
SEVERITY_RANK: dict[str, int] = {"critical": 4, "high": 3, "medium": 2, "low": 1}

Requirement = Literal["required", "addressable"]

Status = Literal["pass", "partial", "fail", "not_applicable", "waived", "error"]
STATUSES: tuple[Status, ...] = ("pass", "partial", "fail", "not_applicable", "waived", "error")

Band = Literal["red", "yellow", "green"]


@dataclass(frozen=True)
class Location:
    """Where a value came from: 1-based line and column in a file."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


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
    """

    as_of: dt.date
    profile: str = "hipaa"


@dataclass(frozen=True)
class Outcome:
    """What one control found.

    `credit` is in [0, 1] (pass 1, fail 0, partial in between) and is None where the control
    does not count (not applicable). `paths` are JSON pointers into the config, so a report can
    point at the YAML lines. `turns_on` is the date on which the status will change by itself
    (a BAA expires, a review falls due), with `turns_why` saying what happens then.
    """

    status: Status
    message: str
    credit: float | None = None
    paths: tuple[str, ...] = ()
    turns_on: dt.date | None = None
    turns_why: str | None = None


@dataclass(frozen=True)
class Waiver:
    """A documented decision not to implement an addressable specification as stated."""

    control: str
    justification: str
    alternative_measure: str
    approved_by: str
    approved_on: str
    expires: str
    pointer: str = ""


@dataclass(frozen=True)
class Result:
    """A control's outcome as scored: the control's metadata, the outcome and its effect."""

    control_id: str
    title: str
    domain: Domain
    severity: Severity
    requirement: Requirement
    weight: float
    citations: tuple[Citation, ...]
    remediation: str
    proposed: bool
    outcome: Outcome
    raw_outcome: Outcome
    waiver: Waiver | None = None
    locations: tuple[Location, ...] = ()

    @property
    def status(self) -> Status:
        return self.outcome.status


@dataclass(frozen=True)
class DomainScore:
    domain: Domain
    score: float | None
    raw_score: float | None
    weight: float
    controls: int


@dataclass(frozen=True)
class Recommendation:
    """A non-passing control and the points the overall score would gain if it passed."""

    control_id: str
    title: str
    gain: float
    priority: Literal["high", "medium", "low"]
    severity: Severity
    remediation: str
    citations: tuple[Citation, ...]
    locations: tuple[Location, ...] = ()
    due_in_days: int | None = None


@dataclass(frozen=True)
class Upcoming:
    """Something that will turn within the horizon: a BAA expiring, a review falling due."""

    control_id: str
    on: dt.date
    in_days: int
    message: str
    points: float = 0.0


@dataclass(frozen=True)
class Assessment:
    """All outcomes for one document at one `as_of`, with scores, band and recommendations.

    `score` honours valid waivers (risk-accepted); `raw_score` counts nothing as waived.
    `readiness` is the score over proposed (NPRM) controls, kept apart so that a proposed rule
    never counts as a violation of the current one.
    """

    source: str
    as_of: dt.date
    profile: str
    score: float | None
    raw_score: float | None
    band: Band | None
    raw_band: Band | None
    capped: bool
    domains: tuple[DomainScore, ...]
    results: tuple[Result, ...]
    recommendations: tuple[Recommendation, ...]
    upcoming: tuple[Upcoming, ...]
    readiness: float | None = None
    readiness_gaps: tuple[Recommendation, ...] = ()
    ledger: tuple[tuple[str, float], ...] = ()
    horizon_days: int = 30
    meta: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class HistoryPoint:
    """One commit that changed the config, and its score then (as_of = the commit's date).

    `score` is None when the config did not load or validate at that commit; `invalid` says why.
    """

    sha: str
    date: dt.date
    author: str
    subject: str
    score: float | None
    band: Band | None
    invalid: str | None = None


@dataclass(frozen=True)
class Interval:
    """A stretch of history during which a control kept one status."""

    status: Status
    since_sha: str
    since_date: dt.date
    author: str
    until_sha: str | None = None
    until_date: dt.date | None = None


@dataclass(frozen=True)
class ControlTimeline:
    """For one control: the intervals in which it passed, failed or was waived, oldest first."""

    control_id: str
    title: str
    intervals: tuple[Interval, ...]
