"""The fleet report as one self-contained HTML page, built with the single report's parts.

The same builder (`_el` escapes every piece of config text), stylesheet and page frame as
reporters/html.py, so a fleet page prints and reads like a site's page: the fleet in numbers,
a chart of the sites that need attention first, every site in a table (its band is the capped
band, with the first reason it is capped and how many more), and the controls failing in the
most sites with the sites named. Deterministic: no timestamps.
"""

from __future__ import annotations

from phi_policy import __version__
from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.model import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.fleet_text import TOP_CONTROLS
from phi_policy.reporters.html import (
    BAND_FILL,
    CSS,
    SCRIPT,
    Html,
    _band_tag,
    _control,
    _el,
    _join,
    _n,
    _nav,
    _page_head,
    _path,
    _score_axis,
    _section,
    _table,
)
from phi_policy.reporters.problems import problem_line

#: The chart shows at most this many sites (those that need attention first).
CHART_SITES = 60
FLEET_CSS = """
table.sites td.invalid{color:#a40e26}
svg .site-label{font-size:12px}
"""


def _head(f: Fleet) -> Html:
    title = f"phi-policy fleet report: {f.summary.configs} configs as of {f.as_of.isoformat()}"
    return _page_head(title, CSS + FLEET_CSS)


def _header(f: Fleet) -> Html:
    where = f" in {f.folder}" if f.folder else ""
    return _el(
        "header",
        _el("p", "phi-policy fleet report", class_="kicker"),
        _el("h1", f"{f.summary.configs} configs{where}"),
        _el("p", "as of ", _el("time", f.as_of.isoformat(), datetime=f.as_of.isoformat()),
            ", profile ", _el("code", f.profile), class_="meta"),
        class_="report-head",
    )


def _summary(f: Fleet) -> Html:
    s = f.summary
    if s.mean is None or s.minimum is None:
        card = _el("div", _el("p", _el("span", c.NO_SCORE, class_="score-value"), class_="score"),
                   _el("p", "no config has a score", class_="band-line"), class_="scorecard")
    else:
        band = band_of(s.mean)
        card = _el(
            "div",
            _el("p", _el("span", c.num(s.mean), class_="score-value"),
                _el("span", " / 100 mean", class_="score-of"), class_="score"),
            _el("p", _band_tag(band), class_="band-line"),
            class_=f"scorecard card-{band}",
        )
    facts: list[Html] = []
    if s.minimum is not None:
        lowest = _join((_el("code", f.short(p)) for p in s.lowest), ", ")
        facts.append(_el("li", "Minimum ", _el("strong", c.num(s.minimum)), " (", lowest, ")"))
    facts.append(_el("li", "Bands: ", _join(
        (_join([_band_tag(b), f" {s.bands[b]}"]) for b in ("red", "yellow", "green")), ", ")))
    if s.invalid:
        facts.append(_el("li", _el("strong", f"{s.invalid} invalid"),
                         " (the run exits 2)", class_="capped"))
    if s.unscored:
        facts.append(_el("li", f"{s.unscored} with no applicable controls"))
    return _section("summary", "Fleet", _el("div", card, _el("ul", facts, class_="facts"),
                                            class_="summary"))


def _chart(f: Fleet) -> Html:
    """One bar per scored site, those that need attention first, with the 60/80 thresholds."""
    rows = [r for r in f.attention() if r.score is not None][:CHART_SITES]
    if not rows:
        return Html("")
    label_w, x0, scale, row_h, bar_h, top = 190, 200, 4.0, 22, 14, 8
    width = x0 + 100 * scale + 90
    bottom = top + row_h * len(rows)
    height = bottom + 26
    parts = _score_axis(x0, scale, top, bottom)
    for i, r in enumerate(rows):
        y = top + i * row_h + (row_h - bar_h) / 2
        mid = y + bar_h / 2 + 4
        name = f.short(r.path)
        score = r.score or 0.0
        parts.append(_el("text", name, x=_n(label_w), y=_n(mid), text_anchor="end",
                         class_="label site-label"))
        tip = f"{name}: {c.num(r.score)} {r.band}" + (
            f" (capped: {r.cap_reasons[0]})" if r.capped and r.cap_reasons else "")
        parts.append(_el("rect", _el("title", tip),
                         x=_n(x0), y=_n(y), width=_n(score * scale), height=_n(bar_h),
                         fill=BAND_FILL.get(r.band or "", "none"), class_="bar"))
        parts.append(_el("text", c.num(r.score), x=_n(x0 + score * scale + 6), y=_n(mid),
                         class_="value"))
    label = "Site scores, lowest first: " + "; ".join(
        f"{f.short(r.path)} {c.num(r.score)}" for r in rows
    )
    shown = len(rows)
    scored = f.summary.scored
    caption = (f"The {shown} lowest of {scored} scores. " if shown < scored else "") + (
        f"Bands: red below {RED_BELOW:.0f}, yellow {RED_BELOW:.0f} to below "
        f"{GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} (dashed lines)."
    )
    svg = _el("svg", parts, id="site-chart", viewBox=f"0 0 {width:.0f} {height:.0f}",
              width=f"{width:.0f}", height=f"{height:.0f}", role="img", aria_label=label)
    return _el("figure", svg, _el("figcaption", caption))


