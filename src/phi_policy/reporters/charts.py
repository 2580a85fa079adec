"""The reports' charts: domain bars, the score over time, control timelines, HTML bar lists.

Drawn inline (SVG, or HTML and CSS for the bar lists) so the page needs nothing fetched and
prints as vectors. Every coordinate goes through `_n` (one decimal), so the same data gives
the same bytes; every label is text escaped by the builder, and each chart says in its
aria-label what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.model import DOMAIN_TITLES, ControlTimeline, DomainScore, HistoryPoint
from phi_policy.reporters import wording as c
from phi_policy.reporters.html_builder import Html, el, join

#: A status as the timeline chart's legend and aria-label say it (lower case, spelled out).
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
#: Characters of a commit hash shown (the full hash is in the tooltip).
SHORT_SHA = 7


def _n(value: float) -> str:
    """An SVG coordinate: one decimal, never "-0.0", so the same chart gives the same bytes."""
    return f"{round(value, 1) + 0.0:.1f}"


def _score_axis(x0: float, scale: float, top: float, bottom: float) -> list[Html]:
    """The 0-100 axis of a horizontal bar chart: a grid line and label every 20 points, the
    band thresholds (60, 80) drawn as such."""
    parts: list[Html] = []
    for tick in range(0, 101, 20):
        x = x0 + tick * scale
        threshold = tick in (RED_BELOW, GREEN_FROM)
        parts.append(el("line", x1=_n(x), y1=_n(top - 4), x2=_n(x), y2=_n(bottom),
                        class_="threshold" if threshold else "grid"))
        parts.append(el("text", str(tick), x=_n(x), y=_n(bottom + 17), class_="tick",
                        text_anchor="middle"))
    return parts


def domain_chart(domains: Sequence[DomainScore]) -> Html:
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
        parts.append(el("text", title, x=_n(label_w), y=_n(mid), text_anchor="end",
                        class_="label"))
        band = band_of(d.score)
        value = (f"{c.num(d.score)} {band}" if d.score is not None
                 else f"{c.NO_SCORE} (no applicable controls)")
        parts.append(el(
            "rect",
            el("title", f"{title}: {value}"),
            x=_n(x0), y=_n(y), width=_n((d.score or 0.0) * scale), height=_n(bar_h),
            fill=BAND_FILL.get(band or "", "none"), class_=f"bar band-{band or 'none'}",
            data_domain=d.domain,
        ))
        parts.append(el("text", value, x=_n(x0 + (d.score or 0.0) * scale + 8), y=_n(mid),
                        class_="value"))
    label = "Domain scores: " + "; ".join(
        f"{DOMAIN_TITLES[d.domain]} {c.num(d.score)}" for d in domains
    )
    return el("svg", parts, id="domain-chart",
              viewBox=f"0 0 {width:.0f} {height:.0f}", width=f"{width:.0f}",
              height=f"{height:.0f}", role="img", aria_label=label)


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


#: The history chart's plot, in SVG units: commits are placed by date between the edges.
HISTORY_WIDTH, HISTORY_HEIGHT = 960, 300
HISTORY_LEFT, HISTORY_RIGHT, HISTORY_TOP, HISTORY_BOTTOM, HISTORY_PAD = (
    52.0, 920.0, 16.0, 252.0, 14.0)
#: A commit's dot is drawn only this far (SVG units, over two dot widths) from the last dot
#: drawn, so that many commits never merge into a chain of dots that hides the line.
MARK_GAP = 22.0
MARK_RADIUS = 4.5


def _history_x(points: Sequence[HistoryPoint]) -> _DateScale:
    dates = [p.date for p in points]
    return _DateScale(min(dates), max(dates), HISTORY_LEFT + HISTORY_PAD,
                      HISTORY_RIGHT - HISTORY_PAD)


def history_marks(points: Sequence[HistoryPoint]) -> list[HistoryPoint]:
    """The scored commits that get a dot: every one when they fit, else the first, the last and
    those at least MARK_GAP from the dot before (the table lists every commit)."""
    valid = [p for p in points if p.score is not None]
    if not valid:
        return []
    x = _history_x(points)
    marks = [valid[0]]
    for p in valid[1:]:
        if x(p.date) - x(marks[-1].date) >= MARK_GAP:
            marks.append(p)
    last = valid[-1]
    if marks[-1] is not last:
        if len(marks) > 1 and x(last.date) - x(marks[-1].date) < MARK_GAP:
            marks.pop()
        marks.append(last)
    return marks


def _mark_band(p: HistoryPoint) -> str | None:
    return p.band or band_of(p.score)


def history_chart(points: Sequence[HistoryPoint]) -> Html:
    """The score over time: a line over the valid commits, a dot on each (as many as fit),
    colored by the commit's band, and a cross for each commit whose config was invalid."""
    left, right, top, bottom = HISTORY_LEFT, HISTORY_RIGHT, HISTORY_TOP, HISTORY_BOTTOM
    dates = [p.date for p in points]
    x = _history_x(points)

    def y(score: float) -> float:
        return bottom - max(0.0, min(100.0, score)) / 100.0 * (bottom - top)

    parts: list[Html] = [
        el("rect", x=_n(left), y=_n(y(100)), width=_n(right - left),
           height=_n(y(GREEN_FROM) - y(100)), class_="zone zone-green"),
        el("rect", x=_n(left), y=_n(y(GREEN_FROM)), width=_n(right - left),
           height=_n(y(RED_BELOW) - y(GREEN_FROM)), class_="zone zone-yellow"),
        el("rect", x=_n(left), y=_n(y(RED_BELOW)), width=_n(right - left),
           height=_n(y(0) - y(RED_BELOW)), class_="zone zone-red"),
    ]
    for tick in range(0, 101, 20):
        threshold = tick in (RED_BELOW, GREEN_FROM)
        parts.append(el("line", x1=_n(left), y1=_n(y(tick)), x2=_n(right), y2=_n(y(tick)),
                        class_="threshold" if threshold else "grid"))
        parts.append(el("text", str(tick), x=_n(left - 8), y=_n(y(tick) + 4), class_="tick",
                        text_anchor="end"))
    parts.append(el("line", x1=_n(left), y1=_n(bottom), x2=_n(right), y2=_n(bottom),
                    class_="axis"))
    parts.append(el("line", x1=_n(left), y1=_n(top), x2=_n(left), y2=_n(bottom), class_="axis"))
    for day in _date_ticks(x.start, x.end):
        parts.append(el("line", x1=_n(x(day)), y1=_n(bottom), x2=_n(x(day)), y2=_n(bottom + 5),
                        class_="axis"))
        parts.append(el("text", day.isoformat(), x=_n(x(day)), y=_n(bottom + 20),
                        class_="tick", text_anchor="middle"))
    valid = [p for p in points if p.score is not None]
    if len(valid) > 1:
        line = " ".join(f"{_n(x(p.date))},{_n(y(p.score or 0.0))}" for p in valid)
        parts.append(el("polyline", points=line, class_="score-line"))
    for p in points:
        if p.score is not None:
            continue
        cx = x(p.date)
        arm, cy = 5.0, bottom - 8.0
        cross = (f"M{_n(cx - arm)},{_n(cy - arm)} L{_n(cx + arm)},{_n(cy + arm)} "
                 f"M{_n(cx - arm)},{_n(cy + arm)} L{_n(cx + arm)},{_n(cy - arm)}")
        parts.append(el(
            "g",
            el("title", _point_title(p)),
            el("line", x1=_n(cx), y1=_n(top), x2=_n(cx), y2=_n(bottom), class_="invalid-rule"),
            el("path", d=cross, class_="invalid-mark"),
            class_="invalid", data_sha=p.sha,
        ))
    for p in history_marks(points):
        parts.append(el(
            "circle",
            el("title", _point_title(p)),
            cx=_n(x(p.date)), cy=_n(y(p.score or 0.0)), r=str(MARK_RADIUS),
            fill=BAND_FILL.get(_mark_band(p) or "", "#57606a"),
            class_="point", data_sha=p.sha,
        ))
    label = (f"Score over time: {len(points)} commits from {min(dates).isoformat()} to "
             f"{max(dates).isoformat()}, {len(valid)} scored, {len(points) - len(valid)} invalid")
    if valid:
        label += f"; first {c.num(valid[0].score)}, last {c.num(valid[-1].score)}"
    return el("svg", parts, id="history-chart",
              viewBox=f"0 0 {HISTORY_WIDTH} {HISTORY_HEIGHT}", width=str(HISTORY_WIDTH),
              height=str(HISTORY_HEIGHT), role="img", aria_label=label)


