"""The text report: what a security officer reads in the terminal before committing.

Top-down in the order of the questions asked: how do we stand (score, band and why it is
capped, domains), what do we fix and when (the action plan, ranked by risk), what exactly is
wrong, on what legal basis, and where (file:line:col), which documented decisions count, what
will turn by itself soon, what other laws ask, and how ready we are for the proposed rule.
Lines stay within about 100 columns and never end in spaces; colors come from click.style
and only when asked for, so a plain report holds no escape codes at all.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import click

from phi_policy.engine.scoring import band as band_of
from phi_policy.model import DOMAIN_TITLES, Assessment, Citation, Recommendation, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c

WIDTH = 100
BAR_CELLS = 20
TITLE_WIDTH = max(len(title) for title in DOMAIN_TITLES.values())
ID_WIDTH = 8
LABEL_WIDTH = 7
#: Indent of a finding's detail lines: below the end of the status column.
DETAIL = " " * (4 + c.STATUS_WIDTH + 2)
#: Indent of a recommendation's detail lines: below its gain.
FIX_INDENT = 6

BAND_COLORS: dict[str, str] = {"red": "red", "yellow": "yellow", "green": "green"}
STATUS_COLORS: dict[str, str] = {
    "pass": "green",
    "partial": "yellow",
    "fail": "red",
    "error": "magenta",
}


class Painter:
    """click.style when color is on, the identity otherwise (so no escape code can leak)."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, fg: str | None = None, bold: bool = False) -> str:
        if not self.color or not text or (fg is None and not bold):
            return text
        return click.style(text, fg=fg, bold=bold or None)

    def band(self, text: str, band: str | None) -> str:
        return self(text, BAND_COLORS.get(band or ""), bold=True)

    def status(self, status: str) -> str:
        """The status word padded to one column width (the padding left unstyled)."""
        word = c.STATUS_WORDS[status]
        return self(word, STATUS_COLORS.get(status), bold=True) + " " * (c.STATUS_WIDTH - len(word))

    def heading(self, text: str) -> str:
        return self(text, bold=True)


def wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    """`text` wrapped at WIDTH; a word, a path or a section number is never split."""
    return textwrap.wrap(
        " ".join(text.split()),
        WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [(indent if first is None else first).rstrip()]


def _header(a: Assessment, paint: Painter) -> list[str]:
    lines = [
        paint.heading(f"phi-policy check: {a.source}"),
        f"as of {a.as_of.isoformat()}, profile {a.profile}",
        "",
    ]
    if a.score is None:
        score = f"Score {c.NO_SCORE}  no applicable controls to score"
    else:
        band = paint.band(f"{(a.band or '').upper()} ({c.band_word(a.band)})", a.band)
        score = f"Score {paint(c.num(a.score), bold=True)} / 100  {band}"
    lines.append(score)
    cap = c.cap_summary(a)
    if cap:
        lines.extend(paint(line, BAND_COLORS.get(a.band or "")) for line in wrap(cap, "  "))
    if c.num(a.raw_score) != c.num(a.score):
        lines.append(f"As specified, without documented decisions: {c.num(a.raw_score)} / 100")
    if a.other_law_score is not None:
        lines.append(
            f"Other law {c.num(a.other_law_score)} / 100 ({c.OTHER_LAW_LABEL}, scored apart)"
        )
    if a.readiness is not None:
        lines.append(
            f"Proposed-rule readiness {c.num(a.readiness)} / 100 "
            f"({c.NPRM_LABEL}, not yet in force)"
        )
    return lines


def _domains(a: Assessment, paint: Painter) -> list[str]:
    lines = [paint.heading("Domain scores")]
    for d in a.domains:
        title = DOMAIN_TITLES[d.domain].ljust(TITLE_WIDTH)
        if d.score is None:
            lines.append(f"  {title}  {c.NO_SCORE:>5}  {'':{BAR_CELLS}}  no applicable controls")
            continue
        band = band_of(d.score)
        filled, empty = c.bar(d.score, BAR_CELLS)
        cells = paint(filled, BAND_COLORS.get(band or "")) + empty
        word = paint.band((band or "").upper(), band)
        lines.append(f"  {title}  {c.num(d.score):>5}  {cells}  {word}")
    return lines


def _labelled(label: str, text: str, indent: str) -> list[str]:
    """`label` in a 7-column gutter, `text` wrapped beside it: "where  phi-policy.yaml:88"."""
    return wrap(text, indent + " " * LABEL_WIDTH, f"{indent}{label:<{LABEL_WIDTH}}")


def _cites(citations: Sequence[Citation], indent: str) -> list[str]:
    """One citation a line, so that a section number always stays next to its title."""
    lines = []
    for index, citation in enumerate(citations):
        lines.extend(_labelled("cites" if index == 0 else "", c.citation(citation), indent))
    return lines


def _recommendation(
    rank: int, rec: Recommendation, paint: Painter, message: str | None = None
) -> list[str]:
    """A ranked fix: gain, id and title, then severity and basis, (the finding,) where, cites
    and how."""
    prefix = f"{rank:>4}. {c.gain(rec.gain):>6}  {rec.control_id:<{ID_WIDTH}}  "
    title = rec.title + c.turns(rec.due_in_days)
    wrapped = wrap(title, " " * len(prefix), prefix)
    styled = prefix.replace(c.gain(rec.gain), paint(c.gain(rec.gain), bold=True), 1)
    lines = [styled + wrapped[0][len(prefix):], *wrapped[1:]]
    indent = " " * FIX_INDENT
    lines.extend(_labelled("risk", c.severity_and_basis(rec), indent))
    if message:
        lines.extend(wrap(message, indent))
    if rec.locations:
        lines.extend(_labelled("where", c.where(rec.locations[0]), indent))
    lines.extend(_cites(rec.citations, indent))
    lines.extend(_labelled("fix", rec.remediation, indent))
    return lines


def _fix_first(a: Assessment, options: RenderOptions, paint: Painter) -> list[str]:
    """The action plan: the fixes ranked by risk, grouped by when to act."""
    recs = a.recommendations
    shown = recs[: max(0, options.max_recommendations)]
    if not recs:
        return [paint.heading("Action plan"), "  nothing: every applicable control passes"]
    title = "Action plan"
    if len(shown) < len(recs):
        title += f" ({len(shown)} of {len(recs)})"
    lines = [paint.heading(title), *wrap(c.PRIORITY_LEGEND.capitalize(), "  ", "  ")]
    for priority, ranked in c.action_plan(shown):
        lines.append("")
        lines.append(f"  Priority: {c.priority_word(priority)}")
        for index, (rank, rec) in enumerate(ranked):
            if index:
                lines.append("")
            lines.extend(_recommendation(rank, rec, paint))
    if len(shown) < len(recs):
        rest = len(recs) - len(shown)
        lines.append("")
        lines.append(f"  ... {rest} more not shown (the JSON report lists them all)")
    return lines


def _row(r: Result, paint: Painter, details: Iterable[str]) -> list[str]:
    """One result: status, id and title, then `details`, its basis, locations and citations."""
    first = f"    {c.STATUS_WORDS[r.status]:<{c.STATUS_WIDTH}}  {r.control_id:<{ID_WIDTH}}  "
    wrapped = wrap(r.title, " " * len(first), first)
    styled = f"    {paint.status(r.status)}  {r.control_id:<{ID_WIDTH}}  "
    lines = [styled + wrapped[0][len(first) :]]
    lines.extend(wrapped[1:])
    for text in details:
        lines.extend(wrap(text, DETAIL))
    lines.extend(_labelled("risk", c.severity_and_basis(r), DETAIL))
    if r.locations:
        lines.extend(_labelled("where", ", ".join(c.where_col(loc) for loc in r.locations), DETAIL))
    lines.extend(_cites(r.citations, DETAIL))
    return lines


def _findings(a: Assessment, options: RenderOptions, paint: Painter) -> list[str]:
    groups = c.findings_by_domain(a.results, verbose=options.verbose)
    lines = [paint.heading("Findings")]
    if not groups:
        lines.append("  none: no applicable control fails or is partial")
    for index, (domain, rows) in enumerate(groups):
        if index:
            lines.append("")
        lines.append(f"  {DOMAIN_TITLES[domain]}")
        for r in rows:
            lines.extend(_row(r, paint, [r.outcome.message]))
    return lines


def _decisions(a: Assessment, paint: Painter) -> list[str]:
    rows = c.with_decisions(a.results)
    if not rows:
        return []
    lines = [paint.heading("Documented decisions (164.306(d)(3) for addressable specifications, "
                           "risk-based for benchmarks)")]
    for r in rows:
        lines.extend(_row(r, paint, c.decision_lines(r)))
    return lines


def _to_declare(a: Assessment, paint: Painter) -> list[str]:
    if not a.to_declare:
        return []
    lines = [paint.heading(c.TO_DECLARE_HEADING)]
    for item in a.to_declare:
        lines.extend(wrap(c.to_declare_line(item), "    ", "  - "))
        lines.extend(wrap(f"hint: {item.hint}", "      ", "    "))
    return lines


def _other_law(a: Assessment, paint: Painter) -> list[str]:
    rows = [r for r in a.results if r.basis == "other_law" and r.status in ("fail", "partial")]
    if not rows:
        return []
    lines = [paint.heading(f"Other law ({c.OTHER_LAW_LABEL}): not part of the HIPAA score")]
    for r in rows:
        lines.extend(_row(r, paint, [r.outcome.message]))
    return lines


def _errors(a: Assessment, paint: Painter) -> list[str]:
    rows = c.with_status(a.results, "error")
    if not rows:
        return []
    lines = [paint.heading("Controls that could not decide (counted as 0)")]
    for r in rows:
        lines.extend(_row(r, paint, [r.outcome.message]))
    return lines


def _upcoming(a: Assessment, paint: Painter) -> list[str]:
    title = f"Coming due within {a.horizon_days} days"
    if not a.upcoming:
        return [paint.heading(title), "  nothing turns within the horizon"]
    lines = [paint.heading(title)]
    for u in a.upcoming:
        item = wrap(u.message, "    ", "  - ")
        stake = c.points_at_stake(u.points)
        if stake and len(item[-1]) + len(stake) + 2 <= WIDTH:
            item[-1] += f", {stake}"
        elif stake:
            item[-1] += ","
            item.append(f"    {stake}")
        lines.extend(item)
    return lines


def _readiness(a: Assessment, paint: Painter) -> list[str]:
    if not a.readiness_gaps:
        return []
    results = c.by_id(a.results)
    lines = [
        paint.heading(f"Proposed rule ({c.NPRM_LABEL}) readiness gaps: "
                      "not violations of the current rule"),
        f"  gains are readiness points (readiness is {c.num(a.readiness)} / 100)",
    ]
    for rank, gap in enumerate(a.readiness_gaps, 1):
        lines.append("")
        found = results.get(gap.control_id)
        lines.extend(_recommendation(rank, gap, paint, found.outcome.message if found else None))
    return lines


def _footer(a: Assessment) -> list[str]:
    return [f"Controls: {c.counts_line(a.results)}", c.DISCLAIMER]


def _sections(a: Assessment, options: RenderOptions, paint: Painter) -> list[list[str]]:
    return [
        _header(a, paint),
        _domains(a, paint),
        _fix_first(a, options, paint),
        _findings(a, options, paint),
        _decisions(a, paint),
        _to_declare(a, paint),
        _other_law(a, paint),
        _errors(a, paint),
        _upcoming(a, paint),
        _readiness(a, paint),
        _footer(a),
    ]


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    """The whole text report, ending in a newline."""
    options = options or RenderOptions()
    paint = Painter(options.color)
    return c.join_blocks(_sections(assessment, options, paint))