def _row(f: Fleet, rank: int, row: Row) -> tuple[object, ...]:
    name = _el("code", _path(f.short(row.path)), class_="where")
    if not row.valid:
        problem = _el("span", problem_line(row.problem), class_="invalid-text")
        return (str(rank), name, "—", _el("span", "INVALID", class_="band band-red"), "—", "—",
                problem)
    gap = row.top_gap
    fix = _join([_control(gap.control_id, gap.title), f" ({c.gain(gap.gain)})"]) if gap else ""
    return (str(rank), name, c.num(row.score), _join([_band_tag(row.band), _cap(row)]),
            c.num(row.raw_score), str(len(row.failing)), fix)


def _cap(row: Row) -> Html | None:
    """Under a capped band, the first reason it is capped (and how many more)."""
    if not row.capped or not row.cap_reasons:
        return None
    more = len(row.cap_reasons) - 1
    return _el("span", Html("<br>"), "capped: ", row.cap_reasons[0],
               f" (+{more} more)" if more else "", class_="capped")


def _sites(f: Fleet) -> Html:
    rows = [_row(f, rank, row) for rank, row in enumerate(f.attention(), 1)]
    return _section(
        "sites", "Sites, those that need attention first",
        _chart(f),
        _table(("#", "Config", "Score", "Band", "Raw score", "Failing", "Fix first"), rows,
               numeric=(0, 2, 4, 5), class_="sites", widths=(5, 22, 8, 16, 9, 8, 32)),
        _el("p", "Failing: controls that fail or could not decide under the rule in force. "
                 "Fix first: the top of that site's action plan (ranked by risk: severity, "
                 "legal basis, then points gained). Band: the lower of the "
                 "band by score and the cap from open findings (a failing or partial critical "
                 "control caps it at red, a failing high one at yellow).", class_="note"),
    )


def _spread(f: Fleet, options: RenderOptions) -> Html:
    spread = f.summary.spread
    title = "Controls failing in the most sites"
    if not spread:
        return _section("spread", title, _el("p", "None: no control fails in any site."))
    shown = spread if options.verbose else spread[:TOP_CONTROLS]
    rows = [
        (
            _control(item.control_id, item.title),
            item.severity,
            f"{item.sites} of {f.summary.configs}",
            _el("details", _el("summary", f"{item.sites} sites"),
                _join((_el("code", f.short(p)) for p in item.configs), ", ")),
        )
        for item in shown
    ]
    body: list[object] = [_table(("Control", "Severity", "Sites", "Which"), rows, numeric=(2,),
                                 widths=(45, 10, 10, 35))]
    if len(shown) < len(spread):
        title += f" ({len(shown)} of {len(spread)})"
        body.append(_el("p", f"{len(spread) - len(shown)} more not shown (the JSON report "
                             "lists them all).", class_="note"))
    return _section("spread", title, *body)


def _footer(f: Fleet) -> Html:
    return _el(
        "footer",
        _el("p", f"Generated by phi-policy {__version__} from {f.summary.configs} configs as of "
                 f"{f.as_of.isoformat()}."),
        _el("p", _el("strong", c.DISCLAIMER), class_="disclaimer"),
    )


def render(fleet: Fleet, options: RenderOptions | None = None) -> str:
    """The whole fleet page as one HTML5 document, ending in a newline."""
    options = options or RenderOptions()
    sections = [
        ("summary", "Fleet", _summary(fleet)),
        ("sites", "Sites", _sites(fleet)),
        ("spread", "Failing most widely", _spread(fleet, options)),
    ]
    main = _el("main", _join((body for _, _, body in sections), "\n"))
    body = _el("body", _header(fleet), "\n", _nav([(k, t) for k, t, _ in sections]), "\n", main,
               "\n", _footer(fleet), "\n", _el("script", Html(SCRIPT)))
    page = _el("html", "\n", _head(fleet), "\n", body, "\n", lang="en")
    return f"<!DOCTYPE html>\n{page}\n"
