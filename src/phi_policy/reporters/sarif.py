"""SARIF 2.1.0: the assessment as static-analysis results, for GitHub code scanning and others.

One run, one rule per control the assessment ran (id, CamelCase name, help with the legal
basis, the citations and the remediation, severity as level and as GitHub's
`security-severity`), and one result per control that costs points: fail, partial and error,
plus those met by a documented decision, which carry the finding as specified with an external
suppression (status accepted, the decision as justification: that is what SARIF suppressions
are for, so a scanner shows the finding as dismissed by a decision rather than hiding it). A
result points at every YAML value its control looked at: the control passes only once each of
them is fixed.

Levels are honest about the law. An `error` is a gap in what HIPAA itself demands: a required
or addressable specification of critical or high severity. A benchmark (a best-practice
number) and another law's requirement (DEA, state law) are never HIPAA violations, so they
stop at `warning` (critical, high) or `note` (medium, low); a proposed-rule (NPRM) readiness
gap is always a `note`. `security-severity` still follows the gap's risk (its severity),
since a benchmark gap can be as dangerous as a required one; `problem.severity` follows the
level. Every rule carries its `basis` as a property and a tag, and its full description says
it in words ("benchmark, not a HIPAA requirement"). The run's properties hold the band with
the band by score alone and the reasons it is capped.

Deterministic: keys sorted, no timestamps, paths relative and POSIX; a result's
`partialFingerprints` hash the control id and the config paths it is about, not line numbers,
so an alert keeps its identity when lines move.

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

import hashlib
import json
import posixpath
import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from phi_policy import __version__
from phi_policy.config.decisions import KIND_WORDS
from phi_policy.model import BASIS_WORDS, Assessment, Citation, Fleet, Location, Result, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.markdown import escape as md
from phi_policy.reporters.problems import problem_line
from phi_policy.reporters.wording import OTHER_LAW_LABEL

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://github.com/phi-policy/phi-policy"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "phiPolicyFinding/v1"
NPRM_NOTE = "Proposed rule (NPRM 2025, not in force)"

#: The statuses that become results (and results met by a decision, with a suppression).
REPORTED = frozenset({"fail", "partial", "error"})

#: Level by severity, for a gap in what HIPAA demands (basis required or addressable).
LEVELS: dict[str, str] = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
#: Level by severity for a benchmark or another law's requirement: never a HIPAA `error`.
NON_HIPAA_LEVELS: dict[str, str] = {
    "critical": "warning", "high": "warning", "medium": "note", "low": "note"
}
#: The bases whose gaps are not HIPAA violations, and what a message about one starts with.
MESSAGE_PREFIX: dict[str, str] = {
    "benchmark": "Benchmark, not a HIPAA requirement",
    "proposed": NPRM_NOTE,
    "other_law": OTHER_LAW_LABEL[0].upper() + OTHER_LAW_LABEL[1:],
}
#: GitHub ranks security alerts by this number: >= 9.0 critical, >= 7.0 high, >= 4.0 medium.
SECURITY_SEVERITY: dict[str, str] = {
    "critical": "9.0",
    "high": "7.0",
    "medium": "5.0",
    "low": "3.0",
}
#: GitHub's `problem.severity` for each SARIF level.
PROBLEM_SEVERITY: dict[str, str] = {
    "error": "error",
    "warning": "warning",
    "note": "recommendation",
}

_WORD = re.compile(r"[A-Za-z0-9]+")


def camel(title: str) -> str:
    """"Automatic logoff after 15 minutes" -> "AutomaticLogoffAfter15Minutes" (a rule name)."""
    return "".join(word[0].upper() + word[1:] for word in _WORD.findall(title))


def artifact_uri(path: str) -> tuple[str, str | None]:
    """A config path as a SARIF URI and its base: relative POSIX under %SRCROOT%, else file://."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri(), None
    posix = posixpath.normpath(pure.as_posix())
    return quote(posix, safe="/"), SRCROOT


def fingerprint(result: Result) -> str:
    """A hash of the control id and the config paths it found wrong (never line numbers).

    The raw outcome's paths are used, so a finding keeps its identity when a decision is added.
    """
    paths = sorted(set(result.raw_outcome.paths))
    return hashlib.sha256("\n".join([result.control_id, *paths]).encode()).hexdigest()[:32]


