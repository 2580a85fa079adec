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
from phi_policy.model import SEVERITIES
from phi_policy.model.fleet import Fleet, Row
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.charts import Bar, bar_list
from phi_policy.reporters.fleet_text import TOP_CONTROLS
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_parts import (
    SCRIPT,
    band_tag,
    control,
    fold,
    nav,
    page_head,
    path,
    section,
    table,
)
from phi_policy.reporters.problems import problem_line

#: The chart shows at most this many sites (those that need attention first).
CHART_SITES = 60
#: Each site's section names the failing controls of these severities with their titles (the
#: others by id only, so that a fleet of hundreds of sites stays a page a browser opens).
TITLED = ("critical",)


def _head(f: Fleet) -> Html:
    title = f"phi-policy fleet report: {f.summary.configs} configs as of {f.as_of.isoformat()}"
    return page_head(title)


def _anchors(f: Fleet) -> dict[str, str]:
    """Path -> the id of the site's section on this page (by path order, so stable for a
    given fleet). `check` over a fleet writes this one page and no per-site report, so a
    site's row, bar and mentions link here."""
    return {row.path: f"site-{i}" for i, row in enumerate(f.rows, 1)}


def _site_link(f: Fleet, anchors: dict[str, str], site: str) -> Html:
    return el("a", el("code", path(f.short(site)), class_="where"), href=f"#{anchors[site]}")


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


def _summary(f: Fleet, anchors: dict[str, str]) -> Html:
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
        lowest = join((_site_link(f, anchors, p) for p in s.lowest), ", ")
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


def _chart(f: Fleet, anchors: dict[str, str]) -> Html:
    """One bar per scored site, those that need attention first, with the 60/80 thresholds;
    each site's name links to its section."""
    rows = [r for r in f.attention() if r.score is not None][:CHART_SITES]
    if not rows:
        return Html("")
    bars = [
        Bar(_site_link(f, anchors, r.path), r.score, r.band,
            c.num(r.score) + (" capped" if r.capped else ""),
            f"{f.short(r.path)}: {c.num(r.score)} {r.band}"
            + (f" (capped: {r.cap_reasons[0]})" if r.capped and r.cap_reasons else ""))
        for r in rows
    ]
    shown = len(rows)
    scored = f.summary.scored
    caption = (f"The {shown} lowest of {scored} scores. " if shown < scored else "") + (
        f"Bars from 0 to 100. Bands: red below {RED_BELOW:.0f}, yellow {RED_BELOW:.0f} to "
        f"below {GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} (dashed lines)."
    )
    chart = bar_list(bars, ident="site-chart", label="Site scores, lowest first",
                     ordered=True)
    return el("figure", chart, el("figcaption", caption), class_="site-chart")


def _row(f: Fleet, anchors: dict[str, str], rank: int, row: Row) -> tuple[object, ...]:
    name = _site_link(f, anchors, row.path)
    if not row.valid:
        problem = el("span", problem_line(row.problem), class_="invalid-text")
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


def _sites(f: Fleet, anchors: dict[str, str]) -> Html:
    rows = [_row(f, anchors, rank, row) for rank, row in enumerate(f.attention(), 1)]
    return section(
        "sites", "Sites, those that need attention first",
        _chart(f, anchors),
        table(("#", "Config", "Score", "Band", "Raw score", "Failing", "Fix first"), rows,
              numeric=(0, 2, 4, 5), class_="sites", widths=(5, 22, 8, 16, 9, 8, 32)),
        el("p", "Failing: controls that fail or could not decide under the rule in force. "
                "Fix first: the top of that site's action plan (ranked by risk: severity, "
                "legal basis, then points gained). Band: the lower of the "
                "band by score and the cap from open findings (a failing or partial critical "
                "control caps it at red, a failing high one at yellow).", class_="note"),
    )


def _spread(f: Fleet, anchors: dict[str, str], options: RenderOptions) -> Html:
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
               join((_site_link(f, anchors, p) for p in item.configs), ", ")),
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


