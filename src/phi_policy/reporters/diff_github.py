"""GitHub workflow commands for `phi-policy diff`: annotations on the head's YAML lines.

One `::error` per regressed control at the line of the value that caused it, one `::error`
per failing gate, one `::warning` per decision or rule change (they change what judges the pull
request), and one `::notice` with the summary. Values are escaped as the runner requires
(`%`, CR and LF in messages; also `:` and `,` in properties), so a config's text can never
end a command early or inject another one.
"""

from __future__ import annotations

from phi_policy import safe_text
from phi_policy.model import Location
from phi_policy.model.delta import Delta
from phi_policy.reporters import RenderOptions
from phi_policy.reporters.diff_wording import (
    change2,
    describe,
    describe_decision,
    describe_rule,
    score2,
    transition,
)


def command(
    level: str,
    message: str,
    *,
    title: str,
    location: Location | None = None,
    file: str | None = None,
) -> str:
    """`::level file=...,line=...,col=...,title=...::message`, escaped by
    `phi_policy.safe_text.command` like every other workflow command."""
    props: dict[str, str | int] = {}
    if location is not None:
        props.update(file=location.file, line=location.line, col=location.col)
    elif file is not None:
        props["file"] = file
    props["title"] = title
    return safe_text.command(level, message, props)


def summary(delta: Delta) -> str:
    verdict = "gate failed" if delta.failures else "gate passed"
    counts = ", ".join(
        f"{len(delta.of_kind(kind))} {kind}" for kind in ("regressed", "improved", "changed")
    )
    return (
        f"{verdict}: score {score2(delta.base.score)} -> {score2(delta.head.score)} "
        f"({change2(delta.base.score, delta.head.score)}), band {delta.base.band or 'n/a'} -> "
        f"{delta.head.band or 'n/a'}; {counts}; "
        f"base {delta.base_side.label}, head {delta.head_side.label}"
    )


def render(delta: Delta, options: RenderOptions | None = None) -> str:
    lines = []
    for change in delta.of_kind("regressed"):
        lines.append(
            command(
                "error",
                describe(change),
                title=f"{change.control_id} regressed ({transition(change)})",
                location=change.locations[0] if change.locations else None,
                file=delta.head_side.path,
            )
        )
    for failure in delta.failures:
        lines.append(
            command("error", failure, title="phi-policy gate failed", file=delta.head_side.path)
        )
    for w in delta.decisions:
        title = f"decision {w.kind}: {w.control}" + (" (self-approved)" if w.self_approved else "")
        # a removed decision's line is the base's
        where = None if w.kind == "removed" else w.location
        lines.append(
            command(
                "warning",
                describe_decision(w),
                title=title,
                location=where,
                file=delta.head_side.path,
            )
        )
    for r in delta.rule_changes:
        lines.append(
            command("warning", describe_rule(r), title=f"rule change: {r.path}", file=r.path)
        )
    lines.append(command("notice", summary(delta), title="phi-policy diff"))
    return "\n".join(lines) + "\n"
