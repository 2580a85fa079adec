"""The fleet report as text: how a health system's sites stand, in the terminal.

Top-down: the fleet in numbers (mean, minimum, bands, invalid configs), then one line per
site with the sites that need attention first on top (invalid configs, then the lowest
scores), each with its failing controls, the top of its action plan and, when open findings
cap its band, the first control that caps it (and how many more), then the controls failing
in the most sites. Configs are named relative to the folder they share, said once in the
header. Plain unless colors are asked for, like the single report.
"""

from __future__ import annotations

from phi_policy.model.fleet import Fleet, Row, Spread
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.problems import problem_line
from phi_policy.reporters.text import BAND_COLORS, Painter, wrap

#: How many controls the "failing in the most sites" section lists, and sites per control.
TOP_CONTROLS = 10
SITES_SHOWN = 6
ID_WIDTH = 8
INVALID = "INVALID"
DASH = "-"


def _header(f: Fleet, paint: Painter) -> list[str]:
    s = f.summary
    where = f" in {f.folder}" if f.folder else ""
    lines = [
        paint.heading(f"phi-policy check: {s.configs} configs{where}"),
        f"as of {f.as_of.isoformat()}, profile {f.profile}",
        "",
    ]
    if s.mean is None or s.minimum is None:
        lines.append(f"Mean {c.NO_SCORE}  no config has a score")
    else:
        lowest = ", ".join(f.short(p) for p in s.lowest)
        lines.append(
            f"Mean {paint(c.num(s.mean), bold=True)} / 100, minimum "
            f"{paint(c.num(s.minimum), bold=True)} ({lowest})"
        )
    bands = [paint.band(f"{s.bands[b]} {b.upper()}", b) for b in ("red", "yellow", "green")]
    tail = []
    if s.invalid:
        tail.append(paint(f"{s.invalid} invalid", "red", bold=True))
    if s.unscored:
        tail.append(f"{s.unscored} with no applicable controls")
    lines.append("Bands: " + ", ".join(bands) + (f"; {', '.join(tail)}" if tail else ""))
    return lines


def _row(f: Fleet, rank: int, row: Row, width: int, paint: Painter) -> str:
    name = f.short(row.path).ljust(width)
    if not row.valid:
        problem = problem_line(row.problem)
        if problem.startswith(row.path + ":"):
            problem = "line " + problem[len(row.path) + 1 :]
        status = paint(INVALID.ljust(7), "red", bold=True)
        return f"{rank:>5}  {DASH:>5}  {DASH:>5}  {status}  {DASH:>7}  {name}  {problem}"
    band = row.band.upper() if row.band else c.NO_SCORE
    status = paint(band.ljust(7), BAND_COLORS.get(row.band or ""), bold=True)
    gap = row.top_gap
    fix = f"{gap.control_id} {c.gain(gap.gain)}" if gap else DASH
    return (
        f"{rank:>5}  {c.num(row.score):>5}  {c.num(row.raw_score):>5}  {status}  "
        f"{len(row.failing):>7}  {name}  {fix}{cap_note(row)}"
    )


def cap_note(row: Row) -> str:
    """"  capped by GOV-005 +1 more", or "" when the band is the band by score: a site's band
    is never shown without what holds it below its score (the control ids only, to keep the
    row within the width; the JSON, Markdown and HTML reports say the reason in full)."""
    if not row.capped or not row.cap_reasons:
        return ""
    more = len(row.cap_reasons) - 1
    return f"  capped by {row.cap_reasons[0].split()[0]}" + (f" +{more} more" if more else "")


def _sites(f: Fleet, paint: Painter) -> list[str]:
    rows = f.attention()
    width = max((len(f.short(r.path)) for r in rows), default=6)
    lines = [
        paint.heading("Sites, those that need attention first"),
        f"{'rank':>5}  {'score':>5}  {'raw':>5}  {'band':<7}  {'failing':>7}  "
        f"{'config'.ljust(width)}  fix first",
    ]
    lines += [_row(f, rank, row, width, paint) for rank, row in enumerate(rows, 1)]
    return lines


def _spread_item(f: Fleet, item: Spread, options: RenderOptions) -> list[str]:
    head = f"  {item.sites:>5}  {item.control_id:<{ID_WIDTH}}  {item.severity:<8}  "
    lines = wrap(item.title, " " * len(head), head)
    names = [f.short(p) for p in item.configs]
    if not options.verbose and len(names) > SITES_SHOWN:
        names = [*names[:SITES_SHOWN], f"and {len(names) - SITES_SHOWN} more"]
    lines += wrap(", ".join(names), " " * 9)
    return lines


def _spread(f: Fleet, options: RenderOptions, paint: Painter) -> list[str]:
    spread = f.summary.spread
    title = "Controls failing in the most sites"
    if not spread:
        return [paint.heading(title), "  none: no control fails in any site"]
    shown = spread if options.verbose else spread[:TOP_CONTROLS]
    if len(shown) < len(spread):
        title += f" ({len(shown)} of {len(spread)})"
    lines = [paint.heading(title), f"  {'sites':>5}  {'control':<{ID_WIDTH}}  severity  title"]
    for item in shown:
        lines += _spread_item(f, item, options)
    if len(shown) < len(spread):
        lines.append(f"  ... {len(spread) - len(shown)} more (-v lists them all, as does JSON)")
    return lines


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    """The whole fleet report, ending in a newline."""
    options = options or RenderOptions()
    paint = Painter(options.color)
    blocks = [
        _header(fleet, paint),
        _sites(fleet, paint),
        _spread(fleet, options, paint),
        [*wrap("Failing: controls that fail or could not decide under the rule in force. "
                "Fix first: the top of that site's action plan (ranked by risk: severity, "
                "legal basis, then points gained). Band: the lower of the "
                "band by score and the cap from open findings (a failing or partial critical "
                "control caps it at red, a failing high one at yellow).", ""), c.DISCLAIMER],
    ]
    return c.join_blocks(blocks)
