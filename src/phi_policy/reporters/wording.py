"""Wording shared by the human-readable reporters: numbers, bands, citations, the action plan.

One place decides how a number, a status, a band, a location and a citation read, and which
results each report section holds, so the terminal and the pull-request comment never
disagree about what the assessment says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from phi_policy.model import (
    BASIS_WORDS,
    DOMAINS,
    PRIORITIES,
    PRIORITY_WORDS,
    STATUSES,
    Assessment,
    Citation,
    Domain,
    Location,
    Recommendation,
    Result,
    Status,
    ToDeclare,
)
from phi_policy.reporters.problems import dotted

BAND_WORDS: dict[str, str] = {"red": "significant gaps", "yellow": "partial", "green": "robust"}

#: How a status reads in a report row (upper case, so it stands out in a column).
STATUS_WORDS: dict[str, str] = {
    "pass": "PASS",
    "partial": "PARTIAL",
    "fail": "FAIL",
    "not_applicable": "N/A",
    "error": "ERROR",
}
STATUS_WIDTH = max(len(word) for word in STATUS_WORDS.values())

#: How a status reads in the footer's counts.
COUNT_WORDS: dict[str, str] = {
    "pass": "pass",
    "partial": "partial",
    "fail": "fail",
    "not_applicable": "n/a",
    "error": "error",
}

#: The legal basis in a column or a tag: one short word each.
BASIS_SHORT: dict[str, str] = {
    "required": "required",
    "addressable": "addressable",
    "benchmark": "benchmark",
    "proposed": "proposed",
    "other_law": "other law",
}
#: What the priority column means, for every report's legend.
PRIORITY_LEGEND = (
    "priority is when to act, from the gap's severity: critical now, high within 30 days, "
    "medium within 90 days, low at the next review"
)
OTHER_LAW_LABEL = "other law (DEA, state), not HIPAA"

#: Order of the rows inside a domain: what costs points first.
_ROW_ORDER: dict[str, int] = {"fail": 0, "partial": 1, "pass": 2, "not_applicable": 3}

NPRM_LABEL = "NPRM 2025"
DISCLAIMER = "phi-policy is an assessment aid, not legal advice."
NO_SCORE = "n/a"


def join_blocks(blocks: Iterable[Sequence[str]]) -> str:
    """A report from its blocks of lines: one blank line between blocks (empty ones left out),
    no trailing spaces, a newline at the end."""
    lines: list[str] = []
    for block in blocks:
        if block:
            if lines:
                lines.append("")
            lines.extend(block)
    return "\n".join(line.rstrip() for line in lines) + "\n"


def num(value: float | None) -> str:
    """One decimal ("72.4"), or "n/a" when there is no score; never "-0.0"."""
    if value is None:
        return NO_SCORE
    return f"{round(value, 1) + 0.0:.1f}"


def gain(value: float) -> str:
    """Points a fix would add: "+12.5"."""
    return f"+{num(value)}"


def band_word(band: str | None) -> str:
    return BAND_WORDS.get(band or "", NO_SCORE)


def where(location: Location) -> str:
    """"file:line", for pointing at the value to change."""
    return f"{location.file}:{location.line}"


def where_col(location: Location) -> str:
    """"file:line:col", the form editors and terminals turn into links."""
    return f"{location.file}:{location.line}:{location.col}"


def citation(c: Citation) -> str:
    """"164.312(a)(2)(iii) Automatic logoff"."""
    return f"{c.section} {c.title}".strip()


def citations(items: Iterable[Citation]) -> str:
    return "; ".join(citation(c) for c in items)


def points_at_stake(points: float) -> str:
    """"-8.3 pts at stake", or "" when nothing is at stake (or it rounds to nothing)."""
    text = num(points)
    return "" if points <= 0 or text == "0.0" else f"-{text} pts at stake"


def turns(days: int | None) -> str:
    """" (turns in 3 days)" after a title when the control changes by itself soon, else ""."""
    if days is None or days < 0:
        return ""
    if days == 0:
        return " (turns today)"
    return f" (turns in {days} day{'s' if days != 1 else ''})"


def bar(score: float | None, cells: int = 20) -> tuple[str, str]:
    """The filled and empty parts of a score bar (█ then ░); both empty when there is no score.

    Returned apart so that a colored report can paint the filled part alone.
    """
    if score is None:
        return "", ""
    filled = min(cells, max(0, int(score * cells / 100.0 + 0.5)))
    return "█" * filled, "░" * (cells - filled)


def current(results: Iterable[Result]) -> list[Result]:
    """Results in the HIPAA score (proposed-rule readiness and other-law checks are reported
    apart)."""
    return [r for r in results if r.scored]


def basis(r: Result | Recommendation) -> str:
    """"benchmark, not a HIPAA requirement": how a finding's legal basis reads in full."""
    return BASIS_WORDS[r.basis]


