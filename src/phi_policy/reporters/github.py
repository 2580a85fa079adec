"""GitHub Actions workflow commands: annotations on the config's YAML lines, and the score.

Printed to standard output in a workflow step, each `::error` / `::warning` line becomes an
annotation on the file and line it names (in the job, and on the pull request's diff). Only a
gap in what HIPAA itself demands (basis required or addressable) can be an error: a failing or
erroring one of critical or high severity; one of medium or low severity, and any partial one,
is a warning. A benchmark or another law's check (DEA, state) is at most a warning and says
what it is ("Benchmark, not a HIPAA requirement: ..."), so it never reads as a HIPAA
violation; a proposed-rule (NPRM) readiness gap is only a notice. Every title carries the
control's basis and severity. One `::notice` carries the score first, with the band and, when
open findings cap it, why, since GitHub shows a limited number of annotations of each kind per
step (10) and per job (50): the rest come worst first, by the points each fix gains, each at
the first value to change and naming the others. A control met by a documented decision
passes and is not annotated.

Values are escaped as GitHub's runner expects (phi_policy.safe_text): `%`, CR, LF in the
message, and `:` and `,` in properties too, so a config's text can never end a command early
or inject a new one.
"""

from __future__ import annotations

from phi_policy import safe_text
from phi_policy.model import Assessment, Result
from phi_policy.safe_text import escape_data, escape_property

__all__ = ["command", "escape_data", "escape_property", "render"]
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c

#: Annotation level for a failing or erroring control, by severity.
FAIL_LEVELS: dict[str, str] = {
    "critical": "error",
    "high": "error",
    "medium": "warning",
    "low": "warning",
}
#: The bases whose gaps are never HIPAA errors, and what their messages start with.
NOT_HIPAA: dict[str, str] = {
    "benchmark": "Benchmark, not a HIPAA requirement",
    "other_law": c.OTHER_LAW_LABEL[0].upper() + c.OTHER_LAW_LABEL[1:],
    "proposed": "Proposed rule (NPRM 2025, not in force)",
}
LEVEL_ORDER = {"error": 0, "warning": 1, "notice": 2}
SCORE_TITLE = "phi-policy score"


def command(level: str, message: str, **properties: str | int) -> str:
    """`::level key=value,...::message`, every part escaped (phi_policy.safe_text)."""
    return safe_text.command(level, message, properties)


def level(r: Result) -> str | None:
    """The annotation level of a result, or None when it is not annotated."""
    if r.status not in ("fail", "partial", "error"):
        return None
    if r.proposed:
        return "notice"
    if r.status == "partial" or r.basis in NOT_HIPAA:
        return "warning"
    return FAIL_LEVELS[r.severity]


def _message(r: Result) -> str:
    text = r.outcome.message
    if r.citations:
        text += f" ({c.citation(r.citations[0])})"
    lines = [loc.line for loc in r.locations]
    others = sorted(set(lines[1:]) - set(lines[:1]))
    if others:
        text += f" Also at line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}."
    text += f" Fix: {r.remediation}"
    if r.basis in NOT_HIPAA:
        text = f"{NOT_HIPAA[r.basis]}: {text}"
    return text


def title(r: Result) -> str:
    """"TECH-003 [benchmark, medium] Automatic logoff ...": the basis first, in a title."""
    return f"{r.control_id} [{c.BASIS_SHORT[r.basis]}, {r.severity}] {r.title}"


def annotation(r: Result, source: str) -> str | None:
    """The workflow command for one result, at its first location (line 1 if it has none)."""
    kind = level(r)
    if kind is None:
        return None
    where = r.locations[0] if r.locations else None
    return command(
        kind,
        _message(r),
        file=where.file if where else source,
        line=where.line if where else 1,
        col=where.col if where else 1,
        title=title(r),
    )


def score_notice(a: Assessment) -> str:
    """The one-line verdict: score, band and why it is capped, counts and what to fix first."""
    if a.score is None:
        text = f"Score {c.NO_SCORE}: no applicable controls"
    else:
        text = f"Score {c.num(a.score)}/100 {(a.band or '').upper()} ({c.band_word(a.band)})"
        cap = c.cap_summary(a)
        if cap:
            text += f"; {cap}"
        if c.num(a.raw_score) != c.num(a.score):
            text += f"; {c.num(a.raw_score)} as specified, without documented decisions"
    text += f". {a.source} as of {a.as_of.isoformat()}: {c.counts_line(a.results)}."
    if a.other_law_score is not None:
        text += f" Other law ({c.OTHER_LAW_LABEL}), scored apart: {c.num(a.other_law_score)}."
    if a.recommendations:
        first = a.recommendations[0]
        text += (f" Fix first ({c.priority_word(first.priority)}): {first.control_id} "
                 f"{first.title} ({c.gain(first.gain)} points).")
    return command("notice", text, title=SCORE_TITLE)


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    a = assessment
    gains = {x.control_id: x.gain
             for x in (*a.recommendations, *a.other_law_gaps, *a.readiness_gaps)}
    annotated = [r for r in a.results if level(r) is not None]
    # Worst first: errors, then warnings, then notices; within each, the biggest gain first.
    annotated.sort(
        key=lambda r: (
            LEVEL_ORDER[level(r) or "notice"],
            -round(gains.get(r.control_id, 0.0), 9),
            r.control_id,
        )
    )
    lines = [score_notice(a)]
    lines.extend(line for r in annotated if (line := annotation(r, a.source)) is not None)
    return "\n".join(lines) + "\n"
