"""The Markdown report of `phi-policy diff`: a pull-request comment or a GitHub job summary.

The heading carries the verdict (the gate, the score before and after), a table the domains,
then one bullet per control that changed, written so that a reviewer can act on it without
opening anything else: points, domain, control, what it found, the values that moved, the
YAML line and the citation. Rule changes (control packs, gate files, decisions) have a section
of their own, since they change what judges the pull request. Every piece of text that comes
from a config or a control goes through `markdown.escape`. Deterministic: same delta, same bytes.
"""

from __future__ import annotations

from phi_policy.model import DOMAIN_TITLES
from phi_policy.model.delta import ControlChange, DecisionChange, Delta, RuleChange
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.diff_text import SECTIONS
from phi_policy.reporters.diff_wording import (
    change2,
    describe_value,
    field_changes,
    score2,
    shown_change,
    signed_points,
    transition,
)
from phi_policy.reporters.markdown import BAND_EMOJI, escape

PASSED = "✅"
FAILED = "❌"
WARNING = "⚠️"


def _band(band: str | None) -> str:
    return c.NO_SCORE if band is None else f"{BAND_EMOJI[band]} {band}"


def _header(delta: Delta) -> list[str]:
    base, head = delta.base, delta.head
    verdict = f"{FAILED} gate failed" if delta.failures else f"{PASSED} gate passed"
    lines = [
        f"## phi-policy diff: {verdict}",
        "",
        f"**Score {score2(base.score)} → {score2(head.score)} "
        f"({change2(base.score, head.score)})**, band {_band(base.band)} → {_band(head.band)}; "
        f"as specified, without decisions {score2(base.raw_score)} → {score2(head.raw_score)} "
        f"({change2(base.raw_score, head.raw_score)}).",
        "",
        f"{escape(delta.head_side.path)}: base {escape(delta.base_side.label)}, head "
        f"{escape(delta.head_side.label)}; as of {head.as_of.isoformat()}, profile "
        f"{escape(head.profile)}.",
    ]
    for note in delta.notes:
        lines += ["", f"Note: {escape(note)}."]
    if delta.failures:
        lines += ["", "**Gate failed:**", ""]
        lines += [f"- {escape(failure)}" for failure in delta.failures]
    return lines


def domains(delta: Delta) -> list[str]:
    lines = ["| Domain | Base | Head | Change |", "|---|---:|---:|---:|"]
    for d in delta.domains:
        lines.append(
            f"| {DOMAIN_TITLES[d.domain]} | {c.num(d.base)} | {c.num(d.head)} | "
            f"{shown_change(d.base, d.head)} |"
        )
    return lines


def _arrows(text: str) -> str:
    """Escaped text with " -> " shown as an arrow (an escaped ">" reads badly)."""
    return " → ".join(escape(part) for part in text.split(" -> "))


def _change(change: ControlChange) -> str:
    line = (
        f"- **{signed_points(change.points)}** {change.domain}: **{escape(change.control_id)}** "
        f"{escape(change.title)} ({_arrows(transition(change))}): {escape(change.finding)}"
    )
    if change.values:
        line += " (" + "; ".join(_arrows(describe_value(v)) for v in change.values) + ")"
    if change.locations:
        line += f" at {escape(c.where(change.locations[0]))}"
    if change.citations:
        line += " (" + escape(", ".join(cite.section for cite in change.citations)) + ")"
    return line


def changes(delta: Delta) -> list[str]:
    lines: list[str] = []
    for kind, title in SECTIONS:
        items = delta.of_kind(kind)
        if items:
            if lines:
                lines.append("")
            lines += [f"### {title} ({len(items)})", ""]
            lines += [_change(item) for item in items]
    return lines


def _decision(w: DecisionChange) -> str:
    where = f" at {escape(c.where(w.location))}" if w.location else ""
    text = f"- {WARNING} decision {w.kind} for **{escape(w.control)}**{where}"
    if w.kind == "removed":
        return text + (
            f" (it was approved by {escape(w.decision.approved_by)}, review by "
            f"{escape(w.decision.review_by)})"
        )
    text += (
        f": {escape(w.decision.kind)}, approved by {escape(w.decision.approved_by)}, review by "
        f"{escape(w.decision.review_by)}"
    )
    if w.kind == "changed":
        text += "; changed " + escape(", ".join(field_changes(w, " → ")))
    if w.author:
        text += f"; written by {escape(w.author)}" + (
            f" in {escape(w.author_commit)}" if w.author_commit else ""
        )
    if w.self_approved:
        text += "; **self-approved**: the approver is the author"
    if w.expired:
        text += "; **past its review date**, so it no longer counts"
    if w.kind in ("added", "changed"):
        what = w.decision.alternative_measure or w.decision.reason
        text += f". What is done instead, or why: {escape(what)}"
    return text


def rule(r: RuleChange) -> str:
    what = "control pack file" if r.kind == "control pack" else "gate file"
    moved = f" (from {escape(r.old_path)})" if r.old_path else ""
    note = f": {escape(r.note)}" if r.note else ""
    return f"- {WARNING} {what} {r.status}: {escape(r.path)}{moved}{note}"


def rules(delta: Delta) -> list[str]:
    if not delta.decisions and not delta.rule_changes:
        return []
    lines = [
        "### Rule changes",
        "",
        "_Changes to what judges this config: review them on their own._",
        "",
    ]
    lines += [_decision(w) for w in delta.decisions]
    lines += [rule(r) for r in delta.rule_changes]
    return lines


def footer() -> list[str]:
    return [
        "---",
        "",
        "_The base's rules judged both sides: control packs kept in the repository were loaded "
        f"from the base revision. {c.DISCLAIMER}_",
    ]


def render(delta: Delta, options: RenderOptions | None = None) -> str:
    """The whole Markdown report, ending in a newline."""
    sections = [_header(delta), domains(delta)]
    if delta.empty:
        sections.append(["No changes: the config scores the same at base and head."])
    else:
        sections += [changes(delta), rules(delta)]
    sections.append(footer())
    return c.join_blocks(sections)
