"""The built-in pack covers the HIPAA Security Rule, checked against the reference catalogue.

The catalogue (hipaa-security-rule.yaml) sits beside the checkout in ../shared, where CI puts
it too. It is read in place, with yaml.BaseLoader so that every value stays the string it was
written as (the file has unquoted citations such as 164.410, which a normal loader reads as a
float). Without the file the reference tests skip, and fail only where
PHI_POLICY_REQUIRE_SHARED=1 (.ci/run) says it must be there (tests/reference.py).
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from phi_policy.catalog import regulation
from phi_policy.catalog.coverage import Row, citing, coverage, regulation_index, summarize
from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.cli import run
from tests.reference import reference_file


@pytest.fixture(scope="module")
def reference() -> dict[str, Any]:
    path = reference_file("hipaa-security-rule.yaml", "the HIPAA Security Rule catalogue")
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=yaml.BaseLoader)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return load_catalog(entry_points=False)


def _entry(section: regulation.Section) -> dict[str, str | None]:
    return {
        "citation": section.citation,
        "title": section.title,
        "kind": section.kind,
        "requirement": section.requirement,
        "safeguard": section.safeguard,
        "parent": section.parent,
    }


def test_regulation_matches_the_reference(reference: dict[str, Any]) -> None:
    expected = [
        {
            key: entry.get(key)
            for key in ("citation", "title", "kind", "requirement", "safeguard", "parent")
        }
        for entry in reference["security_rule"]
    ]
    assert [_entry(s) for s in regulation.SECURITY_RULE] == expected


def test_breach_and_privacy_sections_exist_in_the_reference(reference: dict[str, Any]) -> None:
    titles = {e["citation"]: e["title"] for e in reference["breach"] + reference["privacy"]}
    ours = {s.citation: s.title for s in regulation.BREACH_RULE + regulation.PRIVACY_RULE}
    assert {c: t for c, t in ours.items() if titles.get(c) != t} == {}


def test_every_security_rule_section_is_cited(reference: dict[str, Any], builtin: Catalog) -> None:
    index = citing(builtin.controls)
    missing = [
        f"{e['citation']} {e['title']} ({e['kind']}, {e['requirement']})"
        for e in reference["security_rule"]
        if e["citation"] not in index
    ]
    assert not missing, "Security Rule sections no built-in control cites:\n" + "\n".join(missing)


def test_cited_sections_exist_and_a_legal_basis_matches_its_first_citation(
    reference: dict[str, Any], builtin: Catalog
) -> None:
    sections = {e["citation"]: e for e in reference["security_rule"]}
    problems = []
    for control in builtin.controls:
        for cite in control.citations:
            parent = getattr(regulation.lookup(cite.section), "parent", None)
            if (
                cite.framework == "HIPAA Security Rule"
                and cite.section not in sections
                and parent not in sections
            ):
                problems.append(
                    f"{control.id} cites {cite.section}, which is not in the Security Rule"
                )
        first = control.citations[0]
        if (
            control.basis in ("required", "addressable")
            and first.section in sections
            and sections[first.section]["requirement"] != control.basis
        ):
            problems.append(
                f"{control.id} is {control.basis} but its first citation {first.section} is "
                f"{sections[first.section]['requirement']}"
            )
    assert not problems, "\n".join(problems)


def test_every_standard_is_cited_by_a_required_control(
    reference: dict[str, Any], builtin: Catalog
) -> None:
    required = citing(c for c in builtin.controls if c.basis == "required")
    missing = [
        f"{e['citation']} {e['title']}"
        for e in reference["security_rule"]
        if e["kind"] == "standard" and e["citation"] not in required
    ]
    assert not missing, "standards no required control cites:\n" + "\n".join(missing)


def test_coverage_command_reports_full_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["controls", "coverage", "--no-entry-points"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (
        "65 of 65 Security Rule standards and implementation specifications cited "
        "(22 of 22 standards, 43 of 43 implementation specifications)"
    )
    assert not [line for line in lines if line.endswith("NOT CITED")]


# ------------------------------------------------------------------ the index itself


def test_rows_follow_the_regulation_and_count_every_citation_position(builtin: Catalog) -> None:
    rows = coverage(builtin)
    matrix = len(regulation.SECURITY_RULE)
    assert [r.section for r in rows[:matrix]] == list(regulation.SECURITY_RULE)
    others = [r.section for r in rows[matrix:]]
    listed = (
        regulation.SECURITY_RULE_MORE + regulation.BREACH_RULE + regulation.BREACH_RULE_MORE
        + regulation.PRIVACY_RULE + regulation.PRIVACY_RULE_MORE
    )
    assert {s for s in others if s in listed} == {s for s in listed if s in others}
    sources = [s.source for s in others]
    order = ["security_rule", "breach_rule", "privacy_rule", "nprm_2025", "other_law"]
    assert sources == sorted(sources, key=order.index), "grouped by rule"
    for control in builtin.controls:
        for cite in control.citations:
            row = next((r for r in regulation_index(builtin) if r.citation == cite.section), None)
            assert row is not None and control.id in row.controls, (control.id, cite.section)


def test_summary_counts_standards_and_specifications() -> None:
    first, spec = regulation.SECURITY_RULE[0], regulation.SECURITY_RULE[1]
    rows = [Row(first, ("GOV-011",)), Row(spec, ())] + [
        Row(s, ()) for s in regulation.SECURITY_RULE[2:]
    ]
    rows.append(Row(regulation.BREACH_RULE[0], ("PRIV-009",)))
    summary = summarize(rows)
    assert (summary.cited, summary.total, summary.standards_cited, summary.standards) == (
        1,
        65,
        1,
        22,
    )
    assert (summary.specs_cited, summary.specs, summary.complete) == (0, 43, False)
    assert summary.uncovered[:2] == ("164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)")
    assert len(summary.uncovered) == 64
    assert (
        summary.sentence()
        == "1 of 65 Security Rule standards and implementation specifications cited"
    )