def _each_site(f: Fleet, anchors: dict[str, str], options: RenderOptions) -> Html:
    """A section per site, in the order of attention: what the row says, in full."""
    articles = [_site(f, anchors[row.path], rank, row) for rank, row in enumerate(f.attention(), 1)]
    return section(
        "each-site", "Each site",
        fold(f"The {f.summary.configs} sites one by one: every reason a band is capped, the "
             "fix worth most, the failing controls", *articles, open_=options.verbose >= 1),
    )


def _site(f: Fleet, anchor: str, rank: int, row: Row) -> Html:
    """What a row of the sites table shortens: every cap reason, every failing control, the
    gates the site fails, or why its config is invalid."""
    verdict: object = (el("span", "INVALID", class_="band band-red") if not row.valid
                       else band_tag(row.band))
    head = el("h3", el("code", path(f.short(row.path)), class_="where"), " ",
              c.num(row.score) if row.valid else "", " ", verdict, id=f"{anchor}-h")
    facts: list[object] = [el("li", f"{rank} of {f.summary.configs} in the order of attention")]
    if not row.valid:
        more = row.problems - 1
        problem = el("span", problem_line(row.problem), class_="invalid-text")
        facts.append(el("li", "Invalid: ", problem,
                        f" (+{more} more: phi-policy validate lists them)" if more > 0 else ""))
    else:
        facts.append(el("li", f"Score {c.num(row.score)}, as specified (no decision honoured) "
                              f"{c.num(row.raw_score)}"))
        if row.capped and row.cap_reasons:
            facts.append(el("li", "Band capped by: ", join(row.cap_reasons, "; "),
                            class_="capped"))
        if row.top_gap:
            gap = row.top_gap
            facts.append(el("li", "Fix first: ", control(gap.control_id, gap.title),
                            f" ({c.gain(gap.gain)})"))
        facts += [el("li", "Gate: ", gate, class_="capped") for gate in row.gates]
        facts.append(el("li", _failing(row)))
    return el("article", head, el("ul", facts, class_="facts"),
              el("p", el("a", "Back to the sites", href="#sites"), class_="more"),
              id=anchor, class_="site", aria_labelledby=f"{anchor}-h")


def _failing(row: Row) -> Html:
    """The failing controls by severity: the serious ones with their titles, the rest by id."""
    if not row.failing:
        return join(["No control fails", f"; {row.partial} partial" if row.partial else ""])
    parts: list[Html] = []
    for severity in SEVERITIES:
        found = [x for x in row.failing if x.severity == severity]
        if not found:
            continue
        names = (join((control(x.control_id, x.title) for x in found), "; ")
                 if severity in TITLED
                 else join((el("span", x.control_id, class_="cid") for x in found), ", "))
        parts.append(el("li", el("span", severity, class_=f"sev sev-{severity}"),
                        f" {len(found)}: ", names))
    partial = f", {row.partial} partial" if row.partial else ""
    return join([f"Failing: {len(row.failing)} control{'s' if len(row.failing) != 1 else ''}"
                 f"{partial}",
                 el("ul", parts, class_="failing")])


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
    anchors = _anchors(fleet)
    sections = [
        ("summary", "Fleet", _summary(fleet, anchors)),
        ("sites", "Sites", _sites(fleet, anchors)),
        ("spread", "Failing most widely", _spread(fleet, anchors, options)),
        ("each-site", "Each site", _each_site(fleet, anchors, options)),
    ]
    main = el("main", join((body for _, _, body in sections), "\n"))
    body = el("body", _header(fleet), "\n", nav([(k, t) for k, t, _ in sections]), "\n", main,
              "\n", _footer(fleet), "\n", el("script", Html(SCRIPT)))
    page = el("html", "\n", _head(fleet), "\n", body, "\n", lang="en")
    return f"<!DOCTYPE html>\n{page}\n"
