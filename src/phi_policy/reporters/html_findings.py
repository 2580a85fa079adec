"""The single report's sections that list controls: what to fix first, then every finding.

The action plan (ranked by risk, grouped by priority), the findings per domain, the documented
decisions that count as compliant, the controls that could not decide, what falls due, the
other-law checks (scored apart, never in the HIPAA score) and the proposed rule's gaps. Each
row carries the same facts in the same order: severity and legal basis, the YAML line, the
citations and the remediation, so a reader learns one table and can read them all.
"""

from __future__ import annotations

from collections.abc import Sequence

from phi_policy.engine.scoring import band as band_of
from phi_policy.model import DOMAIN_TITLES, DOMAINS, Assessment, Recommendation, Result
from phi_policy.reporters import RenderOptions
from phi_policy.reporters import wording as c
from phi_policy.reporters.html_builder import Html, el, join
from phi_policy.reporters.html_parts import (
    band_tag,
    basis_legend,
    cites,
    control,
    fold,
    prose,
    risk,
    section,
    status_tag,
    table,
    where,
)
from phi_policy.reporters.problems import dotted

#: Status, control, severity and basis, finding, where, citations, remediation (percent of
#: the page width).
FINDING_WIDTHS = (7, 18, 10, 21, 15, 13, 16)


def fix_section(a: Assessment, options: RenderOptions, *, open_: bool = False) -> Html:
    """The action plan: the fixes ranked by risk (severity, legal basis, gain), grouped by
    priority, which follows the severity (when to act), with the legend saying so."""
    recs = a.recommendations
    shown = recs[: max(0, options.max_recommendations)]
    title = "Action plan"
    if not recs:
        return section("fix", title, el("p", "Nothing: every applicable control passes."))
    if len(shown) < len(recs):
        title += f" ({len(shown)} of {len(recs)})"
    groups: list[Html] = []
    for priority, ranked in c.action_plan(shown):
        rows = [
            (str(rank), c.gain(rec.gain), c.priority_word(rec.priority), risk(rec),
             control(rec.control_id, rec.title, c.turns(rec.due_in_days)),
             where(rec.locations[:1], col=False), cites(rec.citations), prose(rec.remediation))
            for rank, rec in ranked
        ]
        groups.append(el("h3", "Priority: ", c.priority_word(priority),
                         id=f"fix-{priority}"))
        groups.append(table(
            ("#", "Gain", "Priority", "Severity, basis", "Control", "Where", "Citations",
             "Remediation"), rows, numeric=(0, 1), class_="fix",
            widths=(3, 5, 8, 9, 20, 15, 15, 25)))
    more = (el("p", f"{len(recs) - len(shown)} more not shown here; every finding is listed "
                    "under Findings.", class_="note") if len(shown) < len(recs) else None)
    return section(
        "fix", title,
        el("p", "Ranked by risk: severity first, then legal basis, then the points the "
                "overall score gains when the control passes. ",
           c.PRIORITY_LEGEND[0].upper() + c.PRIORITY_LEGEND[1:], ".",
           class_="note priority-legend"),
        fold(f"{_count(len(shown), 'fix', 'fixes')} by priority, each with where, citations "
             "and remediation",
             *groups, basis_legend(rec.basis for rec in shown), more, open_=open_),
    )


def _result_rows(rows: Sequence[Result], *, fix: bool) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for r in rows:
        row: tuple[object, ...] = (status_tag(r.status), control(r.control_id, r.title),
                                   risk(r), prose(r.outcome.message), where(r.locations),
                                   cites(r.citations))
        out.append((*row, prose(r.remediation)) if fix else row)
    return out


