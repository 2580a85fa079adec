"""The Markdown report: a pull-request comment or a GitHub job summary.

The heading carries the verdict (score and band), the tables what a reviewer scans (domains,
what to fix first), and the per-domain findings sit in collapsed <details> blocks so that a long
report stays readable on GitHub. Every piece of text that comes from a config or a control
(messages, titles, paths, decision fields) goes through `escape`, so a `|` cannot break a table
and a `*` or `<` cannot turn into emphasis or HTML. Deterministic: same assessment, same bytes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from phi_policy.engine.scoring import band as band_of
from phi_policy.model import DOMAIN_TITLES, STATUSES, Assessment, Recommendation, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.problems import dotted

BAND_EMOJI: dict[str, str] = {"red": "🔴", "yellow": "🟡", "green": "🟢"}

#: Characters that mean something inline (emphasis, code, links, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
#: An entity reference ("&amp;", "&#124;"), which Markdown would decode.
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
#: What could open a block at the start of a line: heading, bullet, rule, setext underline.
_LEADING = re.compile(r"^([#+\-=])")
#: An ordered-list marker: up to nine digits, "." or ")", then a space or the end.
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def escape(text: str) -> str:
    """`text` as literal Markdown on one line: safe in a table cell, a list item or a paragraph.

    Newlines become spaces (a table row is one line); inline punctuation and entity references
    are backslash-escaped, and so is anything at the start that would open a block.
    """
    text = " ".join(str(text).split())
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    text = _LEADING.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def _band(band: str | None) -> str:
    """"🟡 partial", or "n/a"."""
    if band is None:
        return c.NO_SCORE
    return f"{BAND_EMOJI[band]} {c.band_word(band)}"


def gfm_table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A GitHub table; `align` is one letter per column: l(eft) or r(ight). Cells are escaped."""
    rule = {"l": "---", "r": "---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(rule[a] for a in align) + "|",
    ]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return lines


def _control(control_id: str, title: str) -> str:
    return f"**{escape(control_id)}** {escape(title)}"


def _where(result: Result) -> str:
    return escape(", ".join(c.where_col(loc) for loc in result.locations))


def _header(a: Assessment) -> list[str]:
    if a.score is None:
        heading = f"## phi-policy: {c.NO_SCORE} (no applicable controls)"
    else:
        heading = f"## phi-policy: {c.num(a.score)} / 100 {_band(a.band)}"
    summary = f"{escape(a.source)} as of {a.as_of.isoformat()}, profile {escape(a.profile)}"
    if c.num(a.raw_score) != c.num(a.score):
        summary += f"; {c.num(a.raw_score)} as specified, without documented decisions"
    lines = [heading, "", summary + "."]
    cap = c.cap_summary(a)
    if cap:
        lines += ["", f"**{escape(cap[0].upper() + cap[1:])}**."]
    if a.other_law_score is not None:
        lines += [
            "",
            f"Other law: **{c.num(a.other_law_score)} / 100** ({c.OTHER_LAW_LABEL}, scored "
            "apart).",
        ]
    if a.readiness is not None:
        lines += [
            "",
            f"Proposed-rule readiness: **{c.num(a.readiness)} / 100** "
            f"({c.NPRM_LABEL}, not yet in force).",
        ]
    return lines


def _domains(a: Assessment) -> list[str]:
    rows = []
    for d in a.domains:
        band = _band(band_of(d.score)) if d.score is not None else "no applicable controls"
        rows.append((DOMAIN_TITLES[d.domain], c.num(d.score), band))
    return gfm_table(("Domain", "Score", "Band"), "lrl", rows)


def _recommendations(recs: Sequence[Recommendation]) -> list[str]:
    """The ranked table, then how to fix each, numbered alike."""
    rows = [
        (
            str(rank),
            c.priority_word(rec.priority),
            c.gain(rec.gain),
            f"{_control(rec.control_id, rec.title)}{c.turns(rec.due_in_days)}",
            f"{rec.severity}, {c.BASIS_SHORT[rec.basis]}",
            escape(c.where(rec.locations[0])) if rec.locations else "",
            escape(c.citations(rec.citations)),
        )
        for rank, rec in enumerate(recs, 1)
    ]
    lines = gfm_table(
        ("#", "Priority", "Gain", "Control", "Severity, basis", "Where", "Citation"),
        "rlrllll",
        rows,
    )
    lines.append("")
    lines += [
        f"{rank}. **{escape(rec.control_id)}**: {escape(rec.remediation)}"
        for rank, rec in enumerate(recs, 1)
    ]
    return lines


def _fix_first(a: Assessment, options: RenderOptions) -> list[str]:
    """The action plan: fixes ranked by risk (severity, basis, gain), priority = when to act."""
    recs = a.recommendations
    shown = recs[: max(0, options.max_recommendations)]
    if not recs:
        return ["### Action plan", "", "Nothing: every applicable control passes."]
    title = "### Action plan"
    if len(shown) < len(recs):
        title += f" ({len(shown)} of {len(recs)})"
    lines = [title, "", f"_{c.PRIORITY_LEGEND.capitalize()}._", ""]
    if shown:
        lines += _recommendations(shown)
    if len(shown) < len(recs):
        lines += ["", f"{len(recs) - len(shown)} more not shown (the JSON report lists them all)."]
    return lines


def _counts(rows: Sequence[Result]) -> str:
    """"1 fail, 1 partial" for the rows of a findings block."""
    words = []
    for status in STATUSES:
        n = sum(1 for r in rows if r.status == status)
        if n:
            words.append(f"{n} {c.COUNT_WORDS[status]}")
    return ", ".join(words)


