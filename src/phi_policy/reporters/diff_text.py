"""The text report of `phi-policy diff`: what changed between base and head, in the terminal.

Top-down: which two revisions, the score and band before and after, the domains, then one line
per control that changed (points, domain, control, finding, the values that moved, the YAML
line, the citation), the rule changes a reviewer must look at, and the verdict of the gates.
A change stays on one line so that it can be grepped and pasted into a review as it is.
"""

from __future__ import annotations

import click

from phi_policy.model import DOMAIN_TITLES
from phi_policy.model.delta import ChangeKind, Delta
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.diff_wording import (
    change2,
    describe,
    describe_gates,
    score2,
    shown_change,
    warnings,
)

TITLE_WIDTH = max(len(title) for title in DOMAIN_TITLES.values())
SECTIONS: tuple[tuple[ChangeKind, str], ...] = (
    ("regressed", "Regressed"),
    ("improved", "Improved"),
    ("changed", "Other changes"),
    ("added", "Controls added"),
    ("removed", "Controls removed"),
)


def _paint(options: RenderOptions, text: str, fg: str | None = None, bold: bool = False) -> str:
    if not options.color or not text:
        return text
    return click.style(text, fg=fg, bold=bold or None)


def header(delta: Delta) -> list[str]:
    base, head = delta.base, delta.head
    lines = [
        f"phi-policy diff: {delta.head_side.path}",
        f"  base  {delta.base_side.label}"
        + (f"  {delta.base_side.path}" if delta.base_side.path != delta.head_side.path else ""),
        f"  head  {delta.head_side.label}",
        f"as of {head.as_of.isoformat()}, profile {head.profile}",
    ]
    lines += [f"note: {note}" for note in delta.notes]
    lines += [
        "",
        f"Score {score2(base.score)} -> {score2(head.score)} ({change2(base.score, head.score)}), "
        f"band {base.band or c.NO_SCORE} -> {head.band or c.NO_SCORE}",
        f"As specified, without decisions {score2(base.raw_score)} -> {score2(head.raw_score)} "
        f"({change2(base.raw_score, head.raw_score)})",
    ]
    return lines


def domains(delta: Delta) -> list[str]:
    lines = ["Domains"]
    for d in delta.domains:
        lines.append(
            f"  {DOMAIN_TITLES[d.domain]:<{TITLE_WIDTH}}  {c.num(d.base):>5} -> {c.num(d.head):>5}"
            f"  {shown_change(d.base, d.head):>5}".rstrip()
        )
    return lines


def changes(delta: Delta, options: RenderOptions) -> list[str]:
    lines: list[str] = []
    colors = {"regressed": "red", "improved": "green"}
    for kind, title in SECTIONS:
        items = delta.of_kind(kind)
        if not items:
            continue
        lines += ["", _paint(options, f"{title} ({len(items)})", colors.get(kind), bold=True)]
        for item in items:
            lines.append(f"  {describe(item)}")
            if options.verbose and item.kind == "regressed" and item.remediation:
                lines.append(f"      fix: {item.remediation}")
    return lines


def rules(delta: Delta, options: RenderOptions) -> list[str]:
    lines = warnings(delta)
    if not lines:
        return []
    heading = _paint(options, f"Rule changes ({len(lines)})", "yellow", bold=True)
    return ["", heading, *[f"  ! {w}" for w in lines]]


def verdict(delta: Delta, options: RenderOptions) -> list[str]:
    settings = describe_gates(delta.gate)
    if delta.failures:
        lines = ["", _paint(options, f"Gate FAILED ({settings})", "red", bold=True)]
        return lines + [f"  - {failure}" for failure in delta.failures]
    return ["", _paint(options, f"Gate passed ({settings})", "green", bold=True)]


def render(delta: Delta, options: RenderOptions | None = None) -> str:
    """The whole text report, ending in a newline."""
    options = options or RenderOptions()
    lines = [*header(delta), "", *domains(delta)]
    if delta.empty:
        lines += ["", "No changes: the config scores the same at base and head."]
    else:
        lines += changes(delta, options) + rules(delta, options)
    lines += verdict(delta, options)
    lines += ["", "The base's rules judged both sides. " + c.DISCLAIMER]
    return "\n".join(line.rstrip() for line in lines) + "\n"