def findings_section(a: Assessment, options: RenderOptions, *, open_: bool = False) -> Html:
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
        body: list[Html] = [el("h3", heading, " ", band_tag(band_of(score)) if score is not None
                               else "", id=f"findings-{domain}")]
        elsewhere = [
            join([f"{n} {word} (see ", el("a", title, href=f"#{key}"), ")"])
            for n, word, title, key in (
                (sum(1 for r in current if r.decided), "met by a documented decision",
                 "Documented decisions", "decisions"),
                (sum(1 for r in current if r.status == "error"), "could not decide", "Errors",
                 "errors"),
            ) if n
        ]
        if failing:
            body.append(table(("Status", "Control", "Severity, basis", "Finding", "Where",
                               "Citations", "Remediation"), _result_rows(failing, fix=True),
                              class_="findings", widths=FINDING_WIDTHS))
        else:
            body.append(el("p", "No control in this domain fails or is partial.", class_="note"))
        if elsewhere:
            body.append(el("p", "Also in this domain: ", join(elsewhere, ", "), ".",
                           class_="note"))
        if rest:
            passing = sum(1 for r in rest if r.status == "pass")
            summary = f"{passing} passing, {len(rest) - passing} not applicable"
            body.append(el(
                "details",
                el("summary", summary),
                table(("Status", "Control", "Severity, basis", "Finding", "Where", "Citations"),
                      _result_rows(rest, fix=False), class_="findings",
                      widths=(*FINDING_WIDTHS[:5], FINDING_WIDTHS[5] + FINDING_WIDTHS[6])),
                open=options.verbose >= 1,
            ))
        blocks.append(el("div", body, class_="domain"))
    if not blocks:
        blocks.append(el("p", "No control under the rule in force applies."))
    blocks.append(basis_legend(r.basis for r in c.current(a.results)))
    return section("findings", "Findings",
                   fold(f"Every control under the rule in force, by domain: "
                        f"{c.counts_line(a.results)}", *blocks, open_=open_),
                   major=True)


def _decision_cell(r: Result) -> Html:
    """What the decision does (first, in bold), then who approved it, when, what and why."""
    first, *rest = c.decision_lines(r)
    return el("ul", el("li", el("strong", first)), [el("li", prose(line)) for line in rest],
              class_="decision")


def decisions_section(a: Assessment, *, open_: bool = False) -> Html:
    """Results a documented decision met, tailored or failed to cover (an expired one).

    A valid decision for an addressable specification is how 164.306(d)(3) is met, so it
    counts as compliant: this section says so and never calls it an accepted risk.
    """
    rows = c.with_decisions(a.results)
    if not rows:
        return Html("")
    cells = [(status_tag(r.status), control(r.control_id, r.title), risk(r), where(r.locations),
              _decision_cell(r)) for r in rows]
    note = ("An addressable specification met by a documented alternative measure, or found "
            "not reasonable and appropriate with the reason written down (164.306(d)(3)), and a "
            "benchmark tailored by a risk-based decision count as compliant. A required "
            "specification cannot be met by a decision. Each decision is reviewed by its date "
            "(12 months after approval unless it says: a convention of this tool).")
    facts = []
    if c.num(a.raw_score) != c.num(a.score):
        facts.append(el("p", "Score as specified, with no decision honoured: ",
                        el("strong", c.num(a.raw_score)), " (", band_tag(a.raw_band), ").",
                        class_="note"))
    return section(
        "decisions", "Documented decisions",
        el("p", note, class_="note"),
        *facts,
        fold(f"{_count(len(rows), 'control')} with a documented decision: what it does, who "
             "approved it, when and why",
             table(("Status", "Control", "Severity, basis", "Where", "Decision"), cells,
                   class_="decisions", widths=(7, 20, 10, 15, 48)),
             open_=open_),
    )


def to_declare_section(a: Assessment) -> Html:
    """The applicability keys the config leaves out: never folded, since until each is declared
    the controls waiting on it are unscored and the score says nothing about them."""
    if not a.to_declare:
        return Html("")
    items = [
        el("li", el("code", dotted(x.pointer)), ": ", x.question,
           f" (waiting: {', '.join(x.controls)})" if x.controls else "",
           el("br"), el("span", x.hint, class_="note"))
        for x in a.to_declare
    ]
    return section("to-declare", c.TO_DECLARE_HEADING, el("ul", *items))


