"""What fleet mode found: one small row per config, and the fleet summed up.

A row is a few hundred bytes, so that thousands of them cross back from worker processes
cheaply (phi_policy.fleet.assess); the full assessment rides along only when a format needs it.
Rows are kept in path order and ranked by need, so the same fleet always gives the same report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from phi_policy.model.assessment import Assessment, Problem
from phi_policy.model.terms import Band


@dataclass(frozen=True)
class Gap:
    """The fix worth most points in a site: its first recommendation."""

    control_id: str
    title: str
    gain: float


@dataclass(frozen=True)
class Failing:
    """A current-rule control that fails (or could not decide) in a site."""

    control_id: str
    title: str
    severity: str


@dataclass(frozen=True)
class Row:
    """One config of the fleet: its scores, or the first problem that made it invalid.

    `gates` holds the messages of the per-config gates (--fail-under, --fail-on) it fails.
    `band` is the band the assessment shows (capped by open critical and high findings);
    `capped` and `cap_reasons` ("GOV-005 (critical) fails for Acme") say when and why it is
    below the band by score, so that a fleet report never shows a band without its reason.
    """

    path: str
    score: float | None = None
    raw_score: float | None = None
    band: Band | None = None
    raw_band: Band | None = None
    capped: bool = False
    cap_reasons: tuple[str, ...] = ()
    failing: tuple[Failing, ...] = ()
    partial: int = 0
    top_gap: Gap | None = None
    problem: Problem | None = None
    problems: int = 0
    gates: tuple[str, ...] = ()
    assessment: Assessment | None = None

    @property
    def valid(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class Spread:
    """A control and the sites in which it fails."""

    control_id: str
    title: str
    severity: str
    configs: tuple[str, ...]

    @property
    def sites(self) -> int:
        return len(self.configs)


@dataclass(frozen=True)
class Summary:
    """The fleet in numbers. Mean and minimum are over the configs that have a score."""

    configs: int
    invalid: int
    scored: int
    mean: float | None
    minimum: float | None
    lowest: tuple[str, ...]
    bands: dict[str, int]
    spread: tuple[Spread, ...]

    @property
    def unscored(self) -> int:
        """Valid configs with no applicable control, hence no score."""
        return self.configs - self.invalid - self.scored


@dataclass(frozen=True)
class Fleet:
    """Every config's row, in path order, and the summary."""

    rows: tuple[Row, ...]
    summary: Summary
    as_of: dt.date
    profile: str
    horizon_days: int = 30

    def attention(self) -> list[Row]:
        """The rows with the sites that need attention first: invalid configs, then configs
        with no score, then the lowest scores (ties in path order)."""
        return sorted(self.rows, key=_need)

    def ranks(self) -> dict[str, int]:
        """Path -> its place (1 first) in `attention()`."""
        return {row.path: rank for rank, row in enumerate(self.attention(), 1)}

    @property
    def folder(self) -> str:
        """The folder every config is in ("examples/fleet/"), or "" when they share none:
        the human-readable reports name the configs relative to it."""
        parents = [PurePosixPath(row.path).parent.parts for row in self.rows]
        common = parents[0] if parents else ()
        for parts in parents[1:]:
            size = next((i for i, (a, b) in enumerate(zip(common, parts, strict=False)) if a != b),
                        min(len(common), len(parts)))
            common = common[:size]
        if not common or common == ("/",):
            return ""
        return PurePosixPath(*common).as_posix().rstrip("/") + "/"

    def short(self, path: str) -> str:
        """`path` relative to `folder`."""
        folder = self.folder
        return path[len(folder):] if folder and path.startswith(folder) else path

    @property
    def assessments(self) -> list[Assessment]:
        return [row.assessment for row in self.rows if row.assessment is not None]


def _need(row: Row) -> tuple[int, float, str]:
    if not row.valid:
        return (0, 0.0, row.path)
    if row.score is None:
        return (1, 0.0, row.path)
    return (2, round(row.score, 9), row.path)
