"""The single report's git sections: the score over time and when each control changed status.

Both are drawn only when the caller read the config's history (the evidence bundle does, a
plain `check` does not), and both name the commit and author of every change, since who
changed what and when is what an auditor asks of a history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from phi_policy.engine.scoring import GREEN_FROM, RED_BELOW
from phi_policy.engine.scoring import band as band_of
from phi_policy.model import STATUSES, ControlTimeline, HistoryPoint
from phi_policy.reporters import wording as c
from phi_policy.reporters.charts import (
    SHORT_SHA,
    STATUS_FILL,
    STATUS_TITLES,
    history_chart,
    timeline_chart,
)
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_parts import band_tag, control, section, status_tag, table


def history_section(points: Sequence[HistoryPoint]) -> Html:
    """The score after each commit, as a chart and, folded, a table with the change."""
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
        verdict: object = (band_tag(p.band or band_of(p.score)) if p.score is not None
                           else el("span", "invalid: ", p.invalid or "did not load",
                                   class_="invalid-text"))
        rows.append((el("code", p.sha[:SHORT_SHA], title=p.sha),
                     el("span", p.date.isoformat(), class_="date"), p.author,
                     p.subject, c.num(p.score), delta, verdict))
    summary = (f"{len(points)} commit{'s' if len(points) != 1 else ''} changed the config "
               f"between {points[0].date.isoformat()} and {points[-1].date.isoformat()}")
    if valid:
        summary += (f"; the score went from {c.num(valid[0].score)} to "
                    f"{c.num(valid[-1].score)}")
    invalid = len(points) - len(valid)
    if invalid:
        summary += f"; {invalid} did not load or validate"
    legend = el(
        "p",
        el("span", "", class_="swatch line"), " score (each commit judged as of its date) ",
        el("span", "", class_="swatch dot"), " commit ",
        el("span", "\u00d7", class_="swatch cross"), " config invalid at that commit ",
        el("span", "", class_="swatch dash"), f" band thresholds {RED_BELOW:.0f} and "
                                              f"{GREEN_FROM:.0f}",
        class_="legend",
    )
    return section(
        "history", "Score over time",
        el("p", summary + "."),
        el("figure", history_chart(points), legend),
        el("details",
           el("summary", f"Every commit ({len(points)})"),
           table(("Commit", "Date", "Author", "Subject", "Score", "Change", "Band"), rows,
                 numeric=(4, 5), class_="history")),
        major=True,
    )


def timelines_section(
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
    legend = el("p", [
        join([el("span", "", class_=f"swatch s-{s}", style=f"background:{STATUS_FILL[s]}"),
              f" {STATUS_TITLES[s]} "])
        for s in statuses
    ], class_="legend")
    bodies = []
    for t in shown:
        rows = []
        for n, i in enumerate(t.intervals):
            head = (el("th", control(t.control_id, t.title), scope="rowgroup",
                       rowspan=str(len(t.intervals))) if n == 0 else None)
            rows.append(el(
                "tr", head,
                el("td", status_tag(i.status)),
                el("td", i.since_date.isoformat(), class_="date"),
                el("td", el("code", i.since_sha[:SHORT_SHA], title=i.since_sha)),
                el("td", i.author),
                el("td", i.until_date.isoformat() if i.until_date else "to date",
                   class_="date"),
                el("td", el("code", i.until_sha[:SHORT_SHA], title=i.until_sha)
                   if i.until_sha else ""),
            ))
        bodies.append(el("tbody", rows))
    head = el("thead", el("tr", [el("th", h, scope="col") for h in (
        "Control", "Status", "Since", "Commit", "Author", "Until", "Changed by commit")]))
    return section(
        "timelines", "Control timelines",
        el("p", "When each control changed status, with the commit and author of each change.",
           class_="note"),
        el("figure", timeline_chart(shown, end), legend),
        el("table", head, bodies, class_="timelines"),
        major=True,
    )
