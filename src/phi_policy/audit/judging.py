"""Judging the config's distinct versions at their dates, in worker processes.

Each distinct version (a blob under a path) is loaded and validated once, however many commits
have it (a version seen again, as after a revert, is not parsed again), and judged at the
committer date of each of them, so a BAA that expired or a review that fell due is judged as it
was when the commit landed. For a version judged at several dates only the date-driven part is
recomputed: the controls that read the date, the decisions' review dates and the scores (see
`evaluate`'s `known`). The versions are judged in worker processes (`jobs`), as fleet mode does,
and each comes back as a small `Verdict` (scores, band, each control's status), not as a full
assessment, so that a history of thousands of versions stays small in memory.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from phi_policy.audit.git_history import Source
from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import Document
from phi_policy.errors import InputError
from phi_policy.model import Assessment, Band, Context, Decision, Outcome, Status
from phi_policy.reporters.problems import dotted

#: Fewer distinct versions than this are judged in this process: starting workers would cost
#: more than they save.
PARALLEL_FROM = 48


class Mark(NamedTuple):
    """One control's outcome in a verdict."""

    control_id: str
    title: str
    status: Status
    credit: float | None


@dataclass(frozen=True)
class Verdict:
    """What history keeps of an assessment: the scores, the band and every control's status
    (what the rows, the timelines and the evidence bundle show), a few KB instead of the
    assessment's tens."""

    score: float | None
    raw_score: float | None
    band: Band | None
    marks: tuple[Mark, ...]

    @classmethod
    def of(cls, assessment: Assessment) -> Verdict:
        return cls(
            assessment.score,
            assessment.raw_score,
            assessment.band,
            tuple(
                Mark(r.control_id, r.title, r.outcome.status, r.outcome.credit)
                for r in assessment.results
            ),
        )


@dataclass(frozen=True)
class Version:
    """A distinct version of the config (its blob, under its path) and the dates it is to be
    judged at: the work of one worker step."""

    blob: str
    path: str
    data: bytes
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class Judged:
    """A version judged: why it is invalid, or its decisions and a verdict per date."""

    invalid: str | None
    decisions: tuple[Decision, ...] = ()
    verdicts: tuple[Verdict, ...] = ()


def plan(source: Source) -> list[Version]:
    """The distinct versions to judge, in order of first appearance, each with its dates."""
    dates: dict[tuple[str, str], set[dt.date]] = {}
    for commit in ([source.before] if source.before else []) + list(source.commits):
        if commit.blob is not None and not commit.link:
            dates.setdefault((commit.blob, commit.path), set()).add(commit.date)
    return [
        Version(blob, path, source.blobs[blob], tuple(sorted(days)))
        for (blob, path), days in dates.items()
    ]


def judge(state: tuple[Catalog, str], version: Version) -> Judged:
    """Load and validate a version once, then judge it at each of its dates, recomputing only
    the date-driven part after the first (module level: a worker process runs it)."""
    from phi_policy.config.decisions import read_decisions
    from phi_policy.pipeline import assess

    catalog, profile = state
    document = _load(version.data, version.path, catalog)
    if isinstance(document, str):
        return Judged(document)
    # Watching which controls read the date only pays when there is a next date.
    known: dict[str, Outcome] | None = {} if len(version.dates) > 1 else None
    verdicts = tuple(
        Verdict.of(assess(document, catalog, Context(day, profile), known=known))
        for day in version.dates
    )
    return Judged(None, tuple(read_decisions(document.data)), verdicts)


def judge_all(
    versions: list[Version],
    catalog: Catalog,
    profile: str,
    *,
    jobs: int | None = 1,
    on_step: Callable[[int], None] | None = None,
) -> list[Judged]:
    """`judge` for every version, in their order, in up to `jobs` worker processes (None: the
    machine's cores; in this process below PARALLEL_FROM versions). `on_step(n)` is called as
    n more versions are judged (a progress bar)."""
    from phi_policy.fleet import workers as pool

    reload = catalog.reloader()
    rebuild = None if reload is None else functools.partial(_state_again, reload, profile)
    return pool.run(judge, versions, (catalog, profile), workers=jobs,
                    min_items=PARALLEL_FROM, rebuild=rebuild, on_done=on_step)


def _state_again(reload: Callable[[], Catalog], profile: str) -> tuple[Catalog, str]:
    """A spawned worker's state: the same catalog, loaded again, and the profile."""
    return reload(), profile


def _load(data: bytes, path: str, catalog: Catalog) -> Document | str:
    """The valid document, or why it is not one: its first problem at file:line:col."""
    from phi_policy.pipeline import load_valid_text

    try:
        return load_valid_text(data, path, catalog)
    except InputError as error:
        if not error.problems:
            return error.message
        first = sorted(error.problems, key=lambda p: (p.location.line, p.location.col))[0]
        where = dotted(first.pointer)
        reason = f"{first.location}: {where + ': ' if where else ''}{first.message}"
        more = len(error.problems) - 1
        return reason + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
