"""The fleet report as JSON, following schemas/fleet-report.schema.json.

Configs stay in path order, so that two runs over a changing fleet diff cleanly, and each
carries its `rank` in the order of attention (1: the site that needs attention first, as the
text report lists them). Deterministic like the single report: keys sorted, numbers rounded
to two decimals, no timestamps, so --jobs 1 and --jobs 8 give the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from phi_policy import __version__
from phi_policy.model.fleet import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.problems import dotted, problem_line

FLEET_SCHEMA_ID = "https://phi-policy.dev/schemas/fleet-report/v1.json"


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _config(row: Row, rank: int) -> dict[str, Any]:
    p = row.problem
    gap = row.top_gap
    return {
        "path": row.path,
        "rank": rank,
        "valid": row.valid,
        "score": _num(row.score),
        "raw_score": _num(row.raw_score),
        "band": row.band,
        "raw_band": row.raw_band,
        "capped": row.capped,
        "failing": len(row.failing),
        "failing_controls": [f.control_id for f in row.failing],
        "partial": row.partial,
        "top_gap": None
        if gap is None
        else {"id": gap.control_id, "title": gap.title, "gain": _num(gap.gain)},
        "problem": None
        if p is None
        else {
            "file": p.location.file,
            "line": p.location.line,
            "col": p.location.col,
            "pointer": p.pointer,
            "path": dotted(p.pointer),
            "message": p.message,
            "hint": p.hint,
            "text": problem_line(row.problem),
        },
        "problems": row.problems,
    }


def report_dict(fleet: Fleet) -> dict[str, Any]:
    s = fleet.summary
    ranks = fleet.ranks()
    return {
        "$schema": FLEET_SCHEMA_ID,
        "tool": {"name": "phi-policy", "version": __version__},
        "as_of": fleet.as_of.isoformat(),
        "profile": fleet.profile,
        "horizon_days": fleet.horizon_days,
        "summary": {
            "configs": s.configs,
            "valid": s.configs - s.invalid,
            "invalid": s.invalid,
            "scored": s.scored,
            "unscored": s.unscored,
            "mean": _num(s.mean),
            "min": _num(s.minimum),
            "lowest": list(s.lowest),
            "bands": dict(s.bands),
        },
        "configs": [_config(row, ranks[row.path]) for row in fleet.rows],
        "top_failing": [
            {
                "id": item.control_id,
                "title": item.title,
                "severity": item.severity,
                "sites": item.sites,
                "configs": list(item.configs),
            }
            for item in s.spread
        ],
    }


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    return json.dumps(report_dict(fleet), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
