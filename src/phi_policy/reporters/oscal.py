"""NIST OSCAL 1.2.1 assessment-results: the assessment in the form GRC tools and auditors import.

One result holds the whole assessment. Every control the profile ran is a reviewed control and
gets an observation (what phi-policy examined, with the YAML lines as relevant evidence); every
control that counts (all but not-applicable ones) gets a finding whose target is satisfied or
not; every control under the rule in force (and every other-law check) that costs points gets
a risk with its remediation. phi_policy.reporters.oscal_parts builds these three, with the
legal basis of each and what a documented decision changes: a proposed-rule check raises no
risk, and an other-law check is kept out of the HIPAA score. The result's props hold the
score, the band, the band by score alone and each reason the band is capped. docs/oscal.md has
the full mapping.

Deterministic, so that the same input gives byte-identical output: keys sorted, and every UUID
and timestamp made from stable inputs, never from the clock (phi_policy.reporters.oscal_ids).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from phi_policy import __version__
from phi_policy.model import Assessment
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.oscal_ids import Ids, midnight
from phi_policy.reporters.oscal_parts import RISK_STATUS, finding, observation, risk
from phi_policy.reporters.oscal_props import number, prop_list, single_line, with_optional
from phi_policy.reporters.sarif import INFORMATION_URI
from phi_policy.reporters.sarif_results import artifact_uri
from phi_policy.reporters.wording import (
    OTHER_LAW_LABEL,
    band_word,
    cap_summary,
    counts_line,
    num,
)

OSCAL_VERSION = "1.2.1"
CONTROLS_DOC = f"{INFORMATION_URI}/blob/main/docs/controls.md"


def _tool(ids: Ids) -> dict[str, Any]:
    component = ids("component", "phi-policy")
    return {
        "components": [
            {
                "uuid": component,
                "type": "software",
                "title": "phi-policy",
                "description": "Policy-as-code HIPAA compliance checker for telemedicine.",
                "props": prop_list(("version", __version__)),
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


def _result(a: Assessment, ids: Ids) -> dict[str, Any]:
    gains = {x.control_id: x.gain for x in (*a.recommendations, *a.readiness_gaps)}
    gains.update({x.control_id: x.gain for x in a.other_law_gaps})
    risky = [r for r in a.results
             if (r.status in RISK_STATUS or r.decided) and not r.proposed]
    risk_ids = {r.control_id for r in risky}
    score = None if a.score is None else number(a.score)
    props = prop_list(
        ("score", score),
        ("raw-score", None if a.raw_score is None else number(a.raw_score)),
        ("band", a.band),
        ("score-band", a.score_band),
        ("raw-band", a.raw_band),
        ("band-capped", "true" if a.capped else None),
        *(("cap-reason", str(reason), reason.severity) for reason in a.cap_reasons),
        ("readiness", None if a.readiness is None else number(a.readiness)),
        ("other-law-score", None if a.other_law_score is None else number(a.other_law_score)),
        *(
            ("domain-score", number(d.score), d.domain)
            for d in a.domains
            if d.score is not None
        ),
    )
    return with_optional(
        {
            "uuid": ids("result"),
            "title": single_line(f"HIPAA assessment of {a.source} ({a.profile})"),
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
        observations=[observation(r, a, ids) for r in a.results],
        risks=[risk(r, gains.get(r.control_id), ids) for r in risky],
        findings=[
            finding(r, gains.get(r.control_id), r.control_id in risk_ids, ids)
            for r in a.results
            if r.status != "not_applicable"
        ],
    )


def _resources(a: Assessment, ids: Ids) -> list[dict[str, Any]]:
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
            with_optional(
                {
                    "uuid": ids("resource", path),
                    "title": single_line(path),
                    "description": "The organization's phi-policy config (YAML), as examined.",
                    "rlinks": [{"href": uri, "media-type": "application/yaml"}],
                },
                props=prop_list(*_revision(a)) if path == a.source else None,
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
    ids = Ids(a)
    commit = a.revision.commit if a.revision else None
    version = a.as_of.isoformat() + (f" (commit {str(commit)[:12]})" if commit else "")
    metadata = {
        "title": single_line(
            f"phi-policy HIPAA assessment of {a.source} as of {a.as_of.isoformat()}"
        ),
        "last-modified": midnight(a.as_of),
        "version": version,
        "oscal-version": OSCAL_VERSION,
        "props": prop_list(
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
