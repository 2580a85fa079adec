"""The HTML report: one self-contained file an auditor can open, print and keep.

Everything is inline (CSS, and the charts as SVG); nothing is fetched, so the file reads the
same offline, years later, inside an evidence bundle. It answers the auditor's questions in
order: how do we stand (score, band and, when open findings cap the band, why, so that a
number never contradicts its band), what to fix and when (the action plan, ranked by risk and
grouped by priority), every finding with its severity, legal basis, citation, YAML line and
remediation, which documented decisions count as compliant and on whose authority, what falls
due, what other laws ask (scored apart, never in the HIPAA score), how ready we are for the
proposed rule, and, when the caller passes them, the score over time and when each control
changed status, by which commit and author.

Every piece of text from the assessment is user data, so markup is built only through the
escaping builder (reporters/html_builder.py). The output is deterministic: no timestamps,
fixed number formats.
"""

from __future__ import annotations

from collections.abc import Sequence

from phi_policy import __version__
from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.model import (
    DOMAIN_TITLES,
    Assessment,
    ControlTimeline,
    HistoryPoint,
    Upcoming,
)
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.charts import Bar, bar_list, domain_chart
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_findings import (
    decisions_section,
    errors_section,
    findings_section,
    fix_section,
    other_law_section,
    readiness_section,
    to_declare_section,
    upcoming_section,
)
from phi_policy.reporters.html_history import history_section, timelines_section
from phi_policy.reporters.html_parts import (
    SCRIPT,
    band_tag,
    control,
    fold,
    nav,
    page_head,
    path,
    prose,
    risk,
    section,
    table,
)

#: The summary lists this many fixes (the top of the action plan) and dates falling due.
TOP_FIXES = 5
TOP_DUE = 5


def _head(a: Assessment) -> Html:
    return page_head(f"phi-policy report: {a.source} as of {a.as_of.isoformat()}")


def _header(a: Assessment) -> Html:
    facts: list[object] = [
        "as of ", el("time", a.as_of.isoformat(), datetime=a.as_of.isoformat()),
        ", profile ", el("code", a.profile),
    ]
    if a.revision:
        facts += [", read at revision ", el("code", a.revision.rev),
                  " (commit ", el("code", a.revision.commit[:12]), ")"]
    return el(
        "header",
        el("p", "phi-policy compliance report", class_="kicker"),
        el("h1", path(a.source)),
        el("p", facts, class_="meta"),
        class_="report-head",
    )


def _summary(a: Assessment, options: RenderOptions) -> Html:
    """What fits one screen: the score, its band and why it is capped, the domains, the top
    fixes and what falls due. Every section below it holds the details, folded."""
    if a.score is None:
        card = el(
            "div",
            el("p", el("span", c.NO_SCORE, class_="score-value"), class_="score"),
            el("p", "no applicable controls to score", class_="band-line"),
            class_="scorecard",
        )
    else:
        card = el(
            "div",
            el("p", el("span", c.num(a.score), class_="score-value"),
               el("span", " / 100", class_="score-of"), class_="score"),
            el("p", band_tag(a.band), class_="band-line"),
            _cap_note(a),
            class_=f"scorecard card-{a.band}",
        )
    facts: list[Html] = []
    if c.num(a.raw_score) != c.num(a.score):
        facts.append(el("li", "As specified, without documented decisions: ",
                        el("strong", c.num(a.raw_score)), " (", band_tag(a.raw_band), ")"))
    if a.other_law_score is not None:
        label = c.OTHER_LAW_LABEL[0].upper() + c.OTHER_LAW_LABEL[1:]
        facts.append(el("li", f"{label}: ", el("strong", c.num(a.other_law_score)),
                        " / 100, scored apart (never in the HIPAA score or band)"))
    if a.readiness is not None:
        facts.append(el("li", "Proposed-rule readiness ", el("strong", c.num(a.readiness)),
                        f" / 100 ({c.NPRM_LABEL}: proposed, not in force)"))
    facts.append(el("li", "Controls: ", c.counts_line(a.results)))
    return section(
        "summary", "Summary",
        el("div",
           el("div", card, el("ul", facts, class_="facts"), class_="glance-score"),
           el("div", el("h3", "Domains"), _domain_bars(a), class_="glance-domains"),
           el("div", el("h3", "Fix first"), _top_fixes(a, options), class_="glance-fixes"),
           el("div", el("h3", f"Coming due within {a.horizon_days} days"), _due_soon(a),
              class_="glance-due"),
           class_="glance"),
    )


def _domain_bars(a: Assessment) -> Html:
    """A bar per domain, each named by a link to its findings (when it has any)."""
    listed = {r.domain for r in c.current(a.results)}
    bars = []
    for d in a.domains:
        band = band_of(d.score)
        value = f"{c.num(d.score)} {band}" if d.score is not None else c.NO_SCORE
        title = DOMAIN_TITLES[d.domain]
        name = el("a", title, href=f"#findings-{d.domain}") if d.domain in listed else title
        bars.append(Bar(join([name]), d.score, band, value, f"{title}: {value}"))
    return bar_list(bars, ident="domain-bars", label="Domain scores, 0 to 100")


def _top_fixes(a: Assessment, options: RenderOptions) -> Html:
    """The first TOP_FIXES of the action plan, one line each: what, how urgent, how much."""
    if not a.recommendations:
        return el("p", "Nothing: every applicable control passes.")
    recs = a.recommendations[: min(TOP_FIXES, max(0, options.max_recommendations))]
    items = [
        el("li", control(rec.control_id, rec.title, c.turns(rec.due_in_days)), " ",
           el("span", risk(rec), " ", c.priority_word(rec.priority), ", ", c.gain(rec.gain),
              class_="fix-meta"))
        for rec in recs
    ]
    return join([el("ol", items, class_="top-fixes") if items else None,
                 el("p", el("a", "The action plan, with where and how to fix each",
                            href="#fix"), class_="more")])


