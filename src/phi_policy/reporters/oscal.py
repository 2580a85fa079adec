"""NIST OSCAL 1.2.1 assessment-results: the assessment in the form GRC tools and auditors import.

One result holds the whole assessment. Every control the profile ran is a reviewed control and
gets an observation (what phi-policy examined, with the YAML lines as relevant evidence); every
control that counts (all but not-applicable ones) gets a finding whose target is satisfied or
not; every control under the rule in force (and every other-law check) that costs points gets
a risk with its remediation. Every observation and finding carries the control's legal basis
(prop `basis`: required, addressable, benchmark, proposed, other_law); a proposed-rule check is
marked as readiness and raises no risk, and an other-law check is marked as not HIPAA and kept
out of the HIPAA score.

A valid documented decision makes its control compliant (164.306(d)(3): an addressable
specification may be met by an equivalent alternative measure, or found not reasonable and
appropriate with the reason documented; a benchmark may be tailored): the finding is satisfied
with implementation status `alternative` (`implemented` for a tailored benchmark), and the
finding as specified stays documented as a closed risk whose mitigating factor is the
alternative measure, with a risk-log entry dated the approval day naming the approver, the
reason and the next review. The result's props hold the score, the band, the band by score
alone and each reason the band is capped. docs/oscal.md has the full mapping.

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
from phi_policy.config.decisions import KIND_WORDS
from phi_policy.model import Assessment, Citation, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.sarif import INFORMATION_URI
from phi_policy.reporters.sarif_results import artifact_uri
from phi_policy.reporters.sarif_rules import NPRM_NOTE
from phi_policy.reporters.wording import (
    OTHER_LAW_LABEL,
    band_word,
    cap_summary,
    counts_line,
    num,
    where_col,
)

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
}
#: phi-policy status -> OSCAL risk status, for the statuses that raise a risk.
RISK_STATUS: dict[str, str] = {
    "fail": "open",
    "partial": "open",
    "error": "investigating",
}
#: The risk status of a finding that a documented decision meets: compliant, so closed.
DECIDED_RISK_STATUS = "closed"
#: What a remark on a check that is not a violation of the HIPAA rule in force says.
NOT_HIPAA: dict[str, str] = {
    "proposed": f"{NPRM_NOTE}: a readiness check, not a violation of the current rule.",
    "other_law": f"{OTHER_LAW_LABEL[0].upper()}{OTHER_LAW_LABEL[1:]}: reported apart, never in "
    "the HIPAA score.",
    "benchmark": "Benchmark, not a HIPAA requirement: a best-practice number the rule itself "
    "does not set.",
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
        commit = a.revision.commit if a.revision else ""
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
    if r.decided:
        kinds = ["finding", "mitigation"]
        message = f"{r.raw_outcome.message}\n\n{out.message}"
    else:
        kinds = ["control-objective"] if r.status in ("pass", "not_applicable") else ["finding"]
        message = out.message
    evidence = [
        {"href": f"#{ids('resource', loc.file)}", "description": where_col(loc)}
        for loc in r.locations
    ] or [{"href": f"#{ids('resource', a.source)}", "description": f"{a.source}: the whole config"}]
    remarks = []
    if r.status not in ("pass", "not_applicable"):
        remarks.append(f"How to fix: {r.remediation}")
    if r.decision is not None:
        remarks.append(_decision_text(r))
    if out.turns_on and out.turns_why:
        remarks.append(f"On {out.turns_on.isoformat()}: {out.turns_why}.")
    if r.basis in NOT_HIPAA:
        remarks.append(NOT_HIPAA[r.basis])
    props = _props(
        ("control-id", r.control_id),
        ("status", r.status),
        ("raw-status", r.raw_outcome.status if r.decision is not None else None),
        ("credit", None if out.credit is None else _number(out.credit)),
        ("domain", r.domain),
        ("severity", r.severity),
        ("basis", r.basis),
        ("weight", _number(r.weight)),
        ("proposed", "true" if r.proposed else None),
        ("other-law", "true" if r.basis == "other_law" else None),
        ("decision", r.decision.kind if r.decision is not None else None),
    )
    props += _props(*(("instance", name) for name in r.raw_outcome.instances))
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
    if r.decided and r.decision is not None:
        implementation = "implemented" if r.decision.kind == "tailored" else "alternative"
        status["remarks"] = _decision_text(r)
    elif r.status == "error":
        status["remarks"] = f"The control could not decide: {r.outcome.message}"
    elif r.decision is not None:
        status["remarks"] = _decision_text(r)
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
            ("basis", r.basis),
            ("proposed", "true" if r.proposed else None),
            ("other-law", "true" if r.basis == "other_law" else None),
        ),
        links=_citation_links(r),
        related_risks=[{"risk-uuid": ids("risk", r.control_id)}] if has_risk else None,
        remarks=NOT_HIPAA.get(r.basis),
    )


def _decision_text(r: Result) -> str:
    """The decision in one line: its effect, kind, scope, approval, review, reason, measure."""
    d = r.decision
    if d is None:
        return r.outcome.message
    if r.decided:
        effect = ("Met by a documented decision, counted as compliant"
                  + (" (164.306(d)(3))" if r.basis == "addressable" else ""))
    else:
        effect = "A documented decision does not cover this finding"
    scope = f" for {', '.join(d.instances)}" if d.instances else ""
    parts = [
        f"{effect}: {KIND_WORDS.get(d.kind, d.kind)}{scope}, approved by {d.approved_by} on "
        f"{d.approved_on}, next review by {d.review_by}.",
        d.reason.strip().rstrip(".") + "." if d.reason.strip() else "",
        f"Alternative measure: {d.alternative_measure}" if d.alternative_measure.strip() else "",
        f"Tailored value: {d.value:g}." if d.kind == "tailored" and d.value is not None else "",
    ]
    return _line(" ".join(p for p in parts if p))


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
            "status": DECIDED_RISK_STATUS if r.decided else RISK_STATUS[r.status],
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
        props=_props(
            ("basis", r.basis),
            ("other-law", "true" if r.basis == "other_law" else None),
        ),
        links=_citation_links(r),
    )
    if r.basis in NOT_HIPAA:  # a risk has no remarks: the description says it
        risk["description"] = f"{r.outcome.message}\n\n{NOT_HIPAA[r.basis]}"
    d = r.decision
    if r.decided and d is not None:
        approved = _day(d.approved_on)
        measure = d.alternative_measure.strip() or d.reason.strip() or r.outcome.message
        risk["mitigating-factors"] = [
            {"uuid": ids("mitigating-factor", key), "description": measure}
        ]
        if approved:
            risk["risk-log"] = {
                "entries": [
                    {
                        "uuid": ids("risk-log-entry", key),
                        "title": "Documented decision approved",
                        "description": _decision_text(r),
                        "start": midnight(approved),
                        "status-change": DECIDED_RISK_STATUS,
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
        f"Score {score}; as specified, with no documented decision honoured, "
        f"{num(a.raw_score)}.",
    ]
    cap = cap_summary(a)
    if cap:
        lines.append(f"{cap[0].upper()}{cap[1:]}.")
    lines.append(f"Controls under the rule in force: {counts_line(a.results)}.")
    if a.other_law_score is not None:
        lines.append(f"Other law ({OTHER_LAW_LABEL}), scored apart: {num(a.other_law_score)}.")
    if a.readiness is not None:
        lines.append(f"Readiness for the proposed rule (NPRM 2025): {num(a.readiness)}.")
    return "\n".join(lines)


def _result(a: Assessment, ids: _Ids) -> dict[str, Any]:
    gains = {x.control_id: x.gain for x in (*a.recommendations, *a.readiness_gaps)}
    gains.update({x.control_id: x.gain for x in a.other_law_gaps})
    risky = [r for r in a.results
             if (r.status in RISK_STATUS or r.decided) and not r.proposed]
    risk_ids = {r.control_id for r in risky}
    score = None if a.score is None else _number(a.score)
    props = _props(
        ("score", score),
        ("raw-score", None if a.raw_score is None else _number(a.raw_score)),
        ("band", a.band),
        ("score-band", a.score_band),
        ("raw-band", a.raw_band),
        ("band-capped", "true" if a.capped else None),
        *(("cap-reason", str(reason), reason.severity) for reason in a.cap_reasons),
        ("readiness", None if a.readiness is None else _number(a.readiness)),
        ("other-law-score", None if a.other_law_score is None else _number(a.other_law_score)),
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
    r = a.revision
    return [("git-revision", r.rev if r else None), ("git-commit", r.commit if r else None),
            ("git-blob", r.blob if r else None)]


def assessment_results(assessment: Assessment) -> dict[str, Any]:
    """The OSCAL document as data."""
    a = assessment
    ids = _Ids(a)
    commit = a.revision.commit if a.revision else None
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

