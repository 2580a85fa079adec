"""GitHub Actions workflow commands for a fleet: annotations on every config's YAML lines.

Built from the single report's commands (reporters/github.py), in the order GitHub's limits
reward, since a step shows only 10 annotations of each level (50 per job): first one
`::notice` with the fleet's verdict, then an `::error` for each invalid config at its first
problem, then every config's annotations together, worst first (errors, warnings, notices;
within a level the biggest gain first, then by path and control), and last each config's
score as a `::notice` (with the reason its band is capped, when it is). Every annotation
names its own file, so each lands on its own config. The fleet's bands are the capped bands,
and the verdict says how many are capped.
"""

from __future__ import annotations

from phi_policy.model import Result
from phi_policy.model.fleet import Fleet
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.github import LEVEL_ORDER, annotation, command, level, score_notice
from phi_policy.reporters.problems import problem_line

FLEET_TITLE = "phi-policy fleet"


def fleet_notice(fleet: Fleet) -> str:
    s = fleet.summary
    if s.mean is None or s.minimum is None:
        text = f"{s.configs} configs, none with a score"
    else:
        lowest = ", ".join(s.lowest)
        text = (f"{s.configs} configs: mean {c.num(s.mean)}/100, minimum {c.num(s.minimum)} "
                f"({lowest}); {s.bands['red']} red, {s.bands['yellow']} yellow, "
                f"{s.bands['green']} green")
    capped = sum(1 for row in fleet.rows if row.capped)
    if capped:
        text += (f"; {capped} band{'s' if capped != 1 else ''} capped by an open critical or "
                 "high finding")
    if s.invalid:
        text += f"; {s.invalid} invalid"
    text += f". As of {fleet.as_of.isoformat()}."
    if s.spread:
        top = s.spread[0]
        text += f" Failing most widely: {top.control_id} {top.title} ({top.sites} sites)."
    return command("notice", text, title=FLEET_TITLE)


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    lines = [fleet_notice(fleet)]
    for row in fleet.rows:
        if row.problem is not None:
            where = row.problem.location
            lines.append(command("error", f"Invalid config: {problem_line(row.problem)}",
                                 file=where.file, line=where.line, col=where.col,
                                 title="phi-policy invalid config"))
    found: list[tuple[tuple[int, float, str, str], Result, str]] = []
    for a in fleet.assessments:
        gains = {x.control_id: x.gain
                 for x in (*a.recommendations, *a.other_law_gaps, *a.readiness_gaps)}
        for r in a.results:
            kind = level(r)
            if kind is not None:
                key = (LEVEL_ORDER[kind], -round(gains.get(r.control_id, 0.0), 9), a.source,
                       r.control_id)
                found.append((key, r, a.source))
    found.sort(key=lambda item: item[0])
    lines += [line for _, r, source in found if (line := annotation(r, source)) is not None]
    lines += [score_notice(a) for a in fleet.assessments]
    return "\n".join(lines) + "\n"
