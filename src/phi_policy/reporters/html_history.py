"""The single report's git sections: the score over time and when each control changed status.

Both are drawn only when the caller read the config's history (the evidence bundle does, a
plain `check` does not), and both name the commit and author of every change, since who
changed what and when is what an auditor asks of a history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from phi_policy.engine.scoring import band as band_of
from phi_policy.model import STATUSES, ControlTimeline, HistoryPoint
from phi_policy.reporters import wording as c
from phi_policy.reporters.charts import (
    SHORT_SHA,
    STATUS_FILL,
    STATUS_TITLES,
    history_chart,
    history_legend,
    timeline_chart,
)
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_parts import band_tag, control, fold, section, status_tag, table

TIMELINE_HEADER = ("Control", "Status", "Since", "Commit", "Author", "Until", "Changed by commit")


def history_section(points: Sequence[HistoryPoint], *, open_: bool = False) -> Html:
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
    return section(
        "history", "Score over time",
        el("p", summary + "."),
        fold(f"The score at each of the {len(points)} commits: the chart and the table",
             el("figure", history_chart(points), history_legend(points)),
             el("details",
                el("summary", f"Every commit ({len(points)})"),
                table(("Commit", "Date", "Author", "Subject", "Score", "Change", "Band"), rows,
                      numeric=(4, 5), class_="history")),
             open_=open_),
        major=True,
    )


def timelines_section(
    timelines: Sequence[ControlTimeline], history: Sequence[HistoryPoint], as_of: dt.date,
    *, open_: bool = False,
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
            cells = (
                (status_tag(i.status), None),
                (i.since_date.isoformat(), "date"),
                (el("code", i.since_sha[:SHORT_SHA], title=i.since_sha), None),
                (i.author, None),
                (i.until_date.isoformat() if i.until_date else "to date", "date"),
                (el("code", i.until_sha[:SHORT_SHA], title=i.until_sha) if i.until_sha else "",
                 None),
            )
            rows.append(el("tr", head, [
                el("td", cell, class_=kind, data_label=label)
                for (cell, kind), label in zip(cells, TIMELINE_HEADER[1:], strict=True)
            ]))
        bodies.append(el("tbody", rows))
    head = el("thead", el("tr", [el("th", h, scope="col") for h in TIMELINE_HEADER]))
    changes = sum(len(t.intervals) for t in shown)
    return section(
        "timelines", "Control timelines",
        el("p", "When each control changed status, with the commit and author of each change.",
           class_="note"),
        fold(f"{len(shown)} control{'s' if len(shown) != 1 else ''}, {changes} "
             f"interval{'s' if changes != 1 else ''}: the lanes and the table",
             el("figure", timeline_chart(shown, end), legend),
             el("table", head, bodies, class_="timelines"),
             open_=open_),
        major=True,
    )