def _cite(c: Citation) -> str:
    """"164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule)".

    The citation's own required/addressable flag is left out: the control's basis is said
    once, above the citations, and a benchmark that cites a required standard (MFA under
    164.312(d)) must not read as required by it.
    """
    return f"{c.section} {c.title}".strip() + (f" ({c.framework})" if c.framework else "")


def _tags(r: Result) -> list[str]:
    law = "other law" if r.basis == "other_law" else "HIPAA"
    tags = ["security", law, r.domain, r.severity, r.basis]
    if r.proposed:
        tags.append("NPRM 2025")
    tags.extend(c.section for c in r.citations)
    return list(dict.fromkeys(tags))


def _basis_line(r: Result) -> str:
    """"Legal basis: benchmark, not a HIPAA requirement. Severity: medium."."""
    return f"Legal basis: {BASIS_WORDS[r.basis]}. Severity: {r.severity}."


def _help(r: Result) -> dict[str, str]:
    cites = [_cite(c) for c in r.citations]
    text = [r.title, "", _basis_line(r), ""]
    text.extend(f"Cites: {cite}" for cite in cites)
    text.extend(["", f"How to fix: {r.remediation}"])
    markdown = [f"**{md(r.title)}**", "", md(_basis_line(r)), "", "Cites:", ""]
    markdown.extend(f"- {md(cite)}" for cite in cites)
    markdown.extend(["", f"**How to fix:** {md(r.remediation)}"])
    if r.proposed:
        text.extend(["", f"{NPRM_NOTE}: a readiness check, not a violation of the current rule."])
        markdown.extend(
            ["", f"_{NPRM_NOTE}: a readiness check, not a violation of the current rule._"]
        )
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _full_description(r: Result) -> str:
    """"<title>. Benchmark, not a HIPAA requirement; cites 164.312(a)(2)(iii) Automatic logoff."
    (the basis in words, so that no rule reads as a HIPAA requirement when it is not one)."""
    words = BASIS_WORDS[r.basis]
    text = f"{r.title.rstrip('.')}. {words[0].upper()}{words[1:]}"
    sections = "; ".join(f"{c.section} {c.title}".strip() for c in r.citations)
    return f"{text}; cites {sections}." if sections else f"{text}."


def _rule(r: Result) -> dict[str, Any]:
    level = _level(r)
    return {
        "id": r.control_id,
        "name": camel(r.title),
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": _full_description(r)},
        "help": _help(r),
        "defaultConfiguration": {"level": level},
        "properties": {
            "tags": _tags(r),
            "precision": "very-high",
            "problem.severity": PROBLEM_SEVERITY[level],
            "security-severity": SECURITY_SEVERITY[r.severity],
            "domain": r.domain,
            "severity": r.severity,
            "basis": r.basis,
            "weight": r.weight,
            "proposed": r.proposed,
        },
    }


def _message(r: Result) -> str:
    # A result met by a decision says what is wrong as specified; the decision goes in the
    # suppression.
    outcome = r.raw_outcome if r.decided else r.outcome
    text = outcome.message
    if r.citations:
        text += f" ({r.citations[0].section} {r.citations[0].title})"
    prefix = MESSAGE_PREFIX.get(r.basis)
    return f"{prefix}: {text}" if prefix else text


def _level(r: Result) -> str:
    """The level of a rule and its results (module docstring): `error` only for a critical or
    high gap in what HIPAA demands."""
    if r.proposed:
        return "note"
    if r.basis in ("benchmark", "other_law"):
        return NON_HIPAA_LEVELS[r.severity]
    return LEVELS[r.severity]


def _location(loc: Location, artifacts: dict[str, int]) -> dict[str, Any]:
    uri, base = artifact_uri(loc.file)
    artifact: dict[str, Any] = {"uri": uri, "index": artifacts[loc.file]}
    if base:
        artifact["uriBaseId"] = base
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": loc.line, "startColumn": loc.col},
        }
    }


def _where(r: Result, source: str) -> tuple[Location, ...]:
    return r.locations or (Location(source, 1, 1),)


def _gains(a: Assessment) -> dict[str, float]:
    return {x.control_id: x.gain for x in (*a.recommendations, *a.readiness_gaps)}


