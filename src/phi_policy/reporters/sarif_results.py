"""SARIF results: one per control that costs points or that a documented decision meets.

A result is a control that costs points (fail, partial, error), or one met by a documented
decision, which carries the finding as specified with an external suppression (status
accepted, the decision as justification: that is what SARIF suppressions are for, so a scanner
shows the finding as dismissed by a decision rather than hiding it). A result points at every
YAML value its control looked at: the control passes only once each of them is fixed. Its
message starts by saying so when the gap is not a HIPAA violation (a benchmark, the proposed
rule, another law).

A result's `partialFingerprints` hash the control id and the config paths it is about, not
line numbers, so an alert keeps its identity when lines move; in a fleet they also hash the
config's path, so the same control failing in two sites is two alerts.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from phi_policy.config.decisions import KIND_WORDS
from phi_policy.model import Location, Result
from phi_policy.model.fleet import Row
from phi_policy.reporters.problems import problem_line
from phi_policy.reporters.sarif_rules import INVALID_RULE, NPRM_NOTE, level
from phi_policy.reporters.wording import OTHER_LAW_LABEL

SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "phiPolicyFinding/v1"

#: The bases whose gaps are not HIPAA violations, and what a message about one starts with.
MESSAGE_PREFIX: dict[str, str] = {
    "benchmark": "Benchmark, not a HIPAA requirement",
    "proposed": NPRM_NOTE,
    "other_law": OTHER_LAW_LABEL[0].upper() + OTHER_LAW_LABEL[1:],
}


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


def fleet_fingerprint(source: str, result: Result) -> str:
    """As `fingerprint`, with the config's path: one alert per control and site."""
    paths = sorted(set(result.raw_outcome.paths))
    text = "\n".join([source, result.control_id, *paths])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _message(r: Result) -> str:
    # A result met by a decision says what is wrong as specified; the decision goes in the
    # suppression.
    outcome = r.raw_outcome if r.decided else r.outcome
    text = outcome.message
    if r.citations:
        text += f" ({r.citations[0].section} {r.citations[0].title})"
    prefix = MESSAGE_PREFIX.get(r.basis)
    return f"{prefix}: {text}" if prefix else text


def location(loc: Location, artifacts: dict[str, int]) -> dict[str, Any]:
    """A YAML line as a SARIF location, pointing at its artifact by index as well as by URI."""
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


def result(
    r: Result, index: int, artifacts: dict[str, int], source: str, gain: float | None
) -> dict[str, Any]:
    """The result of one control of the config at `source` (module docstring); `index` is its
    rule's, `gain` what fixing it would add to the score."""
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
    out: dict[str, Any] = {
        "ruleId": r.control_id,
        "ruleIndex": index,
        "level": level(r),
        "message": {"text": _message(r)},
        "locations": [location(loc, artifacts) for loc in _where(r, source)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(r)},
        "properties": properties,
    }
    if r.decided:
        out["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": _justification(r)}
        ]
    return out


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


def invalid_result(row: Row, index: int, artifacts: dict[str, int]) -> dict[str, Any]:
    """A fleet's invalid config as a result of `INVALID_RULE`, at its first problem."""
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
        "locations": [location(where, artifacts)],
        "partialFingerprints": {FINGERPRINT_KEY: digest},
        "properties": {"problems": row.problems},
    }
