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

Every piece of text from the assessment is user data (a config's values end up in messages),
so markup is built only through `_el`, which escapes every child and attribute that is not
itself markup built by `_el`. The output is deterministic: no timestamps, fixed number formats.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence

from phi_policy import __version__
from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.model import (
    BASES,
    BASIS_WORDS,
    DOMAIN_TITLES,
    DOMAINS,
    STATUSES,
    Assessment,
    Citation,
    ControlTimeline,
    DomainScore,
    HistoryPoint,
    Location,
    Recommendation,
    Result,
)
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c

STATUS_TITLES: dict[str, str] = {
    "pass": "pass",
    "partial": "partial",
    "fail": "fail",
    "not_applicable": "not applicable",
    "error": "error",
}
#: Chart colors; the fills carry no text, the labels beside them are dark on white.
BAND_FILL: dict[str, str] = {"red": "#d1453b", "yellow": "#e3a21a", "green": "#2f9e44"}
STATUS_FILL: dict[str, str] = {
    "pass": "#2f9e44",
    "partial": "#e3a21a",
    "fail": "#d1453b",
    "error": "#8e44ad",
    "not_applicable": "#a8b0b8",
}
SHORT_SHA = 7
#: Status, control, severity and basis, finding, where, citations, remediation (percent of
#: the page width).
FINDING_WIDTHS = (7, 18, 10, 21, 15, 13, 16)
_VOID = frozenset({"meta", "link", "br", "hr", "col", "img", "input"})


class Html(str):
    """Markup already built from escaped parts; every other `str` is escaped when used."""


def _esc(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(html.escape(str(value), quote=True))


def _join(parts: Iterable[object], sep: str = "") -> Html:
    return Html(sep.join(_esc(p) for p in parts if p is not None and p != ""))


def _el(name: str, /, *children: object, **attrs: object) -> Html:
    """`<name attrs>children</name>`: `class_` gives class, `aria_label` gives aria-label.

    Attributes that are None or False are left out; True gives a bare attribute. Children
    may be lists (flattened); None and "" are skipped.
    """
    out = [f"<{name}"]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        attr = key.rstrip("_").replace("_", "-")
        out.append(f" {attr}" if value is True else f' {attr}="{_esc(value)}"')
    out.append(">")
    if name in _VOID:
        return Html("".join(out))
    flat: list[object] = []
    for child in children:
        flat.extend(child if isinstance(child, (list, tuple)) else [child])
    return Html("".join(out) + _join(flat) + f"</{name}>")


def _n(value: float) -> str:
    """An SVG coordinate: one decimal, never "-0.0", so the same chart gives the same bytes."""
    return f"{round(value, 1) + 0.0:.1f}"


# --- small pieces ---------------------------------------------------------------------------


def _status(status: str) -> Html:
    return _el("span", c.STATUS_WORDS[status], class_=f"status s-{status}")


def _band_tag(band: str | None) -> Html:
    if band is None:
        return _el("span", c.NO_SCORE, class_="band")
    return _el("span", f"{band.upper()}: {c.band_word(band)}", class_=f"band band-{band}")


def _risk(r: Result | Recommendation) -> Html:
    """The two facts shown with every finding: its severity and its legal basis, as tags
    (the basis tag's tooltip and the legend under each table say it in full)."""
    return _join([
        _el("span", r.severity, class_=f"sev sev-{r.severity}"),
        " ",
        _el("span", c.BASIS_SHORT[r.basis], class_=f"basis basis-{r.basis}",
            title=BASIS_WORDS[r.basis]),
    ])


def _basis_legend(bases: Iterable[str]) -> Html:
    """What each basis tag in a table means, for the bases the table shows (print has no
    tooltips)."""
    present = set(bases)
    shown = [b for b in BASES if b in present]
    if not shown:
        return Html("")
    return _el("p", "Legal basis: ", _join(
        (_join([_el("span", c.BASIS_SHORT[b], class_=f"basis basis-{b}"), ": ",
                BASIS_WORDS[b]]) for b in shown), "; "), ".", class_="legend basis-legend")


def _control(control_id: str, title: str, note: str = "") -> Html:
    return _join([_el("strong", control_id, class_="cid"), " ", title, note])


def _path(text: str) -> Html:
    """A path that may break after a slash, and only there, in a narrow column."""
    return _join((_el("span", part, class_="seg") for part in text.split("/")), "/<wbr>")


def _where(locations: Sequence[Location], *, col: bool = True) -> Html:
    show = c.where_col if col else c.where
    return _join((_el("code", _path(show(loc)), class_="where") for loc in locations), "<br>")


def _cites(citations: Sequence[Citation]) -> Html:
    return _join(
        (_join([_el("span", cite.section, class_="sec"), " ", cite.title]) for cite in citations),
        "<br>",
    )


def _table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, numeric: Sequence[int] = (),
    class_: str | None = None, widths: Sequence[int] = (),
) -> Html:
    """A table with a header row; the columns listed in `numeric` are right-aligned.

    `widths` (percent, one per column) keep prose columns readable beside paths and citations.
    """
    cols = (_el("colgroup", [_el("col", style=f"width:{w}%") for w in widths])
            if widths else None)
    head = _el("tr", [
        _el("th", h, scope="col", class_="num" if i in numeric else None)
        for i, h in enumerate(header)
    ])
    body = [
        _el("tr", [_el("td", cell, class_="num" if i in numeric else None)
                   for i, cell in enumerate(row)])
        for row in rows
    ]
    return _el(
        "table",
        cols,
        _el("thead", head),
        _el("tbody", body),
        class_=class_,
    )


def _section(key: str, title: object, *body: object, major: bool = False) -> Html:
    return _el(
        "section",
        _el("h2", title, id=f"{key}-h"),
        *body,
        id=key,
        class_="major" if major else None,
        aria_labelledby=f"{key}-h",
    )


# --- the assessment ---------------------------------------------------------------------------


def _head(a: Assessment) -> Html:
    return _page_head(f"phi-policy report: {a.source} as of {a.as_of.isoformat()}", CSS)


def _page_head(title: str, css: str) -> Html:
    """The <head> of a self-contained report: no external resource, not even a favicon."""
    return _el(
        "head",
        _el("meta", charset="utf-8"),
        _el("meta", name="viewport", content="width=device-width, initial-scale=1"),
        _el("meta", name="color-scheme", content="light"),
        _el("meta", name="generator", content=f"phi-policy {__version__}"),
        _el("link", rel="icon", href="data:,"),
        _el("title", title),
        _el("style", Html(css)),
    )


def _header(a: Assessment) -> Html:
    facts: list[object] = [
        "as of ", _el("time", a.as_of.isoformat(), datetime=a.as_of.isoformat()),
        ", profile ", _el("code", a.profile),
    ]
    if a.revision:
        facts += [", read at revision ", _el("code", a.revision.rev),
                  " (commit ", _el("code", a.revision.commit[:12]), ")"]
    return _el(
        "header",
        _el("p", "phi-policy compliance report", class_="kicker"),
        _el("h1", a.source),
        _el("p", facts, class_="meta"),
        class_="report-head",
    )


def _nav(sections: Sequence[tuple[str, str]]) -> Html:
    items = [_el("li", _el("a", title, href=f"#{key}")) for key, title in sections]
    return _el("nav", _el("ul", items), class_="toc", aria_label="Sections")


def _summary(a: Assessment) -> Html:
    if a.score is None:
        card = _el(
            "div",
            _el("p", _el("span", c.NO_SCORE, class_="score-value"), class_="score"),
            _el("p", "no applicable controls to score", class_="band-line"),
            class_="scorecard",
        )
    else:
        card = _el(
            "div",
            _el("p", _el("span", c.num(a.score), class_="score-value"),
                _el("span", " / 100", class_="score-of"), class_="score"),
            _el("p", _band_tag(a.band), class_="band-line"),
            _cap_note(a),
            class_=f"scorecard card-{a.band}",
        )
    facts: list[Html] = []
    if c.num(a.raw_score) != c.num(a.score):
        facts.append(_el("li", "As specified, without documented decisions: ",
                         _el("strong", c.num(a.raw_score)), " (", _band_tag(a.raw_band), ")"))
    if a.other_law_score is not None:
        label = c.OTHER_LAW_LABEL[0].upper() + c.OTHER_LAW_LABEL[1:]
        facts.append(_el("li", f"{label}: ", _el("strong", c.num(a.other_law_score)),
                         " / 100, scored apart (never in the HIPAA score or band)"))
    if a.readiness is not None:
        facts.append(_el("li", "Proposed-rule readiness ", _el("strong", c.num(a.readiness)),
                         f" / 100 ({c.NPRM_LABEL}: proposed, not in force)"))
    facts.append(_el("li", "Controls: ", c.counts_line(a.results)))
    return _section("summary", "Score", _el("div", card, _el("ul", facts, class_="facts"),
                                             class_="summary"), _ledger(a))


def _cap_note(a: Assessment) -> Html | None:
    """Beside the number, why the band is lower than the number alone would give: a score of
    89.9 shown as RED must say which open finding holds it there."""
    cap = c.cap_summary(a)
    if cap is None:
        return None
    head, _, reasons = cap.partition(": ")
    return _el("p", _el("strong", head), ": ", reasons, class_="capped")


def _ledger(a: Assessment) -> Html:
    if not a.ledger:
        return Html("")
    titles = {r.control_id: r.title for r in a.results}
    rows = sorted(a.ledger, key=lambda item: (-round(item[1], 9), item[0]))
    lost = sum(points for _, points in a.ledger)
    return _el(
        "details",
        _el("summary", f"Where the points went: {c.num(lost)} lost across "
                       f"{len(rows)} control{'s' if len(rows) != 1 else ''}"),
        _table(("Control", "Points lost"),
               ((_control(cid, titles.get(cid, "")), f"-{c.num(p)}") for cid, p in rows),
               numeric=(1,), class_="ledger"),
    )


def _score_axis(x0: float, scale: float, top: float, bottom: float) -> list[Html]:
    """The 0-100 axis of a horizontal bar chart: a grid line and label every 20 points, the
    band thresholds (60, 80) drawn as such."""
    parts: list[Html] = []
    for tick in range(0, 101, 20):
        x = x0 + tick * scale
        threshold = tick in (RED_BELOW, GREEN_FROM)
        parts.append(_el("line", x1=_n(x), y1=_n(top - 4), x2=_n(x), y2=_n(bottom),
                         class_="threshold" if threshold else "grid"))
        parts.append(_el("text", str(tick), x=_n(x), y=_n(bottom + 17), class_="tick",
                         text_anchor="middle"))
    return parts


def _domain_chart(domains: Sequence[DomainScore]) -> Html:
    """Horizontal bars, one <rect> per domain colored by its band, with the 60/80 thresholds."""
    label_w, x0, scale, row, bar_h, top = 210, 220, 4.0, 34, 20, 8
    width = x0 + 100 * scale + 110
    height = top + row * len(domains) + 26
    bottom = top + row * len(domains)
    parts = _score_axis(x0, scale, top, bottom)
    for i, d in enumerate(domains):
        y = top + i * row + (row - bar_h) / 2
        mid = y + bar_h / 2 + 4.5
        title = DOMAIN_TITLES[d.domain]
        parts.append(_el("text", title, x=_n(label_w), y=_n(mid), text_anchor="end",
                         class_="label"))
        band = band_of(d.score)
        value = (f"{c.num(d.score)} {band}" if d.score is not None
                 else f"{c.NO_SCORE} (no applicable controls)")
        parts.append(_el(
            "rect",
            _el("title", f"{title}: {value}"),
            x=_n(x0), y=_n(y), width=_n((d.score or 0.0) * scale), height=_n(bar_h),
            fill=BAND_FILL.get(band or "", "none"), class_=f"bar band-{band or 'none'}",
            data_domain=d.domain,
        ))
        parts.append(_el("text", value, x=_n(x0 + (d.score or 0.0) * scale + 8), y=_n(mid),
                         class_="value"))
    label = "Domain scores: " + "; ".join(
        f"{DOMAIN_TITLES[d.domain]} {c.num(d.score)}" for d in domains
    )
    return _el("svg", parts, id="domain-chart",
               viewBox=f"0 0 {width:.0f} {height:.0f}", width=f"{width:.0f}",
               height=f"{height:.0f}", role="img", aria_label=label)


def _domains(a: Assessment) -> Html:
    rows = [
        (DOMAIN_TITLES[d.domain], c.num(d.score), c.num(d.raw_score),
         _band_tag(band_of(d.score)) if d.score is not None else "no applicable controls",
         str(d.controls))
        for d in a.domains
    ]
    return _section(
        "domains", "Domain scores",
        _el("figure", _domain_chart(a.domains),
            _el("figcaption", f"Bands: red below {RED_BELOW:.0f}, yellow {RED_BELOW:.0f} to "
                              f"below {GREEN_FROM:.0f}, green from {GREEN_FROM:.0f} "
                              "(dashed lines).")),
        _el("p", "Domain bands are by score alone; only the overall band is capped by open "
                 "critical and high findings.", class_="note"),
        _table(("Domain", "Score", "As specified", "Band", "Controls"), rows,
               numeric=(1, 2, 4), class_="domains"),
    )


def _fix_first(a: Assessment, options: RenderOptions) -> Html:
    """The action plan: the fixes ranked by risk (severity, legal basis, gain), grouped by
    priority, which follows the severity (when to act), with the legend saying so."""
    recs = a.recommendations
    shown = recs[: max(0, options.max_recommendations)]
    title = "Action plan"
    if not recs:
        return _section("fix", title, _el("p", "Nothing: every applicable control passes."))
    if len(shown) < len(recs):
        title += f" ({len(shown)} of {len(recs)})"
    groups: list[Html] = []
    for priority, ranked in c.action_plan(shown):
        rows = [
            (str(rank), c.gain(rec.gain), c.priority_word(rec.priority), _risk(rec),
             _control(rec.control_id, rec.title, c.turns(rec.due_in_days)),
             _where(rec.locations[:1], col=False), _cites(rec.citations), rec.remediation)
            for rank, rec in ranked
        ]
        groups.append(_el("h3", "Priority: ", c.priority_word(priority),
                          id=f"fix-{priority}"))
        groups.append(_table(
            ("#", "Gain", "Priority", "Severity, basis", "Control", "Where", "Citations",
             "Remediation"), rows, numeric=(0, 1), class_="fix",
            widths=(3, 5, 8, 9, 20, 15, 15, 25)))
    more = (_el("p", f"{len(recs) - len(shown)} more not shown here; every finding is listed "
                     "under Findings.", class_="note") if len(shown) < len(recs) else None)
    return _section(
        "fix", title,
        _el("p", "Ranked by risk: severity first, then legal basis, then the points the "
                 "overall score gains when the control passes. ",
            c.PRIORITY_LEGEND[0].upper() + c.PRIORITY_LEGEND[1:], ".",
            class_="note priority-legend"),
        *groups,
        _basis_legend(rec.basis for rec in shown),
        more,
    )


def _result_rows(rows: Sequence[Result], *, fix: bool) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for r in rows:
        row: tuple[object, ...] = (_status(r.status), _control(r.control_id, r.title),
                                   _risk(r), r.outcome.message, _where(r.locations),
                                   _cites(r.citations))
        out.append((*row, r.remediation) if fix else row)
    return out


def _findings(a: Assessment, options: RenderOptions) -> Html:
    scores = {d.domain: d.score for d in a.domains}
    groups = dict(c.findings_by_domain(a.results))
    blocks: list[Html] = []
    for domain in DOMAINS:
        current = [r for r in c.current(a.results) if r.domain == domain]
        if not current:
            continue
        failing = groups.get(domain, [])
        rest = sorted((r for r in current if r.status in ("pass", "not_applicable")),
                      key=lambda r: (r.status != "pass", r.control_id))
        score = scores.get(domain)
        heading = f"{DOMAIN_TITLES[domain]}: {c.num(score)}"
        body: list[Html] = [_el("h3", heading, " ", _band_tag(band_of(score)) if score is not None
                                else "", id=f"findings-{domain}")]
        elsewhere = [
            _join([f"{n} {word} (see ", _el("a", title, href=f"#{key}"), ")"])
            for n, word, title, key in (
                (sum(1 for r in current if r.decided), "met by a documented decision",
                 "Documented decisions", "decisions"),
                (sum(1 for r in current if r.status == "error"), "could not decide", "Errors",
                 "errors"),
            ) if n
        ]
        if failing:
            body.append(_table(("Status", "Control", "Severity, basis", "Finding", "Where",
                                "Citations", "Remediation"), _result_rows(failing, fix=True),
                               class_="findings", widths=FINDING_WIDTHS))
        else:
            body.append(_el("p", "No control in this domain fails or is partial.", class_="note"))
        if elsewhere:
            body.append(_el("p", "Also in this domain: ", _join(elsewhere, ", "), ".",
                            class_="note"))
        if rest:
            passing = sum(1 for r in rest if r.status == "pass")
            summary = f"{passing} passing, {len(rest) - passing} not applicable"
            body.append(_el(
                "details",
                _el("summary", summary),
                _table(("Status", "Control", "Severity, basis", "Finding", "Where", "Citations"),
                       _result_rows(rest, fix=False), class_="findings",
                       widths=(*FINDING_WIDTHS[:5], FINDING_WIDTHS[5] + FINDING_WIDTHS[6])),
                open=options.verbose >= 1,
            ))
        blocks.append(_el("div", body, class_="domain"))
    if not blocks:
        blocks.append(_el("p", "No control under the rule in force applies."))
    blocks.append(_basis_legend(r.basis for r in c.current(a.results)))
    return _section("findings", "Findings", *blocks, major=True)


def _decision_cell(r: Result) -> Html:
    """What the decision does (first, in bold), then who approved it, when, what and why."""
    first, *rest = c.decision_lines(r)
    return _el("ul", _el("li", _el("strong", first)), [_el("li", line) for line in rest],
               class_="decision")


def _decisions(a: Assessment) -> Html:
    """Results a documented decision met, tailored or failed to cover (an expired one).

    A valid decision for an addressable specification is how 164.306(d)(3) is met, so it
    counts as compliant: this section says so and never calls it an accepted risk.
    """
    rows = c.with_decisions(a.results)
    if not rows:
        return Html("")
    table = [(_status(r.status), _control(r.control_id, r.title), _risk(r), _where(r.locations),
              _decision_cell(r)) for r in rows]
    note = ("An addressable specification met by a documented alternative measure, or found "
            "not reasonable and appropriate with the reason written down (164.306(d)(3)), and a "
            "benchmark tailored by a risk-based decision count as compliant. A required "
            "specification cannot be met by a decision. Each decision is reviewed by its date "
            "(12 months after approval unless it says: a convention of this tool).")
    facts = []
    if c.num(a.raw_score) != c.num(a.score):
        facts.append(_el("p", "Score as specified, with no decision honoured: ",
                         _el("strong", c.num(a.raw_score)), " (", _band_tag(a.raw_band), ").",
                         class_="note"))
    return _section(
        "decisions", "Documented decisions",
        _el("p", note, class_="note"),
        *facts,
        _table(("Status", "Control", "Severity, basis", "Where", "Decision"), table,
               class_="decisions", widths=(7, 20, 10, 15, 48)),
    )


def _other_law(a: Assessment) -> Html:
    """Checks of other laws (DEA, state): shown apart with their own score, never mixed into
    the HIPAA findings, score or band."""
    results = [r for r in a.results if r.basis == "other_law"]
    if not results:
        return Html("")
    found = c.by_id(results)
    title = c.OTHER_LAW_LABEL[0].upper() + c.OTHER_LAW_LABEL[1:]
    note = _el("p", "Not part of the HIPAA score or band. Scored apart: ",
               _el("strong", c.num(a.other_law_score)), " / 100; gains are points of that "
               "score.", class_="note")
    if not a.other_law_gaps:
        return _section("other-law", title, note,
                        _el("p", "Every applicable other-law check passes."))
    rows = [
        (str(rank), c.gain(gap.gain), c.priority_word(gap.priority), _risk(gap),
         _control(gap.control_id, gap.title),
         found[gap.control_id].outcome.message if gap.control_id in found else "",
         _where(gap.locations[:1], col=False), _cites(gap.citations), gap.remediation)
        for rank, gap in enumerate(a.other_law_gaps, 1)
    ]
    return _section(
        "other-law", title, note,
        _table(("#", "Gain", "Priority", "Severity, basis", "Control", "Finding", "Where",
                "Citations", "Remediation"), rows, numeric=(0, 1), class_="other-law",
               widths=(3, 5, 8, 9, 17, 17, 12, 12, 17)),
    )


def _errors(a: Assessment) -> Html:
    rows = c.with_status(a.results, "error")
    if not rows:
        return Html("")
    table = [(_control(r.control_id, r.title), _where(r.locations), r.outcome.message,
              _cites(r.citations)) for r in rows]
    return _section("errors", "Controls that could not decide (counted as 0)",
                    _table(("Control", "Where", "Error", "Citations"), table, class_="errors"))


def _upcoming(a: Assessment) -> Html:
    title = f"Coming due within {a.horizon_days} days"
    if not a.upcoming:
        return _section("upcoming", title, _el("p", "Nothing turns within the horizon."))
    rows = [
        (_el("span", u.on.isoformat(), class_="date"),
         "today" if u.in_days == 0 else f"{u.in_days} day{'s' if u.in_days != 1 else ''}",
         _el("strong", u.control_id, class_="cid"), u.message,
         c.points_at_stake(u.points) or "")
        for u in a.upcoming
    ]
    return _section("upcoming", title,
                    _table(("On", "In", "Control", "What happens", "At stake"), rows,
                           numeric=(1,), class_="upcoming"))


def _readiness(a: Assessment) -> Html:
    if not a.readiness_gaps:
        return Html("")
    found = c.by_id(a.results)

    def message(gap: Recommendation) -> str:
        r = found.get(gap.control_id)
        return r.outcome.message if r else ""

    rows = [
        (str(rank), c.gain(gap.gain), _control(gap.control_id, gap.title), gap.severity,
         message(gap), _cites(gap.citations), gap.remediation)
        for rank, gap in enumerate(a.readiness_gaps, 1)
    ]
    return _section(
        "readiness",
        _join([f"Proposed rule ({c.NPRM_LABEL}) readiness gaps ",
               _el("span", "proposed, not in force", class_="proposed")]),
        _el("p", "These are not violations of the rule in force. Readiness is ",
            _el("strong", c.num(a.readiness)), " / 100; gains are readiness points.",
            class_="note"),
        _table(("#", "Gain", "Control", "Severity", "Finding", "Citations", "Remediation"),
               rows, numeric=(0, 1), class_="readiness"),
        major=True,
    )


# --- history and timelines ------------------------------------------------------------------


def _date_ticks(start: dt.date, end: dt.date, most: int = 6) -> list[dt.date]:
    span = (end - start).days
    if span <= 0:
        return [start]
    count = min(most, span + 1)
    ticks = [start + dt.timedelta(days=round(i * span / (count - 1))) for i in range(count)]
    return sorted(set(ticks))


class _DateScale:
    """Dates to x coordinates between `left` and `right` (a single date sits in the middle)."""

    def __init__(self, start: dt.date, end: dt.date, left: float, right: float) -> None:
        self.start, self.end, self.left, self.right = start, end, left, right

    def __call__(self, day: dt.date) -> float:
        span = (self.end - self.start).days
        if span <= 0:
            return (self.left + self.right) / 2
        return self.left + (day - self.start).days / span * (self.right - self.left)


def _point_title(p: HistoryPoint) -> str:
    verdict = (f"invalid: {p.invalid or 'did not load'}" if p.score is None
               else f"score {c.num(p.score)} ({p.band or c.NO_SCORE})")
    return f"{p.sha[:SHORT_SHA]} {p.date.isoformat()} {p.author}\n{p.subject}\n{verdict}"


def _history_chart(points: Sequence[HistoryPoint]) -> Html:
    """The score over time: a line over the valid commits, a dot each, invalid ones as a cross."""
    width, height = 960, 300
    left, right, top, bottom = 52.0, 920.0, 16.0, 252.0
    pad = 14.0
    dates = [p.date for p in points]
    x = _DateScale(min(dates), max(dates), left + pad, right - pad)

    def y(score: float) -> float:
        return bottom - max(0.0, min(100.0, score)) / 100.0 * (bottom - top)

    parts: list[Html] = [
        _el("rect", x=_n(left), y=_n(y(100)), width=_n(right - left),
            height=_n(y(GREEN_FROM) - y(100)), class_="zone zone-green"),
        _el("rect", x=_n(left), y=_n(y(GREEN_FROM)), width=_n(right - left),
            height=_n(y(RED_BELOW) - y(GREEN_FROM)), class_="zone zone-yellow"),
        _el("rect", x=_n(left), y=_n(y(RED_BELOW)), width=_n(right - left),
            height=_n(y(0) - y(RED_BELOW)), class_="zone zone-red"),
    ]
    for tick in range(0, 101, 20):
        threshold = tick in (RED_BELOW, GREEN_FROM)
        parts.append(_el("line", x1=_n(left), y1=_n(y(tick)), x2=_n(right), y2=_n(y(tick)),
                         class_="threshold" if threshold else "grid"))
        parts.append(_el("text", str(tick), x=_n(left - 8), y=_n(y(tick) + 4), class_="tick",
                         text_anchor="end"))
    parts.append(_el("line", x1=_n(left), y1=_n(bottom), x2=_n(right), y2=_n(bottom),
                     class_="axis"))
    parts.append(_el("line", x1=_n(left), y1=_n(top), x2=_n(left), y2=_n(bottom), class_="axis"))
    for day in _date_ticks(x.start, x.end):
        parts.append(_el("line", x1=_n(x(day)), y1=_n(bottom), x2=_n(x(day)), y2=_n(bottom + 5),
                         class_="axis"))
        parts.append(_el("text", day.isoformat(), x=_n(x(day)), y=_n(bottom + 20),
                         class_="tick", text_anchor="middle"))
    valid = [p for p in points if p.score is not None]
    if len(valid) > 1:
        line = " ".join(f"{_n(x(p.date))},{_n(y(p.score or 0.0))}" for p in valid)
        parts.append(_el("polyline", points=line, class_="score-line"))
    for p in points:
        cx = x(p.date)
        if p.score is None:
            arm, cy = 5.0, bottom - 8.0
            cross = (f"M{_n(cx - arm)},{_n(cy - arm)} L{_n(cx + arm)},{_n(cy + arm)} "
                     f"M{_n(cx - arm)},{_n(cy + arm)} L{_n(cx + arm)},{_n(cy - arm)}")
            parts.append(_el(
                "g",
                _el("title", _point_title(p)),
                _el("line", x1=_n(cx), y1=_n(top), x2=_n(cx), y2=_n(bottom), class_="invalid-rule"),
                _el("path", d=cross, class_="invalid-mark"),
                class_="invalid", data_sha=p.sha,
            ))
        else:
            parts.append(_el(
                "circle",
                _el("title", _point_title(p)),
                cx=_n(cx), cy=_n(y(p.score)), r="4.5",
                fill=BAND_FILL.get(p.band or band_of(p.score) or "", "#57606a"),
                class_="point", data_sha=p.sha,
            ))
    label = (f"Score over time: {len(points)} commits from {min(dates).isoformat()} to "
             f"{max(dates).isoformat()}, {len(valid)} scored, {len(points) - len(valid)} invalid")
    if valid:
        label += f"; first {c.num(valid[0].score)}, last {c.num(valid[-1].score)}"
    return _el("svg", parts, id="history-chart",
               viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
               role="img", aria_label=label)


def _history(points: Sequence[HistoryPoint]) -> Html:
    if not points:
        return Html("")
    valid = [p for p in points if p.score is not None]
    rows = []
    previous: float | None = None
    for p in points:
        delta = ""
        if p.score is not None and previous is not None:
            change = round(p.score - previous, 1) + 0.0
            delta = f"{change:+.1f}" if change else "0.0"
        if p.score is not None:
            previous = p.score
        verdict: object = (_band_tag(p.band or band_of(p.score)) if p.score is not None
                           else _el("span", "invalid: ", p.invalid or "did not load",
                                    class_="invalid-text"))
        rows.append((_el("code", p.sha[:SHORT_SHA], title=p.sha),
                     _el("span", p.date.isoformat(), class_="date"), p.author,
                     p.subject, c.num(p.score), delta, verdict))
    summary = (f"{len(points)} commit{'s' if len(points) != 1 else ''} changed the config "
               f"between {points[0].date.isoformat()} and {points[-1].date.isoformat()}")
    if valid:
        summary += (f"; the score went from {c.num(valid[0].score)} to "
                    f"{c.num(valid[-1].score)}")
    invalid = len(points) - len(valid)
    if invalid:
        summary += f"; {invalid} did not load or validate"
    legend = _el(
        "p",
        _el("span", "", class_="swatch line"), " score (each commit judged as of its date) ",
        _el("span", "", class_="swatch dot"), " commit ",
        _el("span", "\u00d7", class_="swatch cross"), " config invalid at that commit ",
        _el("span", "", class_="swatch dash"), f" band thresholds {RED_BELOW:.0f} and "
                                               f"{GREEN_FROM:.0f}",
        class_="legend",
    )
    return _section(
        "history", "Score over time",
        _el("p", summary + "."),
        _el("figure", _history_chart(points), legend),
        _el("details",
            _el("summary", f"Every commit ({len(points)})"),
            _table(("Commit", "Date", "Author", "Subject", "Score", "Change", "Band"), rows,
                   numeric=(4, 5), class_="history")),
        major=True,
    )


def _timeline_chart(timelines: Sequence[ControlTimeline], end: dt.date) -> Html:
    """A swimlane per control: one bar per interval, colored by status, up to `end`."""
    label_w, left, right, row, bar_h, top = 118.0, 128.0, 910.0, 28.0, 16.0, 6.0
    width = 960
    height = int(top + row * len(timelines) + 30)
    bottom = top + row * len(timelines)
    starts = [i.since_date for t in timelines for i in t.intervals]
    x = _DateScale(min(starts), end, left, right)
    parts: list[Html] = []
    for day in _date_ticks(x.start, x.end):
        parts.append(_el("line", x1=_n(x(day)), y1=_n(top), x2=_n(x(day)), y2=_n(bottom + 4),
                         class_="grid"))
        parts.append(_el("text", day.isoformat(), x=_n(x(day)), y=_n(bottom + 18),
                         class_="tick", text_anchor="middle"))
    for index, t in enumerate(timelines):
        y = top + index * row + (row - bar_h) / 2
        parts.append(_el("text", _el("title", t.title), t.control_id, x=_n(label_w),
                         y=_n(y + bar_h / 2 + 4.5), text_anchor="end", class_="label"))
        for interval in t.intervals:
            x1 = x(interval.since_date)
            x2 = x(interval.until_date or end)
            until = (f"until {interval.until_date.isoformat()} "
                     f"({(interval.until_sha or '')[:SHORT_SHA]})" if interval.until_date
                     else "to date")
            tip = (f"{t.control_id} {c.STATUS_WORDS[interval.status]} since "
                   f"{interval.since_date.isoformat()} ({interval.since_sha[:SHORT_SHA]}, "
                   f"{interval.author}) {until}")
            parts.append(_el(
                "rect", _el("title", tip),
                x=_n(x1), y=_n(y), width=_n(max(2.0, x2 - x1)), height=_n(bar_h),
                fill=STATUS_FILL[interval.status], class_=f"segment s-{interval.status}",
            ))
    label = "Control timelines: " + "; ".join(
        f"{t.control_id} " + ", ".join(
            f"{STATUS_TITLES[i.status]} from {i.since_date.isoformat()}" for i in t.intervals)
        for t in timelines
    )
    return _el("svg", parts, id="timeline-chart",
               viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
               role="img", aria_label=label)


def _timelines(
    timelines: Sequence[ControlTimeline], history: Sequence[HistoryPoint], as_of: dt.date
) -> Html:
    """The timelines; an interval still open runs to the report's date (or the last change)."""
    shown = [t for t in timelines if t.intervals]
    if not shown:
        return Html("")
    dates = [d for t in shown for i in t.intervals for d in (i.since_date, i.until_date) if d]
    dates += [p.date for p in history]
    end = max([*dates, as_of])
    statuses = sorted({i.status for t in shown for i in t.intervals}, key=STATUSES.index)
    legend = _el("p", [
        _join([_el("span", "", class_=f"swatch s-{s}", style=f"background:{STATUS_FILL[s]}"),
               f" {STATUS_TITLES[s]} "])
        for s in statuses
    ], class_="legend")
    bodies = []
    for t in shown:
        rows = []
        for n, i in enumerate(t.intervals):
            head = (_el("th", _control(t.control_id, t.title), scope="rowgroup",
                        rowspan=str(len(t.intervals))) if n == 0 else None)
            rows.append(_el(
                "tr", head,
                _el("td", _status(i.status)),
                _el("td", i.since_date.isoformat(), class_="date"),
                _el("td", _el("code", i.since_sha[:SHORT_SHA], title=i.since_sha)),
                _el("td", i.author),
                _el("td", i.until_date.isoformat() if i.until_date else "to date",
                    class_="date"),
                _el("td", _el("code", i.until_sha[:SHORT_SHA], title=i.until_sha)
                    if i.until_sha else ""),
            ))
        bodies.append(_el("tbody", rows))
    head = _el("thead", _el("tr", [_el("th", h, scope="col") for h in (
        "Control", "Status", "Since", "Commit", "Author", "Until", "Changed by commit")]))
    return _section(
        "timelines", "Control timelines",
        _el("p", "When each control changed status, with the commit and author of each change.",
            class_="note"),
        _el("figure", _timeline_chart(shown, end), legend),
        _el("table", head, bodies, class_="timelines"),
        major=True,
    )


# --- the page ------------------------------------------------------------------------------


def _footer(a: Assessment) -> Html:
    return _el(
        "footer",
        _el("p", f"Controls under the rule in force: {c.counts_line(a.results)}."),
        _el("p", f"Generated by phi-policy {__version__} from {a.source} as of "
                 f"{a.as_of.isoformat()}."),
        _el("p", _el("strong", c.DISCLAIMER), class_="disclaimer"),
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
    timelines; both are left out when empty.
    """
    options = options or RenderOptions()
    a = assessment
    sections = [
        ("summary", "Score", _summary(a)),
        ("domains", "Domains", _domains(a)),
        ("fix", "Action plan", _fix_first(a, options)),
        ("findings", "Findings", _findings(a, options)),
        ("decisions", "Decisions", _decisions(a)),
        ("errors", "Errors", _errors(a)),
        ("upcoming", "Coming due", _upcoming(a)),
        ("other-law", "Other law", _other_law(a)),
        ("readiness", "Proposed rule", _readiness(a)),
        ("history", "History", _history(history)),
        ("timelines", "Timelines", _timelines(timelines, history, a.as_of)),
    ]
    present = [(key, title, body) for key, title, body in sections if body]
    main = _el("main", _join((body for _, _, body in present), "\n"))
    body = _el("body", _header(a), "\n", _nav([(k, t) for k, t, _ in present]), "\n", main, "\n",
               _footer(a), "\n", _el("script", Html(SCRIPT)))
    page = _el("html", "\n", _head(a), "\n", body, "\n", lang="en")
    return f"<!DOCTYPE html>\n{page}\n"


#: Opens every <details> before printing, for browsers without ::details-content.
SCRIPT = (
    'addEventListener("beforeprint",function(){'
    'document.querySelectorAll("details").forEach(function(d){d.open=true})});'
)

CSS = """
:root{color-scheme:light;--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--soft:#f6f8fa}
*{box-sizing:border-box}
html{background:#fff}
body{margin:0 auto;max-width:76rem;padding:1.5rem 1.5rem 3rem;color:var(--ink);background:#fff;
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
h1{font-size:1.55rem;margin:.15rem 0;overflow-wrap:anywhere}
h2{font-size:1.3rem;margin:2.2rem 0 .8rem;padding-bottom:.3rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.6rem 0 .5rem}
p{margin:.4rem 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
font-size:.85em;overflow-wrap:anywhere}
code.where{overflow-wrap:normal}
code.where .seg{white-space:nowrap}
.kicker{margin:0;color:var(--muted);font-size:.8rem;letter-spacing:.08em;text-transform:uppercase}
.meta,.note,figcaption,.legend{color:var(--muted)}
.report-head{padding-bottom:.6rem;border-bottom:1px solid var(--line)}
.toc ul{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;margin:.7rem 0 0;padding:0;list-style:none}
.toc a{color:#0550ae}
.summary{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:center}
.scorecard{min-width:15rem;padding:1rem 1.4rem;border:1px solid var(--line);
border-left:10px solid #a8b0b8;border-radius:8px;background:var(--soft)}
.card-red{border-left-color:#d1453b;background:#fff4f3}
.card-yellow{border-left-color:#e3a21a;background:#fff9ea}
.card-green{border-left-color:#2f9e44;background:#f0faf2}
.score{margin:0;line-height:1}
.score-value{font-size:3.6rem;font-weight:700;letter-spacing:-.02em}
.score-of{font-size:1.3rem;color:var(--muted)}
.band-line{margin:.5rem 0 0;font-size:1.1rem}
.facts{margin:0;padding-left:1.2rem}
.capped{color:#a40e26}
ul.decision{margin:0;padding-left:1rem}
.scorecard .capped{max-width:24rem;margin:.6rem 0 0;font-size:.9rem}
.sev,.basis{display:inline-block;padding:0 .35rem;border:1px solid;border-radius:4px;
font-size:.75rem;white-space:nowrap}
.sev{font-weight:700}
.sev-critical{color:#a40e26;border-color:#f1a9a0;background:#fdecea}
.sev-high{color:#8a3b00;border-color:#f0b98a;background:#fff1e5}
.sev-medium{color:#7a4f00;border-color:#e8c46a;background:#fff4d6}
.sev-low{color:#57606a;border-color:#d0d7de;background:#f0f2f4}
.basis-required{color:#0b4f9c;border-color:#9dbfe6;background:#e7f0fb;font-weight:700}
.basis-addressable{color:#0b4f9c;border-color:#9dbfe6;background:#fff}
.basis-benchmark{color:#57606a;border-color:#d0d7de;border-style:dashed;background:#fff}
.basis-proposed{color:#6639ba;border-color:#8250df;border-style:dashed;background:#fff}
.basis-other_law{color:#116329;border-color:#9fd3ae;background:#fff}
.band{display:inline-block;padding:0 .45rem;border:1px solid;border-radius:4px;font-weight:700;
white-space:nowrap}
.band-red{color:#a40e26;border-color:#f1a9a0;background:#fdecea}
.band-yellow{color:#7a4f00;border-color:#e8c46a;background:#fff4d6}
.band-green{color:#116329;border-color:#9fd3ae;background:#e8f5ec}
.status{display:inline-block;padding:0 .4rem;border:1px solid;border-radius:4px;font-size:.75rem;
font-weight:700;letter-spacing:.03em;white-space:nowrap}
.s-pass{color:#116329;background:#e8f5ec;border-color:#9fd3ae}
.s-partial{color:#7a4f00;background:#fff4d6;border-color:#e8c46a}
.s-fail{color:#a40e26;background:#fdecea;border-color:#f1a9a0}
.s-error{color:#6b2fa0;background:#f3eafa;border-color:#c9a6e6}
.s-not_applicable{color:#57606a;background:#f0f2f4;border-color:#d0d7de}
.proposed{display:inline-block;margin-left:.4rem;padding:0 .45rem;border:1px dashed #8250df;
border-radius:4px;color:#6639ba;font-size:.8rem;font-weight:600;vertical-align:middle}
table{width:100%;margin:.5rem 0 1rem;border-collapse:collapse;font-size:.88rem}
th,td{padding:.4rem .5rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
thead th{background:var(--soft);border-bottom:2px solid var(--line);white-space:nowrap}
tbody th{font-weight:400}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.cid,.date,td.date{white-space:nowrap}
.sec{white-space:nowrap;font-weight:600}
table.domains{max-width:44rem}
table.ledger{max-width:44rem}
table.timelines tbody{border-top:2px solid var(--line)}
figure{margin:.5rem 0 1rem}
svg{display:block;max-width:100%;height:auto;font-family:inherit}
svg text{fill:#1f2328;font-size:13px}
svg .tick{fill:#57606a;font-size:11px}
svg .value,svg .label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
svg .value{font-weight:600}
svg .grid{stroke:#e4e8ec;stroke-width:1}
svg .axis{stroke:#8c959f;stroke-width:1}
svg .threshold{stroke:#57606a;stroke-width:1.2;stroke-dasharray:6 4}
svg .bar{stroke:rgba(0,0,0,.25);stroke-width:1}
svg .zone-green{fill:#2f9e44;fill-opacity:.07}
svg .zone-yellow{fill:#e3a21a;fill-opacity:.09}
svg .zone-red{fill:#d1453b;fill-opacity:.07}
svg .score-line{fill:none;stroke:#0550ae;stroke-width:2;stroke-linejoin:round}
svg .point{stroke:#fff;stroke-width:1.5}
svg .invalid-rule{stroke:#a40e26;stroke-width:1;stroke-dasharray:2 3}
svg .invalid-mark{stroke:#a40e26;stroke-width:2.2;fill:none}
svg .segment{stroke:#fff;stroke-width:1}
.invalid-text{color:#a40e26}
.legend{font-size:.85rem}
.swatch{display:inline-block;width:1.4em;height:.8em;vertical-align:baseline;border-radius:2px}
.swatch.line{height:0;border-top:2px solid #0550ae;vertical-align:middle}
.swatch.dot{width:.75em;height:.75em;border-radius:50%;background:#2f9e44}
.swatch.cross{width:auto;height:auto;color:#a40e26;font-weight:700}
.swatch.dash{width:2.2em;height:2px;vertical-align:middle;print-color-adjust:exact;
-webkit-print-color-adjust:exact;
background:repeating-linear-gradient(90deg,#57606a 0 5px,#fff 5px 9px)}
details{margin:.3rem 0 1rem}
summary{cursor:pointer;color:#0550ae}
footer{margin-top:3rem;padding-top:.8rem;border-top:2px solid var(--line);color:var(--muted);
font-size:.88rem}
.disclaimer{color:var(--ink)}
@media print{
@page{margin:14mm}
html,body{background:#fff;color:#000}
body{max-width:none;padding:0;font-size:10pt}
.toc{display:none}
summary{color:#000;font-weight:600;list-style:none}
section.major{break-before:page}
h2,h3{break-after:avoid}
tr,figure,.scorecard{break-inside:avoid}
thead{display:table-header-group}
.scorecard.card-red,.scorecard.card-yellow,.scorecard.card-green,.scorecard{background:#fff}
thead th{background:#fff}
svg .zone-green,svg .zone-yellow,svg .zone-red{fill-opacity:.05}
}
@media print{details::details-content{display:block;content-visibility:visible}}
"""