def history_legend(points: Sequence[HistoryPoint]) -> Html:
    """What the history chart draws, and only that: the line, a dot in the color of each band
    the dots show (and how many commits have one, when not all do), the crosses, the bands'
    thresholds."""
    valid = [p for p in points if p.score is not None]
    marks = history_marks(points)
    bands = [b for b in BAND_FILL if any(_mark_band(p) == b for p in marks)]
    items: list[object] = []
    if len(valid) > 1:
        items += [el("span", "", class_="swatch line"),
                  " score after each commit (judged as of its date) "]
    if marks:
        dots = join([join([el("span", "", class_="swatch dot",
                              style=f"background:{BAND_FILL[b]}"), f" {b}"]) for b in bands],
                    " ")
        which = ("a commit, in the color of its band" if len(marks) == len(valid)
                 else f"{len(marks)} of {len(valid)} commits, as many as fit without hiding "
                      "the line (the table lists every one), each in the color of its band")
        items += [dots, f": {which} "]
    if len(valid) < len(points):
        items += [el("span", "\u00d7", class_="swatch cross"), " config invalid at that commit "]
    items += [el("span", "", class_="swatch dash"),
              f" band thresholds {RED_BELOW:.0f} and {GREEN_FROM:.0f}"]
    return el("p", items, class_="legend history-legend")


