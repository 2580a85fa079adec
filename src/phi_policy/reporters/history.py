"""The history as text, JSON, CSV or Markdown: pure functions of a History that return a str.

Every format carries the same facts per commit: the sha, the committer date (the `as_of` it
was judged at), the author, the subject, the score, the band, the change since the previous
valid commit, and the controls whose status moved; an invalid commit carries the reason
instead of a score. With timelines, the text, JSON and Markdown forms add each control's
intervals of constant status; CSV, one table per file, then lists the intervals instead of the
commits. Scores have two decimals, so a small move is not rounded away. Nothing here reads
the clock: the same history gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from phi_policy import __version__
from phi_policy.audit.history import SHORT, History, Row
from phi_policy.audit.timelines import changed
from phi_policy.model import ControlTimeline, Interval
from phi_policy.reporters.wording import COUNT_WORDS

Renderer = Callable[[History, "Sequence[ControlTimeline] | None"], str]


def two_decimals(value: float | None) -> str:
    """A score with the two decimals a history keeps, so a small move is not rounded away;
    "" when there is none (an invalid commit's cell stays empty)."""
    return "" if value is None else f"{round(value, 2) + 0.0:.2f}"


def signed_two_decimals(value: float | None) -> str:
    """A change of score with two decimals and always a sign, "+0.00" too, unlike the diff's
    (phi_policy.reporters.diff_wording); "" when there is none."""
    return "" if value is None else f"{round(value, 2) + 0.0:+.2f}"


def _two(value: float | None) -> float | None:
    return None if value is None else round(value, 2) + 0.0


def change_words(row: Row) -> str:
    """ "TECH-015 partial -> pass; GOV-012 pass -> partial" """
    return "; ".join(
        f"{c.control_id} {COUNT_WORDS[c.before]} -> {COUNT_WORDS[c.after]}" for c in row.changes
    )


def walk_words(history: History) -> str:
    """What was walked: "the first-parent line of 1a2b3c4" and the period, if any."""
    line = (
        f"the first-parent line of {history.head[:SHORT]}"
        if history.first_parent
        else "every ref"
    )
    if history.since or history.until:
        since = history.since.isoformat() if history.since else "the start"
        until = history.until.isoformat() if history.until else "today"
        line += f", from {since} to {until}"
    return line


# --- data ---------------------------------------------------------------------------------------


def person(name: str, email: str, when: str) -> dict[str, str]:
    return {"name": name, "email": email, "date": when}


def row_dict(row: Row) -> dict[str, Any]:
    """One commit as data: its facts, the config's name and blob there, and its verdict."""
    c, a = row.commit, row.verdict
    return {
        "sha": c.sha,
        "tree": c.tree,
        "parents": list(c.parents),
        "path": c.path,
        "change": c.change,
        "old_path": c.old_path,
        "blob": c.blob,
        "author": person(c.author_name, c.author_email, c.author_datetime),
        "committer": person(c.committer_name, c.committer_email, c.committer_datetime),
        "signature": c.signature,
        "subject": c.subject,
        "as_of": row.as_of.isoformat(),
        "valid": a is not None,
        "invalid": row.invalid,
        "score": _two(a.score) if a else None,
        "raw_score": _two(a.raw_score) if a else None,
        "band": a.band if a else None,
        "delta": _two(row.delta),
        "changes": [
            {"control": ch.control_id, "title": ch.title, "from": ch.before, "to": ch.after}
            for ch in row.changes
        ],
    }


def interval_dict(interval: Interval) -> dict[str, Any]:
    return {
        "status": interval.status,
        "since": {
            "commit": interval.since_sha,
            "date": interval.since_date.isoformat(),
            "author": interval.author,
        },
        "until": None
        if interval.until_sha is None or interval.until_date is None
        else {"commit": interval.until_sha, "date": interval.until_date.isoformat()},
    }


def timeline_dict(timeline: ControlTimeline) -> dict[str, Any]:
    return {
        "control": timeline.control_id,
        "title": timeline.title,
        "intervals": [interval_dict(i) for i in timeline.intervals],
    }


def history_dict(
    history: History, timelines: Sequence[ControlTimeline] | None = None
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "tool": {"name": "phi-policy", "version": __version__},
        "config": history.path,
        "head": history.head,
        "first_parent": history.first_parent,
        "profile": history.profile,
        "since": history.since.isoformat() if history.since else None,
        "until": history.until.isoformat() if history.until else None,
        "before": row_dict(history.before) if history.before else None,
        "commits": [_with_dating(r) for r in history.rows],
    }
    if timelines is not None:
        out["timelines"] = [timeline_dict(t) for t in timelines]
    return out


def _with_dating(row: Row) -> dict[str, Any]:
    """A row as data, with what cannot be true of its date (the bundle has these as flags)."""
    out = row_dict(row)
    out["dating"] = [{"kind": n.kind, "message": n.message} for n in row.dating]
    return out


def render_json(history: History, timelines: Sequence[ControlTimeline] | None = None) -> str:
    return (
        json.dumps(history_dict(history, timelines), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


# --- CSV (RFC 4180: comma, double quotes, CRLF line ends) ----------------------------------------

CSV_COLUMNS = (
    "sha", "date", "author", "author_email", "committer", "committer_email", "subject", "path",
    "blob", "signature", "score", "raw_score", "band", "delta", "changes", "invalid",
)
TIMELINE_COLUMNS = (
    "control", "title", "status", "since_commit", "since_date", "author", "until_commit",
    "until_date",
)


def render_csv(history: History, timelines: Sequence[ControlTimeline] | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if timelines is not None:
        writer.writerow(TIMELINE_COLUMNS)
        for t in timelines:
            for i in t.intervals:
                writer.writerow((
                    t.control_id, t.title, i.status, i.since_sha, i.since_date.isoformat(),
                    i.author, i.until_sha or "",
                    i.until_date.isoformat() if i.until_date else "",
                ))
        return buffer.getvalue()
    writer.writerow(CSV_COLUMNS)
    for r in history.rows:
        c, a = r.commit, r.verdict
        writer.writerow((
            c.sha, r.as_of.isoformat(), c.author_name, c.author_email, c.committer_name,
            c.committer_email, c.subject, c.path, c.blob or "", c.signature,
            two_decimals(a.score) if a else "", two_decimals(a.raw_score) if a else "",
            (a.band or "") if a else "", signed_two_decimals(r.delta), change_words(r),
            r.invalid or "",
        ))
    return buffer.getvalue()


# --- text ---------------------------------------------------------------------------------------


def render_text(history: History, timelines: Sequence[ControlTimeline] | None = None) -> str:
    rows = history.rows
    count = f"{len(rows)} commit{'s' if len(rows) != 1 else ''}"
    lines = [
        f"{history.path}: {count} changed the config on {walk_words(history)}; oldest first, "
        "each judged as of its commit date",
        "",
    ]
    if rows:
        width = min(24, max(len("author"), *(len(r.commit.author_name) for r in rows)))
        lines.append(
            f"{'commit':<{SHORT}}  {'date':<10}  {'author':<{width}}  {'score':>6}  "
            f"{'band':<6}  {'change':>6}  subject"
        )
        for r in rows:
            a = r.verdict
            score = (two_decimals(a.score) or "n/a") if a else "invalid"
            band = (a.band or "") if a else ""
            lines.append(
                f"{r.short_sha:<{SHORT}}  {r.as_of.isoformat()}  "
                f"{r.commit.author_name[:width]:<{width}}  {score:>6}  {band:<6}  "
                f"{signed_two_decimals(r.delta) or '':>6}  {r.commit.subject}"
            )
            for note in r.dating:
                lines.append(f"{'':<{SHORT}}  ! {note.message}")
            if r.invalid:
                lines.append(f"{'':<{SHORT}}  invalid: {r.invalid}")
            for ch in r.changes:
                lines.append(
                    f"{'':<{SHORT}}  {ch.control_id} {COUNT_WORDS[ch.before]} -> "
                    f"{COUNT_WORDS[ch.after]}: {ch.title}"
                )
    else:
        lines.append("No commit in the period changed the config.")
    if timelines is not None:
        lines += ["", *_timelines_text(timelines)]
    return "\n".join(lines) + "\n"


def _timelines_text(timelines: Sequence[ControlTimeline]) -> list[str]:
    moved = changed(timelines)
    steady = len(timelines) - len(moved)
    lines = [
        f"Control timelines: {len(moved)} control{'s' if len(moved) != 1 else ''} changed "
        f"status ({steady} kept one status throughout)"
    ]
    for t in moved:
        lines += ["", f"{t.control_id}  {t.title}"]
        width = max(len(i.author) for i in t.intervals)
        for i in t.intervals:
            until = (
                f"until {i.until_date.isoformat()}  {(i.until_sha or '')[:SHORT]}"
                if i.until_date
                else "to date"
            )
            lines.append(
                f"  {COUNT_WORDS[i.status]:<7}  since {i.since_date.isoformat()}  "
                f"{i.since_sha[:SHORT]}  {i.author:<{width}}  {until}"
            )
    return lines


# --- Markdown -----------------------------------------------------------------------------------


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render_markdown(
    history: History, timelines: Sequence[ControlTimeline] | None = None
) -> str:
    rows = history.rows
    lines = [
        f"## History of `{history.path}`",
        "",
        f"{len(rows)} commit{'s' if len(rows) != 1 else ''} changed the config on "
        f"{walk_words(history)}, oldest first; each is judged as of its commit date.",
        "",
    ]
    if rows:
        lines += [
            "| Commit | Date | Author | Subject | Score | Band | Change | Controls changed |",
            "|---|---|---|---|--:|---|--:|---|",
        ]
        for r in rows:
            a = r.verdict
            score = (two_decimals(a.score) or "n/a") if a else "**invalid**"
            what = f"invalid: {r.invalid}" if r.invalid else change_words(r)
            if r.dating:
                what = "; ".join(["**" + n.message + "**" for n in r.dating] + [what])
            lines.append(
                f"| `{r.short_sha}` | {r.as_of.isoformat()} | {_cell(r.commit.author_name)} | "
                f"{_cell(r.commit.subject)} | {score} | {(a.band or '') if a else ''} | "
                f"{signed_two_decimals(r.delta)} | {_cell(what)} |"
            )
    else:
        lines.append("No commit in the period changed the config.")
    if timelines is not None:
        moved = changed(timelines)
        lines += [
            "",
            "### Control timelines",
            "",
            f"{len(moved)} control{'s' if len(moved) != 1 else ''} changed status; "
            f"{len(timelines) - len(moved)} kept one status throughout.",
        ]
        if moved:
            lines += [
                "",
                "| Control | Status | Since | Commit | Author | Until | Changed by |",
                "|---|---|---|---|---|---|---|",
            ]
            for t in moved:
                for i in t.intervals:
                    lines.append(
                        f"| {t.control_id} | {COUNT_WORDS[i.status]} | "
                        f"{i.since_date.isoformat()} | `{i.since_sha[:SHORT]}` | "
                        f"{_cell(i.author)} | "
                        f"{i.until_date.isoformat() if i.until_date else 'to date'} | "
                        f"{'`' + i.until_sha[:SHORT] + '`' if i.until_sha else ''} |"
                    )
    return "\n".join(lines) + "\n"