def severity_and_basis(r: Result | Recommendation) -> str:
    """"severity critical; required by HIPAA": the two facts shown with every finding."""
    return f"severity {r.severity}; {basis(r)}"


def cap_summary(a: Assessment) -> str | None:
    """Why the band is below the band by score, or None when it is not:
    "band capped at RED (the score alone gives GREEN): GOV-012 (critical) fails for AppointIQ"."""
    if not a.capped or a.band is None:
        return None
    alone = (a.score_band or NO_SCORE).upper()
    reasons = "; ".join(str(r) for r in a.cap_reasons)
    return f"band capped at {a.band.upper()} (the score alone gives {alone}): {reasons}"


def priority_word(priority: str) -> str:
    """"within 30 days"."""
    return PRIORITY_WORDS[priority]


def action_plan(
    recs: Sequence[Recommendation],
) -> list[tuple[str, list[tuple[int, Recommendation]]]]:
    """The ranked fixes grouped by when to act, each with its overall rank, in plan order."""
    ranked = list(enumerate(recs, 1))
    return [
        (p, [(rank, rec) for rank, rec in ranked if rec.priority == p])
        for p in PRIORITIES
        if any(rec.priority == p for rec in recs)
    ]


def with_decisions(results: Iterable[Result]) -> list[Result]:
    """Results a documented decision changed (met, tailored, or lapsed), by control id."""
    return sorted((r for r in results if r.decision is not None), key=lambda r: r.control_id)


def decision_lines(r: Result) -> list[str]:
    """What a report says of a result's decision: its effect, who and when, what and why."""
    d = r.decision
    if d is None:
        return []
    if r.status == "pass" and d.kind == "tailored":
        effect = f"tailored benchmark: judged at {d.value:g} instead of the default"
    elif r.status == "pass":
        effect = "met by a documented decision (counts as compliant)"
    else:
        effect = "decision does not cover the finding: " + r.outcome.message
    scope = "all instances" if not d.instances else ", ".join(d.instances)
    lines = [
        effect,
        f"kind {d.kind}, for {scope}; approved by {d.approved_by} on {d.approved_on}, "
        f"next review by {d.review_by} (12 months unless set: a convention)",
    ]
    if d.alternative_measure:
        lines.append(f"alternative measure: {d.alternative_measure}")
    if d.reason:
        lines.append(f"reason: {d.reason}")
    if d.legacy:
        lines.append("written as a deprecated `waivers:` entry; move it under `decisions:`")
    lines.append(f"as specified, without the decision: {r.raw_outcome.message}")
    return lines


def status_counts(results: Iterable[Result]) -> dict[Status, int]:
    """How many current-rule results have each status, in STATUSES order."""
    counts: dict[Status, int] = dict.fromkeys(STATUSES, 0)
    for r in current(results):
        counts[r.status] += 1
    return counts


def counts_line(results: Iterable[Result]) -> str:
    """"3 pass, 1 partial, 2 fail, 1 n/a, 1 error" over the HIPAA-score controls."""
    counts = status_counts(results)
    return ", ".join(f"{counts[s]} {COUNT_WORDS[s]}" for s in STATUSES)


def findings_by_domain(
    results: Sequence[Result], *, verbose: int = 0
) -> list[tuple[Domain, list[Result]]]:
    """Fails and partials per domain (plus passes and n/a when verbose), worst first.

    Error results are left out: each report lists them in a section of its own.
    Domains with nothing to show are left out too.
    """
    shown = {"fail", "partial"} | ({"pass", "not_applicable"} if verbose >= 1 else set())
    groups = []
    for domain in DOMAINS:
        rows = [r for r in current(results) if r.domain == domain and r.status in shown]
        rows.sort(key=lambda r: (_ROW_ORDER[r.status], r.control_id))
        if rows:
            groups.append((domain, rows))
    return groups


def with_status(results: Iterable[Result], status: Status) -> list[Result]:
    """Current-rule results with `status`, by control id."""
    return sorted((r for r in current(results) if r.status == status), key=lambda r: r.control_id)


def by_id(results: Iterable[Result]) -> dict[str, Result]:
    return {r.control_id: r for r in results}


TO_DECLARE_HEADING = "To declare: whether these apply is not stated, so their controls are unscored"


def to_declare_line(item: ToDeclare) -> str:
    """One undeclared applicability key: the dotted key, the question, and what waits on it."""
    waiting = f" (waiting: {', '.join(item.controls)})" if item.controls else ""
    return f"{dotted(item.pointer)}: {item.question}{waiting}"
