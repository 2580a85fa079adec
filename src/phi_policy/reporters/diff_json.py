"""The JSON report of `phi-policy diff`: the Delta as data for tools and dashboards.

Deterministic: keys sorted, numbers rounded to two decimals, no timestamps. The two full
assessments are not repeated here (`phi-policy check --rev REV --format json` gives either);
the sides carry their scores, bands and the commit each was read from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from phi_policy import __version__
from phi_policy.engine import rounding
from phi_policy.model import Assessment, Location
from phi_policy.model.delta import (
    ControlChange,
    DecisionChange,
    Delta,
    GateSettings,
    RuleChange,
    Side,
)
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.diff_wording import describe


def shown_number(value: float | None) -> float | None:
    """A score or points as the reports show them (two decimals, never -0.0), or null."""
    return None if value is None else round(value, 2) + 0.0


def _score_change(base: float | None, head: float | None) -> float | None:
    """The change between the two-decimal scores, as the --max-drop gate compares them."""
    return rounding.change(base, head)


def _location(loc: Location | None) -> dict[str, Any] | None:
    return None if loc is None else {"file": loc.file, "line": loc.line, "col": loc.col}


def _side(side: Side, a: Assessment) -> dict[str, Any]:
    return {
        "label": side.label,
        "path": side.path,
        "rev": side.rev,
        "commit": side.commit,
        "score": shown_number(a.score),
        "raw_score": shown_number(a.raw_score),
        "band": a.band,
        "raw_band": a.raw_band,
        "readiness": shown_number(a.readiness),
    }


def _change(ch: ControlChange) -> dict[str, Any]:
    return {
        "id": ch.control_id,
        "title": ch.title,
        "domain": ch.domain,
        "severity": ch.severity,
        "kind": ch.kind,
        "base_status": ch.base_status,
        "head_status": ch.head_status,
        "base_credit": shown_number(ch.base_credit),
        "head_credit": shown_number(ch.head_credit),
        "points": shown_number(ch.points),
        "newly_failing": ch.newly_failing,
        "finding": ch.finding,
        "values": [{"path": v.pointer, "base": v.base, "head": v.head} for v in ch.values],
        "locations": [_location(loc) for loc in ch.locations],
        "citations": [c.section for c in ch.citations],
        "line": describe(ch),
    }


def _decision(w: DecisionChange) -> dict[str, Any]:
    return {
        "control": w.control,
        "kind": w.kind,
        "decision_kind": w.decision.kind,
        "instances": list(w.decision.instances),
        "value": w.decision.value,
        "approved_by": w.decision.approved_by,
        "approved_on": w.decision.approved_on,
        "review_by": w.decision.review_by,
        "alternative_measure": w.decision.alternative_measure,
        "reason": w.decision.reason,
        "fields": list(w.fields),
        "location": _location(w.location),
        "expired": w.expired,
        "author": w.author,
        "author_commit": w.author_commit,
        "self_approved": w.self_approved,
    }


def diff_dict(delta: Delta) -> dict[str, Any]:
    """The delta as plain data."""
    return {
        "report": "diff",
        "tool": {"name": "phi-policy", "version": __version__},
        "as_of": delta.head.as_of.isoformat(),
        "profile": delta.head.profile,
        "base": _side(delta.base_side, delta.base),
        "head": _side(delta.head_side, delta.head),
        "score_change": _score_change(delta.base.score, delta.head.score),
        "raw_score_change": _score_change(delta.base.raw_score, delta.head.raw_score),
        "notes": list(delta.notes),
        "domains": [
            {
                "domain": d.domain,
                "base": shown_number(d.base),
                "head": shown_number(d.head),
                "change": shown_number(d.change),
            }
            for d in delta.domains
        ],
        "changes": [_change(ch) for ch in delta.changes],
        "decisions": [_decision(w) for w in delta.decisions],
        "rule_changes": [rule_change_dict(r) for r in delta.rule_changes],
        "gate": gate_dict(delta.gate, delta.failures),
    }


def rule_change_dict(r: RuleChange) -> dict[str, Any]:
    return {"kind": r.kind, "path": r.path, "status": r.status, "old_path": r.old_path,
            "note": r.note}


def gate_dict(gate: GateSettings, failures: Sequence[str]) -> dict[str, Any]:
    """The gates asked for, and the failures (none: passed)."""
    return {
        "passed": not failures,
        "failures": list(failures),
        "max_drop": gate.max_drop,
        "fail_on_regression": gate.fail_on_regression,
        "fail_on_band_change": gate.fail_on_band_change,
    }


def render(delta: Delta, options: RenderOptions | None = None) -> str:
    return json.dumps(diff_dict(delta), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