def _findings(a: Assessment, options: RenderOptions) -> list[str]:
    groups = c.findings_by_domain(a.results, verbose=options.verbose)
    lines = ["### Findings", ""]
    if not groups:
        return [*lines, "None: no applicable control fails or is partial."]
    scores = {d.domain: d.score for d in a.domains}
    for domain, rows in groups:
        score = scores.get(domain)
        mark = f" {BAND_EMOJI[band_of(score) or 'red']}" if score is not None else ""
        summary = f"{DOMAIN_TITLES[domain]}: {c.num(score)}{mark}, {_counts(rows)}"
        lines += [f"<details><summary>{html.escape(summary)}</summary>", ""]
        lines += gfm_table(
            ("Status", "Control", "Severity, basis", "Where", "Citation", "Finding"),
            "llllll",
            (
                (
                    f"**{c.STATUS_WORDS[r.status]}**",
                    _control(r.control_id, r.title),
                    f"{r.severity}, {c.BASIS_SHORT[r.basis]}",
                    _where(r),
                    escape(c.citations(r.citations)),
                    escape(r.outcome.message),
                )
                for r in rows
            ),
        )
        lines += ["", "</details>", ""]
    return lines[:-1]


def _decisions(a: Assessment) -> list[str]:
    rows = c.with_decisions(a.results)
    if not rows:
        return []
    table = []
    for r in rows:
        d = r.decision
        assert d is not None  # with_decisions keeps only those
        table.append(
            (
                _control(r.control_id, r.title),
                f"{d.kind}, {c.BASIS_SHORT[r.basis]}",
                "counts as met" if r.status == "pass" else escape(r.outcome.message),
                escape(", ".join(d.instances) or "all"),
                escape(d.approved_by),
                escape(d.review_by),
                escape(d.alternative_measure or d.reason),
            )
        )
    header = ("Control", "Kind, basis", "Effect", "Covers", "Approved by", "Review by",
              "What is done instead, or why")
    return [
        "### Documented decisions",
        "",
        "_164.306(d)(3) for addressable specifications, a risk-based tailoring for "
        "benchmarks; no decision can excuse a required specification. The review date "
        "defaults to 12 months after approval, a convention of this tool._",
        "",
        *gfm_table(header, "lllllll", table),
    ]


def _to_declare(a: Assessment) -> list[str]:
    if not a.to_declare:
        return []
    table = [
        (f"`{dotted(x.pointer)}`", escape(x.question), escape(x.hint), ", ".join(x.controls))
        for x in a.to_declare
    ]
    return [
        f"### {c.TO_DECLARE_HEADING}",
        "",
        *gfm_table(("Key", "Question", "How to answer", "Waiting controls"), "llll", table),
    ]


def _other_law(a: Assessment) -> list[str]:
    rows = [r for r in a.results if r.basis == "other_law" and r.status in ("fail", "partial")]
    if not rows:
        return []
    table = [
        (f"**{c.STATUS_WORDS[r.status]}**", _control(r.control_id, r.title), _where(r),
         escape(c.citations(r.citations)), escape(r.outcome.message))
        for r in rows
    ]
    return [
        f"### Other law ({c.OTHER_LAW_LABEL})",
        "",
        "_Not part of the HIPAA score._",
        "",
        *gfm_table(("Status", "Control", "Where", "Citation", "Finding"), "lllll", table),
    ]


def _errors(a: Assessment) -> list[str]:
    rows = c.with_status(a.results, "error")
    if not rows:
        return []
    table = [
        (_control(r.control_id, r.title), _where(r), escape(r.outcome.message)) for r in rows
    ]
    return [
        "### Controls that could not decide (counted as 0)",
        "",
        *gfm_table(("Control", "Where", "Error"), "lll", table),
    ]


def _upcoming(a: Assessment) -> list[str]:
    lines = [f"### Coming due within {a.horizon_days} days", ""]
    if not a.upcoming:
        return [*lines, "Nothing turns within the horizon."]
    for u in a.upcoming:
        stake = c.points_at_stake(u.points)
        lines.append(f"- {escape(u.message)}" + (f", **{stake}**" if stake else ""))
    return lines


def _readiness(a: Assessment) -> list[str]:
    if not a.readiness_gaps:
        return []
    results = c.by_id(a.results)
    rows = []
    for rank, gap in enumerate(a.readiness_gaps, 1):
        found = results.get(gap.control_id)
        rows.append(
            (
                str(rank),
                c.gain(gap.gain),
                _control(gap.control_id, gap.title),
                escape(c.citations(gap.citations)),
                escape(found.outcome.message) if found else "",
                escape(gap.remediation),
            )
        )
    n = len(rows)
    summary = f"{n} readiness gap{'s' if n != 1 else ''}; gains are readiness points"
    return [
        f"### Proposed rule ({c.NPRM_LABEL}) readiness gaps",
        "",
        "_Not violations of the current rule._",
        "",
        f"<details><summary>{html.escape(summary)}</summary>",
        "",
        *gfm_table(("#", "Gain", "Control", "Citation", "Finding", "Fix"), "rrllll", rows),
        "",
        "</details>",
    ]


def _footer(a: Assessment) -> list[str]:
    return ["---", "", f"Controls: {c.counts_line(a.results)}.", "", f"_{c.DISCLAIMER}_"]


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    """The whole Markdown report, ending in a newline."""
    options = options or RenderOptions()
    sections = [
        _header(assessment),
        _domains(assessment),
        _fix_first(assessment, options),
        _findings(assessment, options),
        _decisions(assessment),
        _to_declare(assessment),
        _other_law(assessment),
        _errors(assessment),
        _upcoming(assessment),
        _readiness(assessment),
        _footer(assessment),
    ]
    return c.join_blocks(sections)
