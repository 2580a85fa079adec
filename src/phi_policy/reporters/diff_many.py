"""The combined report of `phi-policy diff` over several configs: a summary, then each one.

Text, Markdown, JSON and GitHub workflow commands.

The summary has one line per config (base and head score, change, band, regressions, or
added / removed / invalid), the rule changes (read once: they are the repository's, not a
config's) and the verdict of the gates across all configs. Each section is the single diff's
report of that config, built from the same parts, so one config reads the same alone or in a
fleet.
"""

from __future__ import annotations

import html
import json
from typing import Any

from phi_policy import __version__
from phi_policy.model.delta import ConfigDiff, ConfigKind, Delta, DiffSet
from phi_policy.reporters import RenderOptions, diff_github, diff_json, diff_markdown, diff_text
from phi_policy.reporters import wording as c
from phi_policy.reporters.diff_wording import (
    change2,
    describe_gates,
    describe_rule,
    problem_text,
    score2,
)
from phi_policy.reporters.markdown import escape

KIND_WORDS = {"added": "added", "removed": "removed", "invalid": "INVALID"}


def _counts(found: DiffSet) -> str:
    words = [f"{len(found.configs)} configs"]
    kinds: tuple[ConfigKind, ...] = ("added", "removed", "invalid")
    for kind in kinds:
        n = len(found.of_kind(kind))
        if n:
            words.append(f"{n} {kind}")
    return ", ".join(words)


def _cells(item: ConfigDiff) -> tuple[str, str, str, str, str]:
    """base score, head score, change, band, what happened: for one summary row."""
    if item.delta is not None:
        d = item.delta
        regressed = len(d.of_kind("regressed"))
        improved = len(d.of_kind("improved"))
        verdict = "gate failed" if d.failures else "gate passed"
        what = "no changes" if d.empty else f"{regressed} regressed, {improved} improved"
        return (
            score2(d.base.score),
            score2(d.head.score),
            change2(d.base.score, d.head.score),
            f"{d.base.band or c.NO_SCORE} -> {d.head.band or c.NO_SCORE}",
            f"{what}; {verdict}",
        )
    a = item.assessment
    score = score2(a.score) if a is not None else c.NO_SCORE
    band = (a.band or c.NO_SCORE) if a is not None else c.NO_SCORE
    if item.kind == "added":
        return ("-", score, "new", f"-> {band}", "added at the head: no base to compare with")
    if item.kind == "removed":
        return (score, "-", "gone", f"{band} ->", "removed by the head")
    return ("-", "-", "-", "invalid", problem_text(item))


def _changed(found: DiffSet) -> list[Delta]:
    """The comparisons with something to show: a section each (the rest is one summary row)."""
    return [i.delta for i in found.configs if i.delta is not None and not i.delta.empty]


# --- text ---------------------------------------------------------------------------------------