def timeline_chart(timelines: Sequence[ControlTimeline], end: dt.date) -> Html:
    """A swimlane per control: one bar per interval, colored by status, up to `end`."""
    label_w, left, right, row, bar_h, top = 118.0, 128.0, 910.0, 28.0, 16.0, 6.0
    width = 960
    height = int(top + row * len(timelines) + 30)
    bottom = top + row * len(timelines)
    starts = [i.since_date for t in timelines for i in t.intervals]
    x = _DateScale(min(starts), end, left, right)
    parts: list[Html] = []
    for day in _date_ticks(x.start, x.end):
        parts.append(el("line", x1=_n(x(day)), y1=_n(top), x2=_n(x(day)), y2=_n(bottom + 4),
                        class_="grid"))
        parts.append(el("text", day.isoformat(), x=_n(x(day)), y=_n(bottom + 18),
                        class_="tick", text_anchor="middle"))
    for index, t in enumerate(timelines):
        y = top + index * row + (row - bar_h) / 2
        parts.append(el("text", el("title", t.title), t.control_id, x=_n(label_w),
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
            parts.append(el(
                "rect", el("title", tip),
                x=_n(x1), y=_n(y), width=_n(max(2.0, x2 - x1)), height=_n(bar_h),
                fill=STATUS_FILL[interval.status], class_=f"segment s-{interval.status}",
            ))
    label = "Control timelines: " + "; ".join(
        f"{t.control_id} " + ", ".join(
            f"{STATUS_TITLES[i.status]} from {i.since_date.isoformat()}" for i in t.intervals)
        for t in timelines
    )
    return el("svg", parts, id="timeline-chart",
              viewBox=f"0 0 {width} {height}", width=str(width), height=str(height),
              role="img", aria_label=label)


class Bar(NamedTuple):
    """A row of an HTML bar chart: what it is (markup: a name, a link), its score and band,
    the value written beside the bar, and the tooltip."""

    label: Html
    score: float | None
    band: str | None
    value: str
    tip: str = ""


def bar_list(bars: Sequence[Bar], *, ident: str, label: str, ordered: bool = False) -> Html:
    """Scores as HTML bars (0-100, the 60 and 80 thresholds dashed across every track).

    HTML rather than SVG where the labels are long or are links: the rows reflow to any
    width, the text keeps its size on a phone, and each label can be a link.
    """
    rows = [
        el("li",
           el("span", b.label, class_="bar-label"),
           el("span", el("span", "", class_=f"bar-fill fill-{b.band or 'none'}",
                         style=f"width:{_n(max(0.0, min(100.0, b.score or 0.0)))}%"),
              class_="bar-track", title=b.tip or None),
           el("span", b.value, class_="bar-value"),
           class_="bar-row")
        for b in bars
    ]
    return el("ol" if ordered else "ul", rows, id=ident, class_="bars", aria_label=label)
