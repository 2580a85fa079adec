"""The control catalog as text, JSON and Markdown: `phi-policy controls list` and `show`.

Every function here returns a `str` and never prints, so `phi-policy controls` stays a thin
command and each output is tested as a string. Every control's Markdown section has the same
headings (like ruff's rule docs), so a reader of docs/controls.md always finds "Why it matters"
and "How to fix" in the same place.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from phi_policy.catalog.packs import Control
from phi_policy.model import BASIS_WORDS, DOMAIN_TITLES, Citation
from phi_policy.reporters.catalog_tables import counted, md_table, text_table

#: The headings every control's section has, in this order (checked by tests/test_catalog_docs.py).
SECTION_HEADINGS = ("Citations", "Why it matters", "How to fix")
WIDTH = 88


def weight(value: float) -> str:
    """A weight as written in the control (3, not 3.0)."""
    return f"{value:g}"


def origin_label(control: Control, builtin_dir: Path, *, line: bool = True) -> str:
    """Where a control is declared, as a stable path: controls/<module>.py for the built-in pack."""
    file, sep, number = control.origin.rpartition(":")
    if not sep or not number.isdigit():
        file, number = control.origin, ""
    path = Path(file)
    try:
        shown = "controls/" + path.resolve().relative_to(builtin_dir.resolve()).as_posix()
    except (ValueError, OSError):
        shown = path.as_posix()
    return f"{shown}:{number}" if line and number else shown


def _cite_lines(citations: Sequence[Citation]) -> list[str]:
    width = max((len(c.section) for c in citations), default=0)
    # The section's own required/addressable flag is left out: beside a benchmark citing a
    # required standard it would read as if the benchmark were required. The basis says it.
    return [f"  {c.section.ljust(width)}  {c.title}  ({c.framework})" for c in citations]


# ---------------------------------------------------------------- controls list

LIST_HEADERS = ("ID", "DOMAIN", "SEVERITY", "BASIS", "WEIGHT", "CITATION", "TITLE")


def _list_row(c: Control) -> list[str]:
    return [
        c.id,
        c.domain,
        c.severity,
        c.basis,
        weight(c.weight),
        c.primary_citation,
        c.title,
    ]


def list_text(controls: Sequence[Control], builtin_dir: Path | None = None) -> str:
    """The list as a table. `builtin_dir` (where JSON says a control comes from) is taken so
    that every list format has one signature in the reporter registry."""
    if not controls:
        return "no controls match\n"
    lines = text_table(LIST_HEADERS, [_list_row(c) for c in controls])
    return "\n".join([*lines, "", counted(len(controls), "control")]) + "\n"


def list_markdown(controls: Sequence[Control], builtin_dir: Path | None = None) -> str:
    """The list as a Markdown table (`builtin_dir` as for list_text)."""
    headers = ("ID", "Domain", "Severity", "Basis", "Weight", "Citation", "Title")
    lines = md_table(headers, [_list_row(c) for c in controls])
    return "\n".join([*lines, "", counted(len(controls), "control")]) + "\n"


def control_dict(c: Control, builtin_dir: Path) -> dict[str, Any]:
    return {
        "id": c.id,
        "title": c.title,
        "domain": c.domain,
        "severity": c.severity,
        "basis": c.basis,
        "basis_text": BASIS_WORDS[c.basis],
        "risk": c.risk,
        "partial_credit": c.partial_credit,
        "tailorable": c.tailorable,
        "weight": c.weight,
        "citations": [
            {
                "framework": x.framework,
                "section": x.section,
                "title": x.title,
                "requirement": x.requirement,
            }
            for x in c.citations
        ],
        "profiles": list(c.profiles),
        "rationale": c.rationale,
        "remediation": c.remediation,
        "doc": c.doc,
        "pack": c.pack,
        "origin": origin_label(c, builtin_dir),
    }


def list_json(controls: Sequence[Control], builtin_dir: Path) -> str:
    data = {"count": len(controls), "controls": [control_dict(c, builtin_dir) for c in controls]}
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- controls show


def _paragraphs(text: str, indent: str = "  ") -> list[str]:
    out: list[str] = []
    for para in text.strip().split("\n\n"):
        if para.strip():
            out.append(
                textwrap.fill(
                    " ".join(para.split()), WIDTH, initial_indent=indent, subsequent_indent=indent
                )
            )
            out.append("")
    return out


def show_text(c: Control, builtin_dir: Path) -> str:
    facts = [
        ("domain", f"{c.domain} ({DOMAIN_TITLES[c.domain]})"),
        ("basis", f"{c.basis}: {BASIS_WORDS[c.basis]}"),
        ("severity", f"{c.severity}: {c.risk}"),
        ("weight", f"{weight(c.weight)} (from severity and basis)"),
        ("partial", c.partial_credit or "none: the control passes or fails"),
        ("tailorable", c.tailorable or "no"),
        ("profiles", ", ".join(c.profiles)),
        ("origin", f"{c.pack} pack, {origin_label(c, builtin_dir)}"),
    ]
    lines = [f"{c.id}  {c.title}", ""]
    lines += [f"  {name:<13}{value}" for name, value in facts]
    lines += ["", "Citations"]
    lines += _cite_lines(c.citations)
    lines += ["", "Why it matters"]
    lines += _paragraphs(c.rationale)
    if c.doc:
        lines += _paragraphs(c.doc)
    lines += ["How to fix"]
    lines += _paragraphs(c.remediation)
    return "\n".join(lines).rstrip() + "\n"


def show_json(c: Control, builtin_dir: Path) -> str:
    return (
        json.dumps(control_dict(c, builtin_dir), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


def _cite_md(x: Citation) -> str:
    return f"- {x.framework} {x.section}: {x.title}"


def show_markdown(c: Control, builtin_dir: Path, *, line: bool = True) -> str:
    """A control's documentation section; every control's has the same headings."""
    facts = [
        ("ID", f"`{c.id}`"),
        ("Domain", DOMAIN_TITLES[c.domain]),
        ("Legal basis", f"{c.basis}: {BASIS_WORDS[c.basis]}"),
        ("Severity", f"{c.severity}: {c.risk}"),
        ("Weight", f"{weight(c.weight)} (from severity and basis)"),
        ("Partial credit", c.partial_credit or "none: the control passes or fails"),
        ("Tailorable by a decision", c.tailorable or "no"),
        ("Profiles", ", ".join(f"`{p}`" for p in c.profiles)),
        ("Source", f"`{origin_label(c, builtin_dir, line=line)}`"),
    ]
    lines = [f'<a id="{c.id.lower()}"></a>', f"### {c.id}: {c.title}", ""]
    lines += md_table(("Field", "Value"), facts)
    lines += ["", f"#### {SECTION_HEADINGS[0]}", ""]
    lines += [_cite_md(x) for x in c.citations]
    lines += ["", f"#### {SECTION_HEADINGS[1]}", "", " ".join(c.rationale.split()), ""]
    if c.doc:
        lines += [c.doc.strip(), ""]
    lines += [f"#### {SECTION_HEADINGS[2]}", "", " ".join(c.remediation.split())]
    return "\n".join(lines) + "\n"

