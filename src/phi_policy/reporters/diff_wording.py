"""Wording shared by the reports of `phi-policy diff`: numbers, one-line changes, the gates.

The text report, the GitHub annotations, the JSON's `line` and the combined report of several
configs say a change the same way, so that a line grepped from one is found in the others.
Scores and their changes read with two decimals, as the gates compare them
(phi_policy.engine.rounding); a control's points with one, as they add up to the score.
"""

from __future__ import annotations

from phi_policy.engine import rounding
from phi_policy.model.delta import (
    ConfigDiff,
    ControlChange,
    DecisionChange,
    Delta,
    GateSettings,
    RuleChange,
    ValueChange,
)
from phi_policy.reporters import wording as c
from phi_policy.reporters.problems import dotted, problem_line


def score2(value: float | None) -> str:
    """Two decimals, as the gate compares: "99.93", or "n/a"."""
    return c.NO_SCORE if value is None else f"{round(value, 2) + 0.0:.2f}"


def change2(base: float | None, head: float | None) -> str:
    """The change between two scores as shown with two decimals (as the gate compares them):
    "-1.18", "+0.40", "0.00"."""
    value = rounding.change(base, head)
    if value is None:
        return c.NO_SCORE
    text = f"{abs(value):.2f}"
    if text == "0.00":
        return text
    return ("-" if value < 0 else "+") + text


def signed_points(points: float) -> str:
    """One decimal with its sign, "-6.4", "+1.2", but "0.0" unsigned when it rounds to
    nothing: a change of no points is neither a gain nor a loss."""
    text = f"{abs(points):.1f}"
    if text == "0.0":
        return "0.0"
    return ("-" if points < 0 else "+") + text


def shown_change(base: float | None, head: float | None) -> str:
    """The change between two scores as shown with one decimal, so the columns add up."""
    if base is None or head is None:
        return c.NO_SCORE
    return signed_points(float(c.num(head)) - float(c.num(base)))


def _status(status: str | None, credit: float | None) -> str:
    if status == "partial" and credit is not None:
        return f"partial {credit:.2f}"
    return status or "absent"


def transition(change: ControlChange) -> str:
    """ "pass -> fail", "partial 0.50 -> partial 0.25", "new: fail"."""
    if change.base_status is None:
        return f"new: {_status(change.head_status, change.head_credit)}"
    if change.head_status is None:
        return f"removed: {_status(change.base_status, change.base_credit)}"
    before = _status(change.base_status, change.base_credit)
    return f"{before} -> {_status(change.head_status, change.head_credit)}"


def describe_value(value: ValueChange) -> str:
    """ "session.timeout_minutes: 15 -> 60", "(absent)" for a side without the value."""
    base = "(absent)" if value.base is None else value.base
    head = "(absent)" if value.head is None else value.head
    return f"{dotted(value.pointer)}: {base} -> {head}"


def describe(change: ControlChange) -> str:
    """The one line a reviewer can act on: points, domain, control, finding, values, where, cite."""
    line = (
        f"{signed_points(change.points)} {change.domain}: {change.control_id} {change.title} "
        f"({transition(change)}): {change.finding}"
    )
    if change.values:
        line += " (" + "; ".join(describe_value(v) for v in change.values) + ")"
    if change.locations:
        loc = change.locations[0]
        line += f" at {loc.file}:{loc.line}"
    if change.citations:
        line += " (" + ", ".join(cite.section for cite in change.citations) + ")"
    return line


def describe_decision(w: DecisionChange) -> str:
    """ "decision added for TECH-009 at phi-policy.yaml:501: approved by ..., review by ..."."""
    where = f" at {w.location.file}:{w.location.line}" if w.location else ""
    scope = f" ({', '.join(w.decision.instances)})" if w.decision.instances else ""
    text = f"decision {w.kind} for {w.control}{scope}{where}"
    if w.kind == "removed":
        return text + (
            f" (it was approved by {w.decision.approved_by}, review by {w.decision.review_by})"
        )
    text += (
        f": {w.decision.kind}, approved by {w.decision.approved_by}, review by "
        f"{w.decision.review_by}"
    )
    if w.kind == "changed":
        text += "; changed " + ", ".join(field_changes(w, " -> "))
    if w.author:
        text += f"; written by {w.author}" + (f" in {w.author_commit}" if w.author_commit else "")
    if w.self_approved:
        text += "; self-approved: the approver is the author"
    if w.expired:
        text += "; past its review date, so it no longer counts"
    return text


def field_changes(w: DecisionChange, arrow: str) -> list[str]:
    """What a changed decision changed: "review_by 2026-01-01 -> 2027-01-01" for the fields a
    reviewer weighs by their values, the bare name for the long texts."""
    shown = []
    for name in w.fields:
        if name in ("review_by", "approved_on", "approved_by", "kind", "value") and w.previous:
            shown.append(f"{name} {getattr(w.previous, name)}{arrow}{getattr(w.decision, name)}")
        else:
            shown.append(name)
    return shown


def describe_rule(r: RuleChange) -> str:
    """ "control pack file modified: rules/house.py (the base's version judged this change)"."""
    what = "control pack file" if r.kind == "control pack" else "gate file"
    moved = f" (from {r.old_path})" if r.old_path else ""
    return f"{what} {r.status}: {r.path}{moved}" + (f"; {r.note}" if r.note else "")


def warnings(delta: Delta) -> list[str]:
    """One line per change to the rules or the decisions: what a reviewer must look at."""
    return [describe_decision(w) for w in delta.decisions] + [
        describe_rule(r) for r in delta.rule_changes
    ]


def describe_gates(settings: GateSettings) -> str:
    """The gates as the options that ask for them ("--max-drop 0, ..."), or "no gates"."""
    asked = []
    if settings.max_drop is not None:
        asked.append(f"--max-drop {settings.max_drop:g}")
    if settings.fail_on_regression is not None:
        asked.append(f"--fail-on-regression {settings.fail_on_regression}")
    if settings.fail_on_band_change:
        asked.append("--fail-on-band-change")
    if settings.fail_on_self_approved:
        asked.append("--fail-on-self-approved")
    return ", ".join(asked) or "no gates"


def problem_text(item: ConfigDiff) -> str:
    """ "working tree: sites/a.yaml:3:1: setting: message", or "" for a valid config."""
    if item.problem is None:
        return ""
    line = problem_line(item.problem)
    return f"{item.side}: {line}" if item.side else line
