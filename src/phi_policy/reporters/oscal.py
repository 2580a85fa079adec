"""NIST OSCAL 1.2.1 assessment-results: the assessment in the form GRC tools and auditors import.

One result holds the whole assessment. Every control the profile ran is a reviewed control and
gets an observation (what phi-policy examined, with the YAML lines as relevant evidence); every
control that counts (all but not-applicable ones) gets a finding whose target is satisfied or
not; every control under the rule in force that costs points gets a risk with its remediation.
A valid waiver is a risk whose deviation was approved: the alternative measure is its
mitigating factor, the waiver's expiry its deadline. docs/oscal.md has the full mapping.

Deterministic, so that the same input gives byte-identical output: keys sorted, every UUID a
version-5 UUID of a fixed namespace and stable inputs (the source path, `as_of`, the profile,
the commit when read from git, and the control id), and every timestamp derived from `as_of`
(midnight UTC), never from the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any

from phi_policy import __version__
from phi_policy.model import Assessment, Citation, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters._common import band_word, counts_line, num, where_col
from phi_policy.reporters.sarif import INFORMATION_URI, NPRM_NOTE, artifact_uri

OSCAL_VERSION = "1.2.1"
#: The namespace of every property phi-policy defines (OSCAL's own names need none).
NS = "https://phi-policy.dev/ns/oscal"
#: The namespace of every UUID in the document: changing it would change every UUID.
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
CONTROLS_DOC = f"{INFORMATION_URI}/blob/main/docs/controls.md"
ECFR = "https://www.ecfr.gov/current/title-45/section-"
NPRM_DOCUMENT = "https://www.federalregister.gov/d/2024-30983"

#: phi-policy status -> (finding state, finding reason, implementation state or None)
TARGET_STATUS: dict[str, tuple[str, str, str | None]] = {
    "pass": ("satisfied", "pass", "implemented"),
    "partial": ("not-satisfied", "fail", "partial"),
    "fail": ("not-satisfied", "fail", None),
    "error": ("not-satisfied", "other", None),
    "waived": ("not-satisfied", "fail", "alternative"),
}
#: phi-policy status -> OSCAL risk status, for the statuses that raise a risk.
RISK_STATUS: dict[str, str] = {
    "fail": "open",
    "partial": "open",
    "error": "investigating",
    "waived": "deviation-approved",
}
#: Citation framework -> a token for the `class` of a citation property.
FRAMEWORK_CLASSES: dict[str, str] = {
    "HIPAA Security Rule": "security-rule",
    "HIPAA Privacy Rule": "privacy-rule",
    "HIPAA Breach Notification Rule": "breach-notification-rule",
    "HIPAA Security Rule NPRM 2025 (proposed)": "nprm-2025",
}
_SECTION = re.compile(r"^(164\.\d+)((?:\([0-9A-Za-z]+\))*)$")
_TOKEN_UNSAFE = re.compile(r"[^0-9A-Za-z.\-_]+")


class _Ids:
    """UUIDs for one assessment: version 5, of the kind of object and its stable key."""

    def __init__(self, a: Assessment) -> None:
        commit = str(a.meta.get("commit", ""))
        self._subject = (a.source, a.as_of.isoformat(), a.profile, commit)

    def __call__(self, kind: str, *key: str) -> str:
        return str(uuid.uuid5(UUID_NAMESPACE, "\x1f".join((kind, *self._subject, *key))))


def midnight(day: dt.date) -> str:
    """A date as the OSCAL timestamp phi-policy uses for it: "2026-11-01T00:00:00Z"."""
    return f"{day.isoformat()}T00:00:00Z"


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _line(text: str) -> str:
    """One line with no leading or trailing space (OSCAL's string and markup-line types)."""
    return " ".join(text.split())


def _number(value: float) -> str:
    return str(round(value, 2) + 0.0)


def prop(name: str, value: object, cls: str | None = None) -> dict[str, str]:
    """A phi-policy property; `name` and `cls` must be OSCAL tokens (letters first, no spaces)."""
    out = {"name": name, "ns": NS, "value": _line(str(value))}
    if cls:
        out["class"] = cls
    return out


def _props(*items: tuple[str, object] | tuple[str, object, str | None]) -> list[dict[str, str]]:
    """Properties from (name, value[, class]), leaving out those with no value."""
    return [prop(*item) for item in items if item[1] is not None and _line(str(item[1]))]


def cite(c: Citation) -> str:
    """"164.312(a)(2)(iii) Automatic logoff"."""
    return _line(f"{c.section} {c.title}")


def citation_href(c: Citation) -> str | None:
    """The regulation text: eCFR for 45 CFR 164 (to the paragraph), the Federal Register for
    the proposed rule; None for a section phi-policy cannot place."""
    if c.section.startswith("NPRM"):
        return NPRM_DOCUMENT
    match = _SECTION.match(c.section)
    if match is None:
        return None
    section, paragraph = match.groups()
    return f"{ECFR}{section}" + (f"#p-{section}{paragraph}" if paragraph else "")


def _citation_props(r: Result) -> list[dict[str, str]]:
    return [
        prop("citation", cite(c), FRAMEWORK_CLASSES.get(c.framework) or _token(c.framework))
        for c in r.citations
    ]


def _citation_links(r: Result) -> list[dict[str, str]]:
    links = []
    for c in r.citations:
        href = citation_href(c)
        if href:
            links.append({"href": href, "rel": "reference", "text": f"{c.framework} {cite(c)}"})
    return links


def _token(text: str) -> str | None:
    token = _TOKEN_UNSAFE.sub("-", text.lower()).strip("-.")
    return token if token[:1].isalpha() else None


def _with(obj: dict[str, Any], **optional: Any) -> dict[str, Any]:
    """`obj` plus the optional members that have a value (OSCAL arrays may not be empty)."""
    obj.update({key.replace("_", "-"): value for key, value in optional.items() if value})
    return obj


def _origins(ids: _Ids) -> list[dict[str, Any]]:
    return [{"actors": [{"type": "tool", "actor-uuid": ids("component", "phi-policy")}]}]


def _observation(r: Result, a: Assessment, ids: _Ids) -> dict[str, Any]:
    out = r.outcome
    kinds = ["control-objective"] if r.status in ("pass", "not_applicable") else ["finding"]
    if r.status == "waived":
        kinds.append("mitigation")
    message = out.message if r.status != "waived" else f"{r.raw_outcome.message}\n\n{out.message}"
    evidence = [
        {"href": f"#{ids('resource', loc.file)}", "description": where_col(loc)}
        for loc in r.locations
    ] or [{"href": f"#{ids('resource', a.source)}", "description": f"{a.source}: the whole config"}]
    remarks = []
    if r.status not in ("pass", "not_applicable"):
        remarks.append(f"How to fix: {r.remediation}")
    if out.turns_on and out.turns_why:
        remarks.append(f"On {out.turns_on.isoformat()}: {out.turns_why}.")
    if r.proposed:
        remarks.append(f"{NPRM_NOTE}: a readiness check, not a violation of the current rule.")
    props = _props(
        ("control-id", r.control_id),
        ("status", r.status),
        ("credit", None if out.credit is None else _number(out.credit)),
        ("domain", r.domain),
        ("severity", r.severity),
        ("requirement", r.requirement),
        ("weight", _number(r.weight)),
        ("proposed", "true" if r.proposed else None),
    )
    props += _citation_props(r)
    props += _props(*(("config-path", path) for path in out.paths))
    return _with(
        {
            "uuid": ids("observation", r.control_id),
            "title": _line(f"{r.control_id} {r.title}"),
            "description": message,
            "methods": ["EXAMINE"],
            "types": kinds,
            "origins": _origins(ids),
            "subjects": [{"subject-uuid": ids("resource", a.source), "type": "resource"}],
            "relevant-evidence": evidence,
            "collected": midnight(a.as_of),
        },
        props=props,
        links=_citation_links(r),
        expires=midnight(out.turns_on) if out.turns_on else None,
        remarks="\n\n".join(remarks),
    )


def _finding(r: Result, gain: float | None, has_risk: bool, ids: _Ids) -> dict[str, Any]:
    state, reason, implementation = TARGET_STATUS[r.status]
    status: dict[str, Any] = {"state": state, "reason": reason}
    if r.status == "waived":
        status["remarks"] = _waiver_text(r)
    elif r.status == "error":
        status["remarks"] = f"The control could not decide: {r.outcome.message}"
    target = _with(
        {"type": "objective-id", "target-id": r.control_id.lower(), "status": status},
        implementation_status={"state": implementation} if implementation else None,
    )
    return _with(
        {
            "uuid": ids("finding", r.control_id),
            "title": _line(f"{r.control_id} {r.title}"),
            "description": r.outcome.message,
            "origins": _origins(ids),
            "target": target,
            "related-observations": [{"observation-uuid": ids("observation", r.control_id)}],
        },
        props=_props(
            ("status", r.status),
            ("credit", None if r.outcome.credit is None else _number(r.outcome.credit)),
            ("gain", None if gain is None else _number(gain)),
            ("severity", r.severity),
        ),
        links=_citation_links(r),
        related_risks=[{"risk-uuid": ids("risk", r.control_id)}] if has_risk else None,
        remarks=f"{NPRM_NOTE}: a readiness check, not a violation of the current rule."
        if r.proposed
        else None,
    )


def _waiver_text(r: Result) -> str:
    w = r.waiver
    if w is None:
        return r.outcome.message
    return _line(
        f"Waiver approved by {w.approved_by} on {w.approved_on}, expires {w.expires}: "
        f"{w.justification.strip().rstrip('.')}. Alternative measure: {w.alternative_measure}"
    )


def _risk(r: Result, gain: float | None, ids: _Ids) -> dict[str, Any]:
    key = r.control_id
    remediation = _with(
        {
            "uuid": ids("remediation", key),
            "lifecycle": "recommendation",
            "title": _line(f"Remediate {key}"),
            "description": r.remediation,
        },
        props=_props(("gain", None if gain is None else _number(gain))),
    )
    risk = _with(
        {
            "uuid": ids("risk", key),
            "title": _line(f"{key} {r.title}"),
            "description": r.outcome.message,
            "statement": f"{r.raw_outcome.message} ({'; '.join(cite(c) for c in r.citations)})"
            if r.citations
            else r.raw_outcome.message,
            "status": RISK_STATUS[r.status],
            "origins": _origins(ids),
            "characterizations": [
                {
                    "origin": _origins(ids)[0],
                    "facets": [{"name": "severity", "system": NS, "value": r.severity}],
                }
            ],
            "remediations": [remediation],
            "related-observations": [{"observation-uuid": ids("observation", key)}],
        },
        links=_citation_links(r),
    )
    w = r.waiver
    if r.status == "waived" and w is not None:
        expires, approved = _day(w.expires), _day(w.approved_on)
        risk["mitigating-factors"] = [
            {"uuid": ids("mitigating-factor", key), "description": w.alternative_measure}
        ]
        if expires:
            risk["deadline"] = midnight(expires)
        if approved:
            risk["risk-log"] = {
                "entries": [
                    {
                        "uuid": ids("risk-log-entry", key),
                        "title": "Deviation approved",
                        "description": _waiver_text(r),
                        "start": midnight(approved),
                        "status-change": "deviation-approved",
                    }
                ]
            }
    return risk


def _tool(ids: _Ids) -> dict[str, Any]:
    component = ids("component", "phi-policy")
    return {
        "components": [
            {
                "uuid": component,
                "type": "software",
                "title": "phi-policy",
                "description": "Policy-as-code HIPAA compliance checker for telemedicine.",
                "props": _props(("version", __version__)),
                "links": [{"href": INFORMATION_URI, "rel": "reference"}],
                "status": {"state": "operational"},
            }
        ],
        "assessment-platforms": [
            {
                "uuid": ids("assessment-platform", "phi-policy"),
                "title": f"phi-policy {__version__}",
                "uses-components": [{"component-uuid": component}],
            }
        ],
    }


def _summary(a: Assessment) -> str:
    score = f"{num(a.score)} of 100 ({a.band}: {band_word(a.band)})" if a.band else num(a.score)
    lines = [
        f"phi-policy examined {a.source} as of {a.as_of.isoformat()} under profile "
        f"{a.profile}: {len(a.results)} controls.",
        "",
        f"Score {score}; raw score (no waiver honoured) {num(a.raw_score)}.",
        f"Controls under the rule in force: {counts_line(a.results)}.",
    ]
    if a.readiness is not None:
        lines.append(f"Readiness for the proposed rule (NPRM 2025): {num(a.readiness)}.")
    return "\n".join(lines)


def _result(a: Assessment, ids: _Ids) -> dict[str, Any]:
    gains = {x.control_id: x.gain for x in (*a.recommendations, *a.readiness_gaps)}
    risky = [r for r in a.results if r.status in RISK_STATUS and not r.proposed]
    risk_ids = {r.control_id for r in risky}
    score = None if a.score is None else _number(a.score)
    props = _props(
        ("score", score),
        ("raw-score", None if a.raw_score is None else _number(a.raw_score)),
        ("band", a.band),
        ("raw-band", a.raw_band),
        ("critical-cap", "applied" if a.capped else None),
        ("readiness", None if a.readiness is None else _number(a.readiness)),
        *(
            ("domain-score", _number(d.score), d.domain)
            for d in a.domains
            if d.score is not None
        ),
    )
    return _with(
        {
            "uuid": ids("result"),
            "title": _line(f"HIPAA assessment of {a.source} ({a.profile})"),
            "description": _summary(a),
            "start": midnight(a.as_of),
            "local-definitions": {"assessment-assets": _tool(ids)},
            "reviewed-controls": {
                "control-selections": [
                    {"include-controls": [{"control-id": r.control_id.lower()} for r in a.results]}
                ]
            },
        },
        props=props,
        observations=[_observation(r, a, ids) for r in a.results],
        risks=[_risk(r, gains.get(r.control_id), ids) for r in risky],
        findings=[
            _finding(r, gains.get(r.control_id), r.control_id in risk_ids, ids)
            for r in a.results
            if r.status != "not_applicable"
        ],
    )


def _resources(a: Assessment, ids: _Ids) -> list[dict[str, Any]]:
    plan = {
        "uuid": ids("assessment-plan"),
        "title": f"phi-policy control catalog, profile {a.profile}",
        "description": "phi-policy keeps no separate OSCAL assessment plan: the plan is its "
        f"control catalog for profile {a.profile}, run against the config. The reviewed controls "
        "of the result list every control it ran.",
        "rlinks": [{"href": CONTROLS_DOC, "media-type": "text/markdown"}],
    }
    files = [a.source, *sorted({loc.file for r in a.results for loc in r.locations} - {a.source})]
    configs = []
    for path in files:
        uri, _ = artifact_uri(path)
        configs.append(
            _with(
                {
                    "uuid": ids("resource", path),
                    "title": _line(path),
                    "description": "The organization's phi-policy config (YAML), as examined.",
                    "rlinks": [{"href": uri, "media-type": "application/yaml"}],
                },
                props=_props(*_revision(a)) if path == a.source else None,
            )
        )
    return [plan, *configs]


def _revision(a: Assessment) -> Iterable[tuple[str, object]]:
    """Where the config was read from git (check --rev): revision, commit and blob."""
    return [(name, a.meta.get(key)) for name, key in
            (("git-revision", "rev"), ("git-commit", "commit"), ("git-blob", "blob"))]


def assessment_results(assessment: Assessment) -> dict[str, Any]:
    """The OSCAL document as data."""
    a = assessment
    ids = _Ids(a)
    commit = a.meta.get("commit")
    version = a.as_of.isoformat() + (f" (commit {str(commit)[:12]})" if commit else "")
    metadata = {
        "title": _line(f"phi-policy HIPAA assessment of {a.source} as of {a.as_of.isoformat()}"),
        "last-modified": midnight(a.as_of),
        "version": version,
        "oscal-version": OSCAL_VERSION,
        "props": _props(
            ("tool", "phi-policy"),
            ("tool-version", __version__),
            ("profile", a.profile),
            ("as-of", a.as_of.isoformat()),
            ("source", a.source),
            *_revision(a),
        ),
        "remarks": "phi-policy is an assessment aid, not legal advice. Timestamps are the "
        "assessment date (as_of) at midnight UTC, not the time the file was written.",
    }
    return {
        "assessment-results": {
            "uuid": ids("assessment-results"),
            "metadata": metadata,
            "import-ap": {
                "href": f"#{ids('assessment-plan')}",
                "remarks": "The plan is phi-policy's control catalog (see back-matter).",
            },
            "results": [_result(a, ids)],
            "back-matter": {"resources": _resources(a, ids)},
        }
    }


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    return (
        json.dumps(assessment_results(assessment), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )

