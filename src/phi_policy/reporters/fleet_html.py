"""The fleet report as one self-contained HTML page, built with the single report's parts.

The same builder (`el` escapes every piece of config text), stylesheet and page frame
(reporters/html_builder.py, reporters/html_parts.py) as reporters/html.py, so a fleet page
prints and reads like a site's page: the fleet in numbers, a chart of the sites that need
attention first, every site in a table (its band is the capped band, with the first reason it
is capped and how many more), and the controls failing in the most sites with the sites named.
Deterministic: no timestamps.
"""

from __future__ import annotations

from phi_policy import __version__
from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.fleet.assess import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.charts import SiteBar, site_chart
from phi_policy.reporters.fleet_text import TOP_CONTROLS
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_parts import (
    SCRIPT,
    band_tag,
    control,
    nav,
    page_head,
    path,
    section,
    stylesheet,
    table,
)

#: The chart shows at most this many sites (those that need attention first).
CHART_SITES = 60
FLEET_CSS = """
table.sites td.invalid{color:#a40e26}
svg .site-label{font-size:12px}
"""


def _head(f: Fleet) -> Html:
    title = f"phi-policy fleet report: {f.summary.configs} configs as of {f.as_of.isoformat()}"
    return page_head(title, stylesheet() + FLEET_CSS)


def _header(f: Fleet) -> Html:
    where = f" in {f.folder}" if f.folder else ""
    return el(
        "header",
        el("p", "phi-policy fleet report", class_="kicker"),
        el("h1", f"{f.summary.configs} configs{where}"),
        el("p", "as of ", el("time", f.as_of.isoformat(), datetime=f.as_of.isoformat()),
           ", profile ", el("code", f.profile), class_="meta"),
        class_="report-head",
    )


def _summary(f: Fleet) -> Html:
    s = f.summary
    if s.mean is None or s.minimum is None:
        card = el("div", el("p", el("span", c.NO_SCORE, class_="score-value"), class_="score"),
                  el("p", "no config has a score", class_="band-line"), class_="scorecard")
    else:
        band = band_of(s.mean)
        card = el(
            "div",
            el("p", el("span", c.num(s.mean), class_="score-value"),
               el("span", " / 100 mean", class_="score-of"), class_="score"),
            el("p", band_tag(band), class_="band-line"),
            class_=f"scorecard card-{band}",
        )
    facts: list[Html] = []
    if s.minimum is not None:
        lowest = join((el("code", f.short(p)) for p in s.lowest), ", ")
        facts.append(el("li", "Minimum ", el("strong", c.num(s.minimum)), " (", lowest, ")"))
    facts.append(el("li", "Bands: ", join(
        (join([band_tag(b), f" {s.bands[b]}"]) for b in ("red", "yellow", "green")), ", ")))
    if s.invalid:
        facts.append(el("li", el("strong", f"{s.invalid} invalid"),
                        " (the run exits 2)", class_="capped"))
    if s.unscored:
        facts.append(el("li", f"{s.unscored} with no applicable controls"))
    return section("summary", "Fleet", el("div", card, el("ul", facts, class_="facts"),
                                                 class_="summary"))


def _chart(f: Fleet) -> Html:
    """One bar per scored site, those that need attention first, with the 60/80 thresholds."""
    rows = [r for r in f.attention() if r.score is not None][:CHART_SITES]
    if not rows:
        return Html("")
    bars = [
        SiteBar(f.short(r.path), r.score or 0.0, r.band,
                f" (capped: {r.cap_reasons[0]})" if r.capped and r.cap_reasons else "")
        for r in rows
    ]
    shown = len(rows)
    scored = f.summary.scored
    caption = (f"The {shown} lowest of {scored} scores. " if shown < scored else "") + (
        f"Bands: red below {RED_BELOW:.0f}, yellow {RED_BELOW:.0f} to below "
        f"{GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} (dashed lines)."
    )
    return el("figure", site_chart(bars), el("figcaption", caption))


