"""The evidence bundle's contents, computed from a judged history: every file but the manifest.

evidence.json holds every commit that changed the config in the audit period, with its git
facts, score and every outcome; the control timelines; the flags an auditor should look at;
the tool and catalog versions. assessment.json is the posture at the end of the period, as
`check --format json` writes it, and report.html the same with the history and timelines, when
the HTML reporter is installed. Computing them is pure, so the writer (`evidence`) and the
verifier (`verify`, which recomputes them from the repository) get the same bytes from the
same history: nothing depends on the clock, the period and every `as_of` come from the commits
and the options.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from phi_policy import __version__
from phi_policy.audit import timelines as timelines_
from phi_policy.audit.catalog_digest import catalog_version
from phi_policy.audit.flags import Flag, flags
from phi_policy.audit.history import History, Row
from phi_policy.audit.judging import Verdict
from phi_policy.audit.manifest import ASSESSMENT, EVIDENCE, REPORT, json_text
from phi_policy.catalog.packs import Catalog
from phi_policy.model import Assessment, Context, ControlTimeline
from phi_policy.reporters.history import row_dict, timeline_dict

EVIDENCE_SCHEMA_ID = "https://phi-policy.dev/schemas/evidence/v1.json"


@dataclass(frozen=True)
class Repo:
    """The repository facts the bundle records: the head commit, its date, the branch, and
    whether the clone was shallow (read with --allow-shallow: the history is cut)."""

    head: str
    head_date: dt.date
    branch: str | None
    shallow: bool = False


def current(history: History) -> Row | None:
    """The last valid version in the period (or before it), to be judged at the period's end."""
    rows = ([history.before] if history.before else []) + list(history.rows)
    valid = [r for r in rows if r.verdict is not None]
    return valid[-1] if valid else None


def outcomes(verdict: Verdict) -> list[dict[str, Any]]:
    return [
        {"control": m.control_id, "status": m.status, "credit": m.credit}
        for m in verdict.marks
    ]


def commit_entry(row: Row) -> dict[str, Any]:
    entry = row_dict(row)
    entry["outcomes"] = outcomes(row.verdict) if row.verdict else []
    return entry


def evidence_dict(
    history: History,
    timelines: Sequence[ControlTimeline],
    found: Sequence[Flag],
    catalog: Catalog,
    repo: Repo,
    *,
    as_of: dt.date,
    assessment: Assessment | None,
    current_row: Row | None,
    require_signed: bool,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """evidence.json as data (schemas/evidence.schema.json). `today` is the date the run took
    as today (commits dated after it are flagged future_date), recorded so that `verify`
    judges the dates against the same day."""
    return {
        "$schema": EVIDENCE_SCHEMA_ID,
        "tool": {"name": "phi-policy", "version": __version__},
        "catalog": {
            "sha256": catalog_version(catalog),
            "controls": len(catalog.controls),
            "packs": list(catalog.packs),
        },
        "profile": history.profile,
        "repository": {
            "head": repo.head,
            "branch": repo.branch,
            "config": history.path,
            "first_parent": history.first_parent,
            **({"shallow": True} if repo.shallow else {}),
        },
        "period": {
            "since": history.since.isoformat() if history.since else None,
            "until": history.until.isoformat() if history.until else None,
            **({"today": today.isoformat()} if today is not None else {}),
        },
        "require_signed": require_signed,
        "current": None
        if assessment is None or current_row is None
        else {
            "file": ASSESSMENT,
            "commit": current_row.commit.sha,
            "path": current_row.commit.path,
            "blob": current_row.commit.blob,
            "as_of": as_of.isoformat(),
            "score": _two(assessment.score),
            "raw_score": _two(assessment.raw_score),
            "band": assessment.band,
        },
        "before": commit_entry(history.before) if history.before else None,
        "commits": [commit_entry(r) for r in history.rows],
        "timelines": [timeline_dict(t) for t in timelines],
        "flags": [{"kind": f.kind, "commit": f.commit, "message": f.message} for f in found],
    }


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0


def bundle(
    history: History,
    catalog: Catalog,
    repo: Repo,
    *,
    require_signed: bool = False,
    today: dt.date | None = None,
) -> dict[str, str]:
    """Every file of the bundle but the manifest: name -> text. Pure given the history (built
    with the same `today`, which evidence.json records)."""
    from phi_policy.pipeline import assess
    from phi_policy.reporters import json_report

    as_of = history.until or repo.head_date
    row = current(history)
    assessment = None
    document = history.document(row) if row is not None else None
    if document is not None:
        assessment = assess(document, catalog, Context(as_of, history.profile))
    steps = history.steps()
    timelines = timelines_.build(steps)
    found = flags(history, require_signed=require_signed)
    files = {
        EVIDENCE: json_text(evidence_dict(
            history, timelines, found, catalog, repo, as_of=as_of, assessment=assessment,
            current_row=row, require_signed=require_signed, today=today,
        ))
    }
    if assessment is not None:
        files[ASSESSMENT] = json_report.render(assessment)
        html = _html()
        if html is not None:
            files[REPORT] = html(assessment, None, history=history.points(), timelines=timelines)
    return files


def _html() -> Callable[..., str] | None:
    """The HTML reporter's render, when this installation has it."""
    try:
        from phi_policy.reporters import html
    except ModuleNotFoundError as error:
        if error.name != "phi_policy.reporters.html":
            raise
        return None
    render: Callable[..., str] = html.render
    return render
