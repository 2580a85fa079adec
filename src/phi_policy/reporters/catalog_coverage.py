"""A catalog's coverage of the HIPAA Security Rule as text, JSON and Markdown tables.

`phi-policy controls coverage` prints them, and docs/coverage.md and the regulation index of
docs/controls.md (phi_policy.reporters.catalog_docs) are made of the Markdown ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from phi_policy.catalog.coverage import Row, Summary, is_specification, summarize
from phi_policy.catalog.vocabulary import FRAMEWORKS
from phi_policy.reporters.catalog_tables import column_widths, md_table, text_table

SAFEGUARD_TITLES = {
    "administrative": "Administrative safeguards (164.308)",
    "physical": "Physical safeguards (164.310)",
    "technical": "Technical safeguards (164.312)",
    "organizational": "Organizational requirements (164.314)",
    "policies_procedures_documentation": "Policies, procedures and documentation (164.316)",
}


OTHERS = "Other sections cited (Breach Notification, Privacy and other rules)"


def _rule(row: Row) -> str:
    return FRAMEWORKS.get(row.section.source, row.section.source).removeprefix("HIPAA ")


def _ra(row: Row) -> str:
    return {"required": "R", "addressable": "A"}.get(row.section.requirement or "", "-")


def _controls_cell(row: Row, *, link: str | None = None) -> str:
    """The ids citing a row; with `link`, each links to its section on that page ("" = this one)."""
    if not row.controls:
        return "NOT CITED"
    return ", ".join(i if link is None else f"[{i}]({link}#{i.lower()})" for i in row.controls)


def _security_groups(rows: Sequence[Row]) -> list[tuple[str, list[Row]]]:
    groups: dict[str, list[Row]] = {}
    for row in rows:
        if is_specification(row):
            groups.setdefault(row.section.safeguard or "", []).append(row)
    return list(groups.items())


def _coverage_cells(r: Row) -> list[str]:
    standard = r.section.kind == "standard"
    return [
        ("" if standard else "  ") + r.citation,
        "standard" if standard else "spec",
        _ra(r),
        r.title,
        _controls_cell(r),
    ]


def coverage_text(rows: Sequence[Row]) -> str:
    summary = summarize(rows)
    lines = [
        "HIPAA Security Rule (45 CFR 164 Subpart C): standards, implementation specifications "
        "and the controls citing them",
        "",
    ]
    headers = ("SECTION", "KIND", "R/A", "TITLE", "CONTROLS")
    groups = [
        (safeguard, [_coverage_cells(r) for r in group])
        for safeguard, group in _security_groups(rows)
    ]
    widths = column_widths(headers, [cells for _, table in groups for cells in table])
    for safeguard, table in groups:
        lines.append(SAFEGUARD_TITLES.get(safeguard, safeguard))
        lines += ["  " + line for line in text_table(headers, table, widths)]
        lines.append("")
    others = [r for r in rows if not is_specification(r)]
    if others:
        lines.append(OTHERS)
        table = [[r.citation, _rule(r), r.title, _controls_cell(r)] for r in others]
        named = ("SECTION", "RULE", "TITLE", "CONTROLS")
        lines += ["  " + line for line in text_table(named, table)]
        lines.append("")
    lines.append(summary_line(summary))
    if summary.uncovered:
        lines.append(f"not cited by any control: {', '.join(summary.uncovered)}")
    return "\n".join(lines) + "\n"


def summary_line(summary: Summary) -> str:
    return (
        f"{summary.sentence()} ({summary.standards_cited} of {summary.standards} standards, "
        f"{summary.specs_cited} of {summary.specs} implementation specifications)"
    )


def coverage_json(rows: Sequence[Row]) -> str:
    summary = summarize(rows)
    data = {
        "summary": {
            "cited": summary.cited,
            "total": summary.total,
            "standards_cited": summary.standards_cited,
            "standards": summary.standards,
            "implementation_specs_cited": summary.specs_cited,
            "implementation_specs": summary.specs,
            "uncovered": list(summary.uncovered),
            "complete": summary.complete,
        },
        "sections": [
            {
                "citation": r.citation,
                "title": r.title,
                "source": r.section.source,
                "kind": r.section.kind,
                "requirement": r.section.requirement,
                "safeguard": r.section.safeguard,
                "parent": r.section.parent,
                "controls": list(r.controls),
                "covered": r.covered,
            }
            for r in rows
        ],
    }
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def coverage_tables(rows: Sequence[Row], *, link: str | None, level: str = "###") -> list[str]:
    lines: list[str] = []
    names = {"required": "Required", "addressable": "Addressable"}
    for safeguard, group in _security_groups(rows):
        lines += [f"{level} {SAFEGUARD_TITLES.get(safeguard, safeguard)}", ""]
        table = [
            [
                r.citation if r.section.kind == "standard" else f"&nbsp;&nbsp;{r.citation}",
                "Standard" if r.section.kind == "standard" else "Implementation specification",
                names.get(r.section.requirement or "", "-"),
                r.title,
                _controls_cell(r, link=link) if r.controls else "**not cited**",
            ]
            for r in group
        ]
        lines += md_table(("Section", "Kind", "R/A", "Title", "Controls"), table)
        lines.append("")
    others = [r for r in rows if not is_specification(r)]
    if others:
        lines += [f"{level} {OTHERS}", ""]
        table = [[r.citation, _rule(r), r.title, _controls_cell(r, link=link)] for r in others]
        lines += md_table(("Section", "Rule", "Title", "Controls"), table)
        lines.append("")
    return lines


def coverage_markdown(rows: Sequence[Row], *, link: str | None = None) -> str:
    summary = summarize(rows)
    lines = [f"**{summary_line(summary)}.**", ""]
    if summary.uncovered:
        lines += [f"Not cited by any control: {', '.join(summary.uncovered)}.", ""]
    lines += coverage_tables(rows, link=link)
    return "\n".join(lines).rstrip() + "\n"