def _row(f: Fleet, rank: int, row: Row) -> tuple[object, ...]:
    name = el("code", path(f.short(row.path)), class_="where")
    if not row.valid:
        problem = el("span", row.first_problem, class_="invalid-text")
        return (str(rank), name, "—", el("span", "INVALID", class_="band band-red"), "—", "—",
                problem)
    gap = row.top_gap
    fix = join([control(gap.control_id, gap.title), f" ({c.gain(gap.gain)})"]) if gap else ""
    return (str(rank), name, c.num(row.score), join([band_tag(row.band), _cap(row)]),
            c.num(row.raw_score), str(len(row.failing)), fix)


def _cap(row: Row) -> Html | None:
    """Under a capped band, the first reason it is capped (and how many more)."""
    if not row.capped or not row.cap_reasons:
        return None
    more = len(row.cap_reasons) - 1
    return el("span", Html("<br>"), "capped: ", row.cap_reasons[0],
              f" (+{more} more)" if more else "", class_="capped")


def _sites(f: Fleet) -> Html:
    rows = [_row(f, rank, row) for rank, row in enumerate(f.attention(), 1)]
    return section(
        "sites", "Sites, those that need attention first",
        _chart(f),
        table(("#", "Config", "Score", "Band", "Raw score", "Failing", "Fix first"), rows,
              numeric=(0, 2, 4, 5), class_="sites", widths=(5, 22, 8, 16, 9, 8, 32)),
        el("p", "Failing: controls that fail or could not decide under the rule in force. "
                "Fix first: the top of that site's action plan (ranked by risk: severity, "
                "legal basis, then points gained). Band: the lower of the "
                "band by score and the cap from open findings (a failing or partial critical "
                "control caps it at red, a failing high one at yellow).", class_="note"),
    )


def _spread(f: Fleet, options: RenderOptions) -> Html:
    spread = f.summary.spread
    title = "Controls failing in the most sites"
    if not spread:
        return section("spread", title, el("p", "None: no control fails in any site."))
    shown = spread if options.verbose else spread[:TOP_CONTROLS]
    rows = [
        (
            control(item.control_id, item.title),
            item.severity,
            f"{item.sites} of {f.summary.configs}",
            el("details", el("summary", f"{item.sites} sites"),
               join((el("code", f.short(p)) for p in item.configs), ", ")),
        )
        for item in shown
    ]
    body: list[object] = [table(("Control", "Severity", "Sites", "Which"), rows, numeric=(2,),
                                widths=(45, 10, 10, 35))]
    if len(shown) < len(spread):
        title += f" ({len(shown)} of {len(spread)})"
        body.append(el("p", f"{len(spread) - len(shown)} more not shown (the JSON report "
                            "lists them all).", class_="note"))
    return section("spread", title, *body)


def _footer(f: Fleet) -> Html:
    return el(
        "footer",
        el("p", f"Generated by phi-policy {__version__} from {f.summary.configs} configs as of "
                f"{f.as_of.isoformat()}."),
        el("p", el("strong", c.DISCLAIMER), class_="disclaimer"),
    )


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    """The whole fleet page as one HTML5 document, ending in a newline."""
    options = options or RenderOptions()
    sections = [
        ("summary", "Fleet", _summary(fleet)),
        ("sites", "Sites", _sites(fleet)),
        ("spread", "Failing most widely", _spread(fleet, options)),
    ]
    main = el("main", join((body for _, _, body in sections), "\n"))
    body = el("body", _header(fleet), "\n", nav([(k, t) for k, t, _ in sections]), "\n", main,
              "\n", _footer(fleet), "\n", el("script", Html(SCRIPT)))
    page = el("html", "\n", _head(fleet), "\n", body, "\n", lang="en")
    return f"<!DOCTYPE html>\n{page}\n"