def other_law_section(a: Assessment, *, open_: bool = False) -> Html:
    """Checks of other laws (DEA, state): shown apart with their own score, never mixed into
    the HIPAA findings, score or band."""
    results = [r for r in a.results if r.basis == "other_law"]
    if not results:
        return Html("")
    found = c.by_id(results)
    title = c.OTHER_LAW_LABEL[0].upper() + c.OTHER_LAW_LABEL[1:]
    note = el("p", "Not part of the HIPAA score or band. Scored apart: ",
              el("strong", c.num(a.other_law_score)), " / 100; gains are points of that "
              "score.", class_="note")
    if not a.other_law_gaps:
        return section("other-law", title, note,
                       el("p", "Every applicable other-law check passes."))
    rows = [
        (str(rank), c.gain(gap.gain), c.priority_word(gap.priority), risk(gap),
         control(gap.control_id, gap.title),
         prose(found[gap.control_id].outcome.message) if gap.control_id in found else "",
         where(gap.locations[:1], col=False), cites(gap.citations), prose(gap.remediation))
        for rank, gap in enumerate(a.other_law_gaps, 1)
    ]
    return section(
        "other-law", title, note,
        fold(f"{_count(len(rows), 'gap')}, ranked by risk",
             table(("#", "Gain", "Priority", "Severity, basis", "Control", "Finding", "Where",
                    "Citations", "Remediation"), rows, numeric=(0, 1), class_="other-law",
                   widths=(3, 5, 8, 9, 17, 17, 12, 12, 17)),
             open_=open_),
    )


def errors_section(a: Assessment, *, open_: bool = False) -> Html:
    rows = c.with_status(a.results, "error")
    if not rows:
        return Html("")
    cells = [(control(r.control_id, r.title), where(r.locations), prose(r.outcome.message),
              cites(r.citations)) for r in rows]
    return section("errors", "Controls that could not decide (counted as 0)",
                   fold(f"{_count(len(rows), 'control')}, with the error each raised",
                        table(("Control", "Where", "Error", "Citations"), cells,
                              class_="errors"),
                        open_=open_))


def upcoming_section(a: Assessment, *, open_: bool = False) -> Html:
    title = f"Coming due within {a.horizon_days} days"
    if not a.upcoming:
        return section("upcoming", title, el("p", "Nothing turns within the horizon."))
    rows = [
        (el("span", u.on.isoformat(), class_="date"),
         "today" if u.in_days == 0 else f"{u.in_days} day{'s' if u.in_days != 1 else ''}",
         el("strong", u.control_id, class_="cid"), prose(u.message),
         c.points_at_stake(u.points) or "")
        for u in a.upcoming
    ]
    return section("upcoming", title,
                   fold(f"{_count(len(rows), 'date')}, soonest first, with what happens on each",
                        table(("On", "In", "Control", "What happens", "At stake"), rows,
                              numeric=(1,), class_="upcoming"),
                        open_=open_))


def readiness_section(a: Assessment, *, open_: bool = False) -> Html:
    if not a.readiness_gaps:
        return Html("")
    found = c.by_id(a.results)

    def message(gap: Recommendation) -> str:
        r = found.get(gap.control_id)
        return r.outcome.message if r else ""

    rows = [
        (str(rank), c.gain(gap.gain), control(gap.control_id, gap.title), gap.severity,
         prose(message(gap)), cites(gap.citations), prose(gap.remediation))
        for rank, gap in enumerate(a.readiness_gaps, 1)
    ]
    return section(
        "readiness",
        join([f"Proposed rule ({c.NPRM_LABEL}) readiness gaps ",
              el("span", "proposed, not in force", class_="proposed")]),
        el("p", "These are not violations of the rule in force. Readiness is ",
           el("strong", c.num(a.readiness)), " / 100; gains are readiness points.",
           class_="note"),
        fold(f"{_count(len(rows), 'gap')}, ranked by readiness points",
             table(("#", "Gain", "Control", "Severity", "Finding", "Citations", "Remediation"),
                   rows, numeric=(0, 1), class_="readiness"),
             open_=open_),
        major=True,
    )


def _count(n: int, word: str, plural: str | None = None) -> str:
    """"1 fix", "3 fixes"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
