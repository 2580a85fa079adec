"""The OSCAL parts of one control: its observation, its finding and, if it counts, its risk.

A risk is written when the control costs points or a decision meets it.

Every observation and finding carries the control's legal basis (prop `basis`: required,
addressable, benchmark, proposed, other_law); a proposed-rule check is marked as readiness,
and an other-law check is marked as not HIPAA.

A valid documented decision makes its control compliant (164.306(d)(3): an addressable
specification may be met by an equivalent alternative measure, or found not reasonable and
appropriate with the reason documented; a benchmark may be tailored): the finding is satisfied
with implementation status `alternative` (`implemented` for a tailored benchmark), and the
finding as specified stays documented as a closed risk whose mitigating factor is the
alternative measure, with a risk-log entry dated the approval day naming the approver, the
reason and the next review.
"""

from __future__ import annotations

from typing import Any

from phi_policy.config.decisions import KIND_WORDS
from phi_policy.model import Assessment, Result
from phi_policy.reporters.oscal_ids import Ids, day_of, midnight
from phi_policy.reporters.oscal_props import (
    NS,
    citation_links,
    citation_props,
    cite,
    number,
    prop_list,
    single_line,
    with_optional,
)
from phi_policy.reporters.sarif_rules import NPRM_NOTE
from phi_policy.reporters.wording import OTHER_LAW_LABEL, where_col

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


def _origins(ids: Ids) -> list[dict[str, Any]]:
    return [{"actors": [{"type": "tool", "actor-uuid": ids("component", "phi-policy")}]}]


def observation(r: Result, a: Assessment, ids: Ids) -> dict[str, Any]:
    """What phi-policy examined for one control, with the YAML lines as relevant evidence."""
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
    props = prop_list(
        ("control-id", r.control_id),
        ("status", r.status),
        ("raw-status", r.raw_outcome.status if r.decision is not None else None),
        ("credit", None if out.credit is None else number(out.credit)),
        ("domain", r.domain),
        ("severity", r.severity),
        ("basis", r.basis),
        ("weight", number(r.weight)),
        ("proposed", "true" if r.proposed else None),
        ("other-law", "true" if r.basis == "other_law" else None),
        ("decision", r.decision.kind if r.decision is not None else None),
    )
    props += prop_list(*(("instance", name) for name in r.raw_outcome.instances))
    props += citation_props(r)
    props += prop_list(*(("config-path", path) for path in out.paths))
    return with_optional(
        {
            "uuid": ids("observation", r.control_id),
            "title": single_line(f"{r.control_id} {r.title}"),
            "description": message,
            "methods": ["EXAMINE"],
            "types": kinds,
            "origins": _origins(ids),
            "subjects": [{"subject-uuid": ids("resource", a.source), "type": "resource"}],
            "relevant-evidence": evidence,
            "collected": midnight(a.as_of),
        },
        props=props,
        links=citation_links(r),
        expires=midnight(out.turns_on) if out.turns_on else None,
        remarks="\n\n".join(remarks),
    )


def finding(r: Result, gain: float | None, has_risk: bool, ids: Ids) -> dict[str, Any]:
    """Whether the control's objective is satisfied; `has_risk` links the risk it raised."""
    state, reason, implementation = TARGET_STATUS[r.status]
    status: dict[str, Any] = {"state": state, "reason": reason}
    if r.decided and r.decision is not None:
        implementation = "implemented" if r.decision.kind == "tailored" else "alternative"
        status["remarks"] = _decision_text(r)
    elif r.status == "error":
        status["remarks"] = f"The control could not decide: {r.outcome.message}"
    elif r.decision is not None:
        status["remarks"] = _decision_text(r)
    target = with_optional(
        {"type": "objective-id", "target-id": r.control_id.lower(), "status": status},
        implementation_status={"state": implementation} if implementation else None,
    )
    return with_optional(
        {
            "uuid": ids("finding", r.control_id),
            "title": single_line(f"{r.control_id} {r.title}"),
            "description": r.outcome.message,
            "origins": _origins(ids),
            "target": target,
            "related-observations": [{"observation-uuid": ids("observation", r.control_id)}],
        },
        props=prop_list(
            ("status", r.status),
            ("credit", None if r.outcome.credit is None else number(r.outcome.credit)),
            ("gain", None if gain is None else number(gain)),
            ("severity", r.severity),
            ("basis", r.basis),
            ("proposed", "true" if r.proposed else None),
            ("other-law", "true" if r.basis == "other_law" else None),
        ),
        links=citation_links(r),
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
    return single_line(" ".join(p for p in parts if p))


def risk(r: Result, gain: float | None, ids: Ids) -> dict[str, Any]:
    """The gap a control leaves (closed when a decision meets it), with its remediation."""
    key = r.control_id
    remediation = with_optional(
        {
            "uuid": ids("remediation", key),
            "lifecycle": "recommendation",
            "title": single_line(f"Remediate {key}"),
            "description": r.remediation,
        },
        props=prop_list(("gain", None if gain is None else number(gain))),
    )
    risk = with_optional(
        {
            "uuid": ids("risk", key),
            "title": single_line(f"{key} {r.title}"),
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
        props=prop_list(
            ("basis", r.basis),
            ("other-law", "true" if r.basis == "other_law" else None),
        ),
        links=citation_links(r),
    )
    if r.basis in NOT_HIPAA:  # a risk has no remarks: the description says it
        risk["description"] = f"{r.outcome.message}\n\n{NOT_HIPAA[r.basis]}"
    d = r.decision
    if r.decided and d is not None:
        approved = day_of(d.approved_on)
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
