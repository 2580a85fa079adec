"""SARIF 2.1.0: the assessment as static-analysis results, for GitHub code scanning and others.

One run: one rule per control the assessment ran (phi_policy.reporters.sarif_rules, which
says how levels stay honest about the law), and one result per control that costs points or
that a documented decision meets (phi_policy.reporters.sarif_results, with the suppression
and the fingerprint). The run's properties hold the band with the band by score alone and the
reasons it is capped.

Deterministic: keys sorted, no timestamps, paths relative and POSIX; fingerprints hash config
paths, never line numbers.

A fleet (`render_fleet`) is one run with one artifact per config, not one run per config:
GitHub code scanning accepts at most 20 runs in a file and no longer combines several runs of
one tool and category from one upload, while one run holds up to 25,000 results. The rules
are every control any config ran; each result points at its own config's artifact, and its
fingerprint also hashes the config's path, so the same control failing in two sites is two
alerts. An invalid config is a result of its own rule, `phi-policy/invalid-config`, at its
first problem. Each artifact carries its config's score, band and cap reasons in its
properties, the run the fleet's mean, minimum and bands.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from phi_policy import __version__
from phi_policy.model import Assessment, Result
from phi_policy.model.fleet import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.sarif_results import (
    FINGERPRINT_KEY,
    artifact_uri,
    fleet_fingerprint,
    invalid_result,
    result,
)
from phi_policy.reporters.sarif_rules import INVALID_RULE, invalid_rule, rule

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/phi-policy/phi-policy"

#: The statuses that become results (and results met by a decision, with a suppression).
REPORTED = frozenset({"fail", "partial", "error"})


def _gains(a: Assessment) -> dict[str, float]:
    return {x.control_id: x.gain for x in (*a.recommendations, *a.readiness_gaps)}


def _artifacts(a: Assessment) -> dict[str, int]:
    """Every file a result points at, the config first, each with its index."""
    files = {loc.file for r in a.results for loc in r.locations} - {a.source}
    return {path: i for i, path in enumerate([a.source, *sorted(files)])}


def _artifact(path: str) -> dict[str, Any]:
    uri, base = artifact_uri(path)
    location: dict[str, Any] = {"uri": uri}
    if base:
        location["uriBaseId"] = base
    return {"location": location, "roles": ["analysisTarget"], "mimeType": "application/yaml"}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _notifications(a: Assessment, indexes: dict[str, int]) -> list[dict[str, Any]]:
    """Controls that raised: the run went on, but they could not decide."""
    return [
        {
            "level": "error",
            "message": {"text": f"{r.control_id} could not decide: {r.outcome.message}"},
            "associatedRule": {"id": r.control_id, "index": indexes[r.control_id]},
        }
        for r in a.results
        if r.status == "error"
    ]


def _reported(r: Result) -> bool:
    """Whether a result is a SARIF result: it costs points, or a decision met it."""
    return r.status in REPORTED or r.decided


def sarif_log(assessment: Assessment, only: Iterable[str] | None = None) -> dict[str, Any]:
    """The SARIF log as data; `only` keeps the results of those control ids (diff: regressions).

    Every control stays a rule either way, so rule indexes do not depend on `only`.
    """
    a = assessment
    keep = None if only is None else set(only)
    indexes = {r.control_id: i for i, r in enumerate(a.results)}
    artifacts = _artifacts(a)
    gains = _gains(a)
    results = [
        result(r, indexes[r.control_id], artifacts, a.source, gains.get(r.control_id))
        for r in a.results
        if _reported(r) and (keep is None or r.control_id in keep)
    ]
    run = {
        "tool": _tool([rule(r) for r in a.results]),
        "artifacts": [_artifact(path) for path in artifacts],
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(_notifications(a, indexes))],
        "results": results,
        "properties": {
            "as_of": a.as_of.isoformat(),
            "profile": a.profile,
            "score": _round(a.score),
            "raw_score": _round(a.raw_score),
            "band": a.band,
            "score_band": a.score_band,
            "raw_band": a.raw_band,
            "capped": a.capped,
            "cap_reasons": [str(reason) for reason in a.cap_reasons],
            "readiness": _round(a.readiness),
            "other_law_score": _round(a.other_law_score),
            "domains": {d.domain: _round(d.score) for d in a.domains},
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    return json.dumps(sarif_log(assessment), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- a fleet: one run, one artifact per config ---------------------------------------------


def _config_artifact(row: Row) -> dict[str, Any]:
    artifact = _artifact(row.path)
    artifact["properties"] = (
        {"valid": True, "score": _round(row.score), "raw_score": _round(row.raw_score),
         "band": row.band, "raw_band": row.raw_band, "capped": row.capped,
         "cap_reasons": list(row.cap_reasons)}
        if row.valid
        else {"valid": False, "problems": row.problems}
    )
    return artifact


def fleet_log(fleet: Fleet) -> dict[str, Any]:
    """The SARIF log of a fleet (module docstring). Needs each row's assessment."""
    examples: dict[str, Result] = {}
    for a in fleet.assessments:
        for r in a.results:
            examples.setdefault(r.control_id, r)
    ids = sorted(examples)
    rules = [rule(examples[cid]) for cid in ids]
    indexes = {cid: i for i, cid in enumerate(ids)}
    invalid = [row for row in fleet.rows if not row.valid]
    if invalid:
        indexes[INVALID_RULE] = len(rules)
        rules.append(invalid_rule())
    configs = [row.path for row in fleet.rows]
    others = {loc.file for a in fleet.assessments for r in a.results for loc in r.locations}
    artifacts = {p: i for i, p in enumerate([*configs, *sorted(others - set(configs))])}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for row in fleet.rows:
        if row.assessment is None:
            if not row.valid:
                results.append(invalid_result(row, indexes[INVALID_RULE], artifacts))
            continue
        a = row.assessment
        gains = _gains(a)
        for r in a.results:
            if not _reported(r):
                continue
            found = result(r, indexes[r.control_id], artifacts, a.source, gains.get(r.control_id))
            found["partialFingerprints"] = {FINGERPRINT_KEY: fleet_fingerprint(a.source, r)}
            results.append(found)
        for note in _notifications(a, indexes):
            note["message"]["text"] = f"{a.source}: {note['message']['text']}"
            notifications.append(note)
    s = fleet.summary
    run = {
        "tool": _tool(rules),
        "artifacts": [
            _config_artifact(row) for row in fleet.rows
        ] + [_artifact(path) for path in list(artifacts)[len(configs):]],
        "columnKind": "unicodeCodePoints",
        "invocations": [_invocation(notifications)],
        "results": results,
        "properties": {
            "as_of": fleet.as_of.isoformat(),
            "profile": fleet.profile,
            "configs": s.configs,
            "invalid": s.invalid,
            "mean": _round(s.mean),
            "min": _round(s.minimum),
            "bands": dict(s.bands),
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def _tool(rules: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "driver": {
            "name": "phi-policy",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": INFORMATION_URI,
            "rules": rules,
        }
    }


def _invocation(notifications: list[dict[str, Any]]) -> dict[str, Any]:
    """The run's invocation: it succeeded; a control that could not decide is a notification."""
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return invocation


def render_fleet(fleet: Fleet, options: RenderOptions | None = None) -> str:
    return json.dumps(fleet_log(fleet), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