def _result(
    r: Result, index: int, artifacts: dict[str, int], source: str, gain: float | None
) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "status": r.status,
        "credit": r.outcome.credit,
        "domain": r.domain,
        "severity": r.severity,
        "basis": r.basis,
        "proposed": r.proposed,
    }
    if gain is not None:
        properties["gain"] = round(gain, 2)
    if r.outcome.instances:
        properties["instances"] = list(r.outcome.instances)
    if r.decision is not None:
        properties["decision"] = r.decision.kind
        properties["raw_status"] = r.raw_outcome.status
    result: dict[str, Any] = {
        "ruleId": r.control_id,
        "ruleIndex": index,
        "level": _level(r),
        "message": {"text": _message(r)},
        "locations": [_location(loc, artifacts) for loc in _where(r, source)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(r)},
        "properties": properties,
    }
    if r.decided:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": _justification(r)}
        ]
    return result


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else f"{text}."


def _justification(r: Result) -> str:
    """The decision that meets the control, in one paragraph: what kind, who approved it and
    when, its next review, why, and what is done instead (or the tailored value)."""
    d = r.decision
    if d is None:
        return r.outcome.message
    scope = f" for {', '.join(d.instances)}" if d.instances else ""
    parts = [
        f"Documented decision ({KIND_WORDS.get(d.kind, d.kind)}){scope}, counted as "
        f"compliant: approved by {d.approved_by} on {d.approved_on}, next review by "
        f"{d.review_by}.",
        _sentence(d.reason),
    ]
    if d.alternative_measure.strip():
        parts.append(f"Alternative measure: {_sentence(d.alternative_measure)}")
    if d.kind == "tailored" and d.value is not None:
        parts.append(f"Judged at the tailored value {d.value:g}.")
    return " ".join(p for p in parts if p)


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
        _result(r, indexes[r.control_id], artifacts, a.source, gains.get(r.control_id))
        for r in a.results
        if _reported(r) and (keep is None or r.control_id in keep)
    ]
    run = {
        "tool": _tool([_rule(r) for r in a.results]),
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

INVALID_RULE = "phi-policy/invalid-config"


def fleet_fingerprint(source: str, result: Result) -> str:
    """As `fingerprint`, with the config's path: one alert per control and site."""
    paths = sorted(set(result.raw_outcome.paths))
    text = "\n".join([source, result.control_id, *paths])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _invalid_rule() -> dict[str, Any]:
    text = ("The config did not load or does not follow the phi-policy schema, so none of "
            "its controls could be evaluated.")
    fix = "Run `phi-policy validate` on the config and fix every problem it lists."
    return {
        "id": INVALID_RULE,
        "name": "InvalidConfig",
        "shortDescription": {"text": "The config is valid"},
        "fullDescription": {"text": text},
        "help": {"text": f"{text}\n\nHow to fix: {fix}",
                 "markdown": f"{md(text)}\n\n**How to fix:** {md(fix)}"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["configuration"], "precision": "very-high",
                       "problem.severity": "error"},
    }


def _invalid_result(row: Row, index: int, artifacts: dict[str, int]) -> dict[str, Any]:
    problem = row.problem
    assert problem is not None
    where = problem.location if problem.location.file in artifacts else Location(row.path, 1, 1)
    more = row.problems - 1
    text = f"Invalid config: {problem_line(problem)}"
    if more:
        text += f" (and {more} more problem{'s' if more != 1 else ''}: run phi-policy validate)"
    digest = hashlib.sha256(f"{row.path}\n{INVALID_RULE}".encode()).hexdigest()[:32]
    return {
        "ruleId": INVALID_RULE,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": text},
        "locations": [_location(where, artifacts)],
        "partialFingerprints": {FINGERPRINT_KEY: digest},
        "properties": {"problems": row.problems},
    }


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
    rules = [_rule(examples[cid]) for cid in ids]
    indexes = {cid: i for i, cid in enumerate(ids)}
    invalid = [row for row in fleet.rows if not row.valid]
    if invalid:
        indexes[INVALID_RULE] = len(rules)
        rules.append(_invalid_rule())
    configs = [row.path for row in fleet.rows]
    others = {loc.file for a in fleet.assessments for r in a.results for loc in r.locations}
    artifacts = {p: i for i, p in enumerate([*configs, *sorted(others - set(configs))])}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for row in fleet.rows:
        if row.assessment is None:
            if not row.valid:
                results.append(_invalid_result(row, indexes[INVALID_RULE], artifacts))
            continue
        a = row.assessment
        gains = _gains(a)
        for r in a.results:
            if not _reported(r):
                continue
            result = _result(r, indexes[r.control_id], artifacts, a.source, gains.get(r.control_id))
            result["partialFingerprints"] = {FINGERPRINT_KEY: fleet_fingerprint(a.source, r)}
            results.append(result)
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