def render_text(found: DiffSet, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    width = max(len(item.path) for item in found.configs)
    rows = [_cells(item) for item in found.configs]
    bands = max(len(row[3]) for row in rows)
    lines = [
        f"phi-policy diff: {_counts(found)}",
        f"  base  {found.base_label}",
        f"  head  {found.head_label}",
        f"as of {found.as_of.isoformat()}, profile {found.profile}",
        "",
        f"  {'config'.ljust(width)}  {'base':>6}  {'head':>6}  {'change':>6}  "
        f"{'band'.ljust(bands)}  what",
    ]
    for item, (base, head, change, band, what) in zip(found.configs, rows, strict=True):
        lines.append(
            f"  {item.path.ljust(width)}  {base:>6}  {head:>6}  {change:>6}  {band.ljust(bands)}"
            f"  {what}"
        )
    if found.rule_changes:
        lines += ["", f"Rule changes ({len(found.rule_changes)})"]
        lines += [f"  ! {describe_rule(r)}" for r in found.rule_changes]
    settings = describe_gates(found.gate)
    if found.failures:
        lines += ["", f"Gate FAILED ({settings})", *[f"  - {f}" for f in found.failures]]
    else:
        lines += ["", f"Gate passed ({settings})"]
    for d in _changed(found):
        lines += ["", "=" * 100, *diff_text.header(d), "", *diff_text.domains(d)]
        lines += diff_text.changes(d, options) + diff_text.rules(d, options)
        lines += diff_text.verdict(d, options)
    lines += ["", "The base's rules judged both sides of every config. " + c.DISCLAIMER]
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- Markdown -----------------------------------------------------------------------------------


def render_markdown(found: DiffSet, options: RenderOptions | None = None) -> str:
    verdict = (
        f"{diff_markdown.FAILED} gate failed" if found.failures else f"{diff_markdown.PASSED} "
        "gate passed"
    )
    lines = [
        f"## phi-policy diff: {verdict} ({escape(_counts(found))})",
        "",
        f"Base {escape(found.base_label)}, head {escape(found.head_label)}; as of "
        f"{found.as_of.isoformat()}, profile {escape(found.profile)}.",
    ]
    if found.failures:
        lines += ["", "**Gate failed:**", ""]
        lines += [f"- {escape(failure)}" for failure in found.failures]
    lines += [
        "",
        "| Config | Base | Head | Change | Band | What |",
        "|---|---:|---:|---:|---|---|",
    ]
    for item in found.configs:
        base, head, change, band, what = _cells(item)
        band = band.replace("->", "→")
        lines.append(
            f"| {escape(item.path)} | {base} | {head} | {change} | {escape(band)} | "
            f"{escape(what)} |"
        )
    if found.rule_changes:
        lines += ["", "### Rule changes", ""]
        lines += [diff_markdown.rule(r) for r in found.rule_changes]
    for d in _changed(found):
        summary = (
            f"{d.head_side.path}: {score2(d.base.score)} → "
            f"{score2(d.head.score)} ({change2(d.base.score, d.head.score)})"
            + (", gate failed" if d.failures else "")
        )
        lines += ["", f"<details><summary>{html.escape(summary)}</summary>", ""]
        lines += diff_markdown.domains(d)
        for section in (diff_markdown.changes(d), diff_markdown.rules(d)):
            if section:
                lines += ["", *section]
        lines += ["", "</details>"]
    lines += ["", *diff_markdown.footer()]
    return "\n".join(line.rstrip() for line in lines) + "\n"


# --- JSON ---------------------------------------------------------------------------------------


def _assessed(item: ConfigDiff) -> dict[str, Any] | None:
    a = item.assessment
    if a is None:
        return None
    return {"score": diff_json.shown_number(a.score),
            "raw_score": diff_json.shown_number(a.raw_score), "band": a.band}


def diff_many_dict(found: DiffSet) -> dict[str, Any]:
    return {
        "report": "diff-many",
        "tool": {"name": "phi-policy", "version": __version__},
        "as_of": found.as_of.isoformat(),
        "profile": found.profile,
        "base": found.base_label,
        "head": found.head_label,
        "configs": [
            {
                "path": item.path,
                "status": item.kind,
                "diff": diff_json.diff_dict(item.delta) if item.delta is not None else None,
                "assessment": _assessed(item),
                "problem": problem_text(item) or None,
            }
            for item in found.configs
        ],
        "rule_changes": [diff_json.rule_change_dict(r) for r in found.rule_changes],
        "gate": diff_json.gate_dict(found.gate, found.failures),
    }


def render_json(found: DiffSet, options: RenderOptions | None = None) -> str:
    return json.dumps(diff_many_dict(found), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --- GitHub workflow commands -------------------------------------------------------------------


def render_github(found: DiffSet, options: RenderOptions | None = None) -> str:
    """Each changed config's annotations (regressions on the head's lines, failing gates,
    decisions) and summary, an error for each invalid config, a notice for each added or
    removed one, a warning per rule change, and one summary notice last."""
    lines: list[str] = []
    for item in found.configs:
        if item.delta is not None:
            if item.delta.empty:
                continue  # the summary row of the other formats; nothing to annotate
            # its annotations, then its summary notice, naming the config
            lines += diff_github.render(item.delta).splitlines()[:-1]
            lines.append(diff_github.command(
                "notice", f"{item.path}: {diff_github.summary(item.delta)}",
                title="phi-policy diff", file=item.path))
        elif item.kind == "invalid":
            lines.append(diff_github.command("error", f"invalid config: {problem_text(item)}",
                                             title="phi-policy invalid config",
                                             location=item.problem.location if item.problem
                                             else None, file=item.path))
        else:
            _, _, _, band, what = _cells(item)
            lines.append(diff_github.command("notice", f"{item.path}: {what} ({band})",
                                             title=f"config {item.kind}", file=item.path))
    for r in found.rule_changes:
        lines.append(diff_github.command("warning", describe_rule(r),
                                         title=f"rule change: {r.path}", file=r.path))
    verdict = "gate failed" if found.failures else "gate passed"
    lines.append(diff_github.command(
        "notice", f"{verdict}: {_counts(found)}; base {found.base_label}, head {found.head_label}",
        title="phi-policy diff"))
    return "\n".join(lines) + "\n"