def _due_soon(a: Assessment) -> Html:
    """The first TOP_DUE dates of Coming due, one line each."""
    if not a.upcoming:
        return el("p", "Nothing turns within the horizon.")
    shown = a.upcoming[:TOP_DUE]
    more = len(a.upcoming) - len(shown)
    return join([el("ul", [_due(u) for u in shown], class_="due"),
                 el("p", el("a", f"{more} more under Coming due", href="#upcoming"),
                    class_="more") if more else None])


def _due(u: Upcoming) -> Html:
    when = "today" if u.in_days == 0 else f"in {u.in_days} day{'s' if u.in_days != 1 else ''}"
    stake = c.points_at_stake(u.points)
    return el("li", el("span", u.on.isoformat(), class_="date"), f" ({when}) ",
              el("strong", u.control_id, class_="cid"), ": ", prose(u.message),
              el("span", f" {stake}", class_="stake") if stake else None)


def _cap_note(a: Assessment) -> Html | None:
    """Beside the number, why the band is lower than the number alone would give: a score of
    89.9 shown as RED must say which open finding holds it there."""
    cap = c.cap_summary(a)
    if cap is None:
        return None
    head, _, reasons = cap.partition(": ")
    return el("p", el("strong", head), ": ", reasons, class_="capped")


def _ledger(a: Assessment) -> Html:
    if not a.ledger:
        return Html("")
    titles = {r.control_id: r.title for r in a.results}
    rows = sorted(a.ledger, key=lambda item: (-round(item[1], 9), item[0]))
    lost = sum(points for _, points in a.ledger)
    return el(
        "details",
        el("summary", f"Where the points went: {c.num(lost)} lost across "
                      f"{len(rows)} control{'s' if len(rows) != 1 else ''}"),
        table(("Control", "Points lost"),
              ((control(cid, titles.get(cid, "")), f"-{c.num(p)}") for cid, p in rows),
              numeric=(1,), class_="ledger"),
    )


def _domains(a: Assessment, *, open_: bool = False) -> Html:
    rows = [
        (DOMAIN_TITLES[d.domain], c.num(d.score), c.num(d.raw_score),
         band_tag(band_of(d.score)) if d.score is not None else "no applicable controls",
         str(d.controls))
        for d in a.domains
    ]
    lost = sum(points for _, points in a.ledger)
    where_lost = f", and where the {c.num(lost)} points lost went" if a.ledger else ""
    return section(
        "domains", "Domain scores",
        el("p", "Domain bands are by score alone; only the overall band is capped by open "
                "critical and high findings.", class_="note"),
        fold(f"The chart and the table of the {len(a.domains)} domains{where_lost}",
             el("figure", domain_chart(a.domains),
                el("figcaption", f"Bands: red below {RED_BELOW:.0f}, yellow {RED_BELOW:.0f} to "
                                 f"below {GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} "
                                 "(dashed lines).")),
             table(("Domain", "Score", "As specified", "Band", "Controls"), rows,
                   numeric=(1, 2, 4), class_="domains"),
             _ledger(a),
             open_=open_),
    )


# --- the page ------------------------------------------------------------------------------


def _footer(a: Assessment) -> Html:
    return el(
        "footer",
        el("p", f"Controls under the rule in force: {c.counts_line(a.results)}."),
        el("p", f"Generated by phi-policy {__version__} from {a.source} as of "
                f"{a.as_of.isoformat()}."),
        el("p", el("strong", c.DISCLAIMER), class_="disclaimer"),
    )


def render(
    assessment: Assessment,
    options: RenderOptions | None = None,
    *,
    history: Sequence[HistoryPoint] = (),
    timelines: Sequence[ControlTimeline] = (),
) -> str:
    """The whole report as one HTML5 document, ending in a newline.

    `history` (oldest first) adds the score-over-time chart, `timelines` the control
    timelines; both are left out when empty. `options.verbose` opens every fold.
    """
    options = options or RenderOptions()
    a = assessment
    unfold = options.verbose >= 1
    sections = [
        ("summary", "Summary", _summary(a, options)),
        ("domains", "Domains", _domains(a, open_=unfold)),
        ("fix", "Action plan", fix_section(a, options, open_=unfold)),
        ("to-declare", "To declare", to_declare_section(a)),
        ("findings", "Findings", findings_section(a, options, open_=unfold)),
        ("decisions", "Decisions", decisions_section(a, open_=unfold)),
        ("errors", "Errors", errors_section(a, open_=unfold)),
        ("upcoming", "Coming due", upcoming_section(a, open_=unfold)),
        ("other-law", "Other law", other_law_section(a, open_=unfold)),
        ("readiness", "Proposed rule", readiness_section(a, open_=unfold)),
        ("history", "History", history_section(history, open_=unfold)),
        ("timelines", "Timelines", timelines_section(timelines, history, a.as_of,
                                                     open_=unfold)),
    ]
    present = [(key, title, body) for key, title, body in sections if body]
    main = el("main", join((body for _, _, body in present), "\n"))
    body = el("body", _header(a), "\n", nav([(k, t) for k, t, _ in present]), "\n", main, "\n",
              _footer(a), "\n", el("script", Html(SCRIPT)))
    page = el("html", "\n", _head(a), "\n", body, "\n", lang="en")
    return f"<!DOCTYPE html>\n{page}\n"

