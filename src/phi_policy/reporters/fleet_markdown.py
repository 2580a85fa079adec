"""The fleet report as Markdown: a pull-request comment or job summary for many sites.

The heading carries the verdict (mean and minimum), a table the bands, then the sites with
those that need attention first and the controls failing in the most sites, the site lists
in collapsed <details> so that a large fleet stays readable. A site's band is its capped band,
followed by the first reason it is capped (and how many more). Text from configs goes through
the single report's `escape`, so a path or a title can never break a table.
"""

from __future__ import annotations

from phi_policy.engine.scoring import band as band_of
from phi_policy.model.fleet import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.fleet_text import TOP_CONTROLS
from phi_policy.reporters.markdown import BAND_EMOJI, escape, gfm_table
from phi_policy.reporters.problems import problem_line


def _header(f: Fleet) -> list[str]:
    s = f.summary
    if s.mean is None or s.minimum is None:
        heading = f"## phi-policy fleet: {s.configs} configs, no scores"
    else:
        worst = BAND_EMOJI.get(band_of(s.minimum) or "", "")
        heading = (
            f"## phi-policy fleet: mean {c.num(s.mean)} / 100, minimum {c.num(s.minimum)} "
            f"{worst}".rstrip()
        )
    where = f" in {escape(f.folder)}" if f.folder else ""
    lines = [
        heading,
        "",
        f"{s.configs} configs{where} as of {f.as_of.isoformat()}, profile {escape(f.profile)}.",
    ]
    if s.lowest:
        lines[-1] += " Lowest: " + ", ".join(escape(f.short(p)) for p in s.lowest) + "."
    if s.invalid:
        lines += ["", f"**{s.invalid} invalid config{'s' if s.invalid != 1 else ''}**: "
                      "fix them first (see the table); the run exits 2."]
    counts = [str(s.bands[b]) for b in ("red", "yellow", "green")] + [str(s.invalid)]
    header = [_band(b) for b in ("red", "yellow", "green")] + ["invalid"]
    return [*lines, "", *gfm_table(header, "rrrr", [counts])]


def _band(band: str | None) -> str:
    """"🟡 yellow" (the band's name: a fleet table has no room for the words)."""
    return f"{BAND_EMOJI[band]} {band}" if band else c.NO_SCORE


def _cap(row: Row) -> str:
    """"<br>capped: GOV-005 (critical) fails for Acme (+1 more)", or "" when not capped."""
    if not row.capped or not row.cap_reasons:
        return ""
    more = len(row.cap_reasons) - 1
    return f"<br>capped: {escape(row.cap_reasons[0])}" + (f" (+{more} more)" if more else "")


def _row(f: Fleet, rank: int, row: Row) -> tuple[str, ...]:
    name = escape(f.short(row.path))
    if not row.valid:
        return (str(rank), name, "—", "**invalid**", "—", "—", escape(problem_line(row.problem)))
    gap = row.top_gap
    fix = f"**{escape(gap.control_id)}** {escape(gap.title)} ({c.gain(gap.gain)})" if gap else ""
    return (
        str(rank),
        name,
        c.num(row.score),
        _band(row.band) + _cap(row),
        c.num(row.raw_score),
        str(len(row.failing)),
        fix,
    )


def _sites(f: Fleet) -> list[str]:
    rows = [_row(f, rank, row) for rank, row in enumerate(f.attention(), 1)]
    header = ("#", "Config", "Score", "Band", "Raw", "Failing", "Fix first")
    n = len(rows)
    return [
        "### Sites, those that need attention first",
        "",
        f"<details open><summary>{n} config{'s' if n != 1 else ''}, lowest score first"
        "</summary>",
        "",
        *gfm_table(header, "rlrlrrl", rows),
        "",
        "</details>",
    ]


def _spread(f: Fleet, options: RenderOptions) -> list[str]:
    spread = f.summary.spread
    if not spread:
        return ["### Controls failing in the most sites", "", "None: no control fails in any site."]
    shown = spread if options.verbose else spread[:TOP_CONTROLS]
    rows = []
    for item in shown:
        names = ", ".join(escape(f.short(p)) for p in item.configs)
        rows.append(
            (
                f"**{escape(item.control_id)}** {escape(item.title)}",
                escape(item.severity),
                f"{item.sites} of {f.summary.configs}",
                f"<details><summary>{item.sites} sites</summary>{names}</details>",
            )
        )
    title = "### Controls failing in the most sites"
    if len(shown) < len(spread):
        title += f" ({len(shown)} of {len(spread)})"
    lines = [title, "", *gfm_table(("Control", "Severity", "Sites", "Which"), "llrl", rows)]
    if len(shown) < len(spread):
        rest = len(spread) - len(shown)
        lines += ["", f"{rest} more not shown (the JSON report lists them all)."]
    return lines


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    """The whole Markdown fleet report, ending in a newline."""
    options = options or RenderOptions()
    sections = [
        _header(fleet),
        _sites(fleet),
        _spread(fleet, options),
        [
            "---",
            "",
            "Failing: controls that fail or could not decide under the rule in force. "
            "Fix first: the top of that site's action plan (ranked by risk: severity, "
            "legal basis, then points gained). "
            "Band: the lower of the band by score and the cap from open findings (a failing "
            "or partial critical control caps it at red, a failing high one at yellow).",
            "",
            f"_{c.DISCLAIMER}_",
        ],
    ]
    return c.join_blocks(sections)

