"""Fleet mode: many configs assessed at once, in worker processes, and summed up as one fleet.

A health system keeps one config per site. Each config is loaded, validated and evaluated on
its own (the same pipeline as a single `check`), and comes back as a small Row: its scores,
band, failing controls, the fix worth most, or, for an invalid config, its first problem. An
invalid config is a row, never a crash. Rows are kept in sorted path order whatever order the
workers finish in, so the same fleet always gives the same report.

Workers: `jobs` processes (phi_policy.fleet.workers). Each has the control catalog loaded once (a
forked worker inherits the parent's) and builds the schema validator once (phi_policy
.config.schema caches it per process). Ctrl-C stops the workers and the run; no report is
written, since reports are written only once every row is in.

The full Assessment of each config crosses back from a worker only when a format needs every
result (SARIF, JUnit, GitHub annotations): a row is a few hundred bytes, an assessment some
60 KB, which matters for a fleet of thousands.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import Any

from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import display_path
from phi_policy.engine.gates import failing_gates
from phi_policy.errors import InputError
from phi_policy.model import SEVERITY_RANK, Assessment, Band, Context, Location, Problem
from phi_policy.model.fleet import Failing, Fleet, Gap, Row, Spread, Summary
from phi_policy.pipeline import assess, load_valid
from phi_policy.reporters import RenderOptions, registry

#: The statuses that make a control "failing" in a site (what --fail-on gates on).
FAILING = frozenset({"fail", "error"})
BANDS: tuple[Band, ...] = ("red", "yellow", "green")



@dataclass(frozen=True)
class Settings:
    """How every config of the fleet is assessed and gated."""

    as_of: dt.date
    profile: str = "hipaa"
    horizon: int = 30
    fail_under: float | None = None
    fail_on: str | None = None
    keep_assessments: bool = False


def render(fmt: str, fleet: Fleet, options: RenderOptions | None = None) -> str:
    """The fleet report in `fmt` (a fleet format of phi_policy.reporters.registry)."""
    return registry.render("fleet", fmt, fleet, options or RenderOptions())


# --- one config ---------------------------------------------------------------------------------


def assess_path(path: str | os.PathLike[str], settings: Settings, catalog: Catalog) -> Row:
    """Load, validate, evaluate and gate one config; an invalid one is a row, not an error."""
    try:
        document = load_valid(path, catalog)
    except InputError as error:
        return invalid_row(display_path(path), error)
    assessment = assess(
        document,
        catalog,
        Context(as_of=settings.as_of, profile=settings.profile),
        horizon_days=settings.horizon,
    )
    gates = failing_gates(assessment, fail_under=settings.fail_under, fail_on=settings.fail_on)
    return row_of(assessment, gates, keep=settings.keep_assessments)


def row_of(assessment: Assessment, gates: Sequence[str] = (), *, keep: bool = False) -> Row:
    a = assessment
    # Only the HIPAA score's controls: proposed-rule and other-law checks are reported apart.
    current = [r for r in a.results if r.scored]
    first = a.recommendations[0] if a.recommendations else None
    return Row(
        path=a.source,
        score=a.score,
        raw_score=a.raw_score,
        band=a.band,
        raw_band=a.raw_band,
        capped=a.capped,
        cap_reasons=tuple(str(reason) for reason in a.cap_reasons),
        failing=tuple(
            Failing(r.control_id, r.title, r.severity) for r in current if r.status in FAILING
        ),
        partial=sum(1 for r in current if r.status == "partial"),
        top_gap=Gap(first.control_id, first.title, first.gain) if first else None,
        gates=tuple(gates),
        assessment=a if keep else None,
    )


def invalid_row(path: str, error: InputError) -> Row:
    problems = error.problems or (Problem(Location(path, 1, 1), error.message),)
    return Row(path=path, problem=problems[0], problems=len(problems))


# --- the fleet ----------------------------------------------------------------------------------


def summarize(rows: Sequence[Row]) -> Summary:
    """Mean, minimum, bands, and every failing control with the sites where it fails (the
    most widespread first, then by severity and id)."""
    scored = [row for row in rows if row.score is not None]
    scores = [row.score for row in rows if row.score is not None]
    minimum = min(scores, default=None)
    bands: dict[str, int] = dict.fromkeys(BANDS, 0)
    for row in scored:
        if row.band is not None:
            bands[row.band] += 1
    where: dict[str, list[str]] = {}
    about: dict[str, Failing] = {}
    for row in rows:
        for failing in row.failing:
            where.setdefault(failing.control_id, []).append(row.path)
            about.setdefault(failing.control_id, failing)
    spread = sorted(
        (
            Spread(cid, about[cid].title, about[cid].severity, tuple(sorted(paths)))
            for cid, paths in where.items()
        ),
        key=lambda s: (-s.sites, -SEVERITY_RANK.get(s.severity, 0), s.control_id),
    )
    return Summary(
        configs=len(rows),
        invalid=sum(1 for row in rows if not row.valid),
        scored=len(scored),
        mean=fmean(scores) if scores else None,
        minimum=minimum,
        lowest=tuple(sorted(row.path for row in scored if row.score == minimum)),
        bands=bands,
        spread=tuple(spread),
    )


def run(
    paths: Sequence[str | os.PathLike[str]],
    settings: Settings,
    catalog: Catalog,
    *,
    jobs: int | None = 1,
) -> Fleet:
    """Assess every config (in `jobs` worker processes, None: the machine's cores), in path
    order."""
    from phi_policy.fleet import workers

    ordered = sorted({display_path(p): p for p in paths}.items())
    files = [p for _, p in ordered]
    rows = workers.run(_work, files, (settings, catalog), workers=jobs, chunk=1,
                       rebuild=_rebuild(settings, catalog))
    return Fleet(tuple(rows), summarize(rows), settings.as_of, settings.profile, settings.horizon)


# --- workers ------------------------------------------------------------------------------------


def _rebuild(settings: Settings, catalog: Catalog) -> Callable[[], Any] | None:
    """How a spawned worker makes its state: the settings, and the catalog loaded once."""
    reload = catalog.reloader()
    return None if reload is None else functools.partial(_with_catalog, settings, reload)


def _with_catalog(
    settings: Settings, reload: Callable[[], Catalog]
) -> tuple[Settings, Catalog]:
    return settings, reload()


def _work(state: tuple[Settings, Catalog], path: str | os.PathLike[str]) -> Row:
    settings, catalog = state
    return assess_path(path, settings, catalog)
