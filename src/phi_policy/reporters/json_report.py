"""The JSON report: the assessment as data for tools, following schemas/report.schema.json.

Deterministic: keys sorted, numbers rounded to two decimals, no timestamps, so that the same
input gives byte-identical output (golden files, evidence verification).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from phi_policy import __version__
from phi_policy.engine.scoring import band
from phi_policy.model import (
    DOMAIN_TITLES,
    PRIORITY_DAYS,
    STATUSES,
    Assessment,
    Citation,
    Decision,
    Location,
    Recommendation,
    Result,
)
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.problems import dotted

REPORT_SCHEMA_ID = "https://phi-policy.dev/schemas/report/v2.json"


def _num(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _citation(c: Citation) -> dict[str, Any]:
    return {
        "framework": c.framework, "section": c.section, "title": c.title,
        "requirement": c.requirement,
    }


def _location(loc: Location) -> dict[str, Any]:
    return {"file": loc.file, "line": loc.line, "col": loc.col}


def _result(r: Result) -> dict[str, Any]:
    out = r.outcome
    return {
        "id": r.control_id,
        "title": r.title,
        "domain": r.domain,
        "severity": r.severity,
        "basis": r.basis,
        "weight": r.weight,
        "status": out.status,
        "instances": list(out.instances),
        "credit": out.credit,
        "message": out.message,
        "raw_status": r.raw_outcome.status,
        "raw_message": r.raw_outcome.message,
        "paths": list(out.paths),
        "locations": [_location(loc) for loc in r.locations],
        "citations": [_citation(c) for c in r.citations],
        "remediation": r.remediation,
        "turns_on": out.turns_on.isoformat() if out.turns_on else None,
        "decision": None if r.decision is None else _decision(r.decision),
    }


def _decision(d: Decision) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "instances": list(d.instances),
        "value": d.value,
        "reason": d.reason,
        "alternative_measure": d.alternative_measure,
        "approved_by": d.approved_by,
        "approved_on": d.approved_on,
        "review_by": d.review_by,
        "pointer": d.pointer,
        "deprecated_waiver": d.legacy,
    }


def _recommendations(items: Iterable[Recommendation]) -> list[dict[str, Any]]:
    return [
        {
            "id": x.control_id,
            "title": x.title,
            "gain": _num(x.gain),
            "priority": x.priority,
            "act_within_days": PRIORITY_DAYS[x.priority],
            "severity": x.severity,
            "basis": x.basis,
            "instances": list(x.instances),
            "remediation": x.remediation,
            "citations": [c.section for c in x.citations],
            "locations": [_location(loc) for loc in x.locations],
            "due_in_days": x.due_in_days,
        }
        for x in items
    ]


def report_dict(a: Assessment) -> dict[str, Any]:
    """The report as plain data (also the base of other machine formats)."""
    summary = {status: 0 for status in STATUSES}
    for r in a.results:
        if r.scored:
            summary[r.outcome.status] += 1
    return {
        "$schema": REPORT_SCHEMA_ID,
        "tool": {"name": "phi-policy", "version": __version__},
        "source": a.source,
        "as_of": a.as_of.isoformat(),
        "profile": a.profile,
        "score": _num(a.score),
        "raw_score": _num(a.raw_score),
        "band": a.band,
        "raw_band": a.raw_band,
        "score_band": a.score_band,
        "capped": a.capped,
        "cap_reasons": [
            {"id": x.control_id, "severity": x.severity, "status": x.status, "cap": x.cap,
             "instances": list(x.instances), "text": str(x)}
            for x in a.cap_reasons
        ],
        "readiness": _num(a.readiness),
        "other_law_score": _num(a.other_law_score),
        "horizon_days": a.horizon_days,
        "summary": summary,
        "domains": [
            {
                "domain": d.domain,
                "title": DOMAIN_TITLES[d.domain],
                "score": _num(d.score),
                "raw_score": _num(d.raw_score),
                "band": band(d.score),
                "weight": d.weight,
                "controls": d.controls,
            }
            for d in a.domains
        ],
        "recommendations": _recommendations(a.recommendations),
        "readiness_gaps": _recommendations(a.readiness_gaps),
        "other_law_gaps": _recommendations(a.other_law_gaps),
        "upcoming": [
            {"id": u.control_id, "on": u.on.isoformat(), "in_days": u.in_days, "message": u.message,
             "points": _num(u.points)}
            for u in a.upcoming
        ],
        "ledger": [{"id": cid, "points": _num(points)} for cid, points in a.ledger],
        "to_declare": [
            {"pointer": x.pointer, "key": dotted(x.pointer), "question": x.question,
             "hint": x.hint, "controls": list(x.controls)}
            for x in a.to_declare
        ],
        "results": [_result(r) for r in a.results],
    }


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    return json.dumps(report_dict(assessment), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
