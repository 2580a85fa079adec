"""The Markdown report: the whole rendering against a golden file, escaping, then behaviours."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.markdown import escape, render
from tests.report_fixtures import (
    LAPTOP_DECISION,
    assert_golden,
    assess,
    empty_assessment,
    replace_result,
    sample_assessment,
    sample_results,
)

#: A cell separator: a pipe not preceded by a backslash.
CELL = re.compile(r"(?<!\\)\|")


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_full_report_matches_golden_file() -> None:
    assert_golden("report-markdown.md", render(sample_assessment()))


def test_the_format_map_reaches_this_reporter() -> None:
    assert registry.reporter("check", "markdown").load()(
        sample_assessment(), RenderOptions()
    ) == render(sample_assessment())


def test_rendering_is_deterministic_and_has_no_trailing_spaces() -> None:
    first = render(sample_assessment(), RenderOptions(verbose=1))
    assert first == render(sample_assessment(), RenderOptions(verbose=1))
    assert all(line == line.rstrip() for line in lines_of(first))
    assert first.endswith("\n") and not first.endswith("\n\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", r"a \| b"),
        ("*not bold*", r"\*not bold\*"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("business_associates[].baa", r"business\_associates\[\].baa"),
        ("`code` and ~strike~", r"\`code\` and \~strike\~"),
        (r"C:\phi\policy", r"C:\\phi\\policy"),
        ("&amp; &#124; AT&T", "&amp;amp; &amp;#124; AT&T"),
        ("# not a heading", r"\# not a heading"),
        ("- not a bullet", r"\- not a bullet"),
        ("+ not a bullet", r"\+ not a bullet"),
        ("1. not a list", r"1\. not a list"),
        ("12) not a list", r"12\) not a list"),
        ("164.312(a)(2)(iii) stays readable", "164.312(a)(2)(iii) stays readable"),
        ("two\nlines  and\ttabs", "two lines and tabs"),
        ("", ""),
    ],
)
def test_escape(text: str, expected: str) -> None:
    assert escape(text) == expected


@given(st.text())
def test_escaped_text_stays_on_one_line_and_in_one_cell(text: str) -> None:
    out = escape(text)
    assert "\n" not in out and "\r" not in out
    assert not CELL.search(out)
    assert not re.search(r"(?<!\\)[*_<>`\[\]]", out.replace("\\\\", ""))


def test_messages_with_markdown_characters_cannot_break_a_table() -> None:
    hostile = "vendor <b>Acme | Video</b> has *no* BAA\nsee _notes_"
    results = replace_result(sample_results(), "GOV-005", message=hostile)
    lines = lines_of(render(assess(results)))
    row = next(line for line in lines if line.startswith("| **FAIL** | **GOV-005**"))
    assert row.endswith(r"| vendor \<b\>Acme \| Video\</b\> has \*no\* BAA see \_notes\_ |")
    header = "| Status | Control | Severity, basis | Where | Citation | Finding |"
    assert len(CELL.findall(row)) == len(CELL.findall(header))


def test_every_table_row_has_as_many_cells_as_its_header() -> None:
    lines = lines_of(render(sample_assessment(), RenderOptions(verbose=1)))
    header_cells = 0
    for line in lines:
        if not line.startswith("|"):
            header_cells = 0
            continue
        cells = len(CELL.findall(line))
        if header_cells == 0:
            header_cells = cells
        assert cells == header_cells, line


def test_heading_summary_cap_reason_and_readiness() -> None:
    assert lines_of(render(sample_assessment()))[:7] == [
        "## phi-policy: 65.1 / 100 🔴 significant gaps",
        "",
        "phi-policy.yaml as of 2026-11-01, profile hipaa-2025-nprm; "
        "53.0 as specified, without documented decisions.",
        "",
        "**Band capped at RED (the score alone gives YELLOW): GOV-005 (critical) fails for Acme "
        "Video Cloud**.",
        "",
        "Proposed-rule readiness: **66.7 / 100** (NPRM 2025, not yet in force).",
    ]


def test_the_cap_reason_escapes_instance_names_from_the_config() -> None:
    gov = next(r for r in sample_results() if r.control_id == "GOV-005")
    hostile = dataclasses.replace(gov.outcome, instances=("Acme | **Video**",))
    lines = lines_of(render(assess(replace_result(sample_results(), "GOV-005", outcome=hostile))))
    assert lines[4] == (
        r"**Band capped at RED (the score alone gives YELLOW): GOV-005 (critical) fails for Acme "
        r"\| \*\*Video\*\***."
    )


def test_nothing_applicable_renders_na_without_crashing() -> None:
    text = render(empty_assessment())
    lines = lines_of(text)
    assert lines[:3] == [
        "## phi-policy: n/a (no applicable controls)",
        "",
        "phi-policy.yaml as of 2026-11-01, profile hipaa.",
    ]
    assert "| Physical safeguards | n/a | no applicable controls |" in lines
    assert "Nothing: every applicable control passes." in lines
    assert "None: no applicable control fails or is partial." in lines
    assert "Controls: 0 pass, 0 partial, 0 fail, 1 n/a, 0 error." in lines


def test_domain_table() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("| Domain | Score | Band |")
    assert lines[start : start + 7] == [
        "| Domain | Score | Band |",
        "|---|---:|---|",
        "| Organizational governance | 60.0 | 🟡 partial |",
        "| Technical safeguards | 94.1 | 🟢 robust |",
        "| Administrative safeguards | 50.0 | 🔴 significant gaps |",
        "| Physical safeguards | n/a | no applicable controls |",
        "| Privacy policies | 50.0 | 🔴 significant gaps |",
    ]


def test_max_recommendations_is_honoured() -> None:
    lines = lines_of(render(sample_assessment(), RenderOptions(max_recommendations=1)))
    start = lines.index("### Action plan (1 of 4)")
    assert lines[start + 2 : start + 11] == [
        "_Priority is when to act, from the gap's severity: critical now, high within 30 days, "
        "medium within 90 days, low at the next review._",
        "",
        "| # | Priority | Gain | Control | Severity, basis | Where | Citation |",
        "|---:|---|---:|---|---|---|---|",
        "| 1 | now | +24.1 | **GOV-005** Business associate agreement in force with every vendor "
        "handling ePHI | critical, required | phi-policy.yaml:88 | 164.308(b)(1) Business "
        "associate contracts and other arrangements; 164.314(a)(2)(i) Business associate "
        "contracts |",
        "",
        "1. **GOV-005**: Renew or sign a BAA with every vendor that creates, receives, maintains "
        r"or transmits ePHI, and record it under business\_associates\[\].baa with signed and "
        "expires dates.",
        "",
        "3 more not shown (the JSON report lists them all).",
    ]


def test_findings_sit_in_details_blocks_and_passes_only_when_verbose() -> None:
    quiet = render(sample_assessment())
    loud = render(sample_assessment(), RenderOptions(verbose=1))
    assert quiet.count("<details>") == quiet.count("</details>") == 4
    summary = "<details><summary>Technical safeguards: 94.1 🟢, {}</summary>"
    assert summary.format("1 partial") in lines_of(quiet)
    assert summary.format("2 pass, 1 partial") in lines_of(loud)
    pass_row = (
        "| **PASS** | **TECH-008** Multi-factor authentication for remote access to ePHI "
        "(benchmark) | high, benchmark | phi-policy.yaml:126:20 | 164.312(d) Person or entity "
        "authentication | MFA is required for remote access (TOTP, WebAuthn) |"
    )
    assert pass_row in lines_of(loud)
    assert pass_row not in lines_of(quiet)


def test_decisions_name_kind_effect_approver_review_and_alternative() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("### Documented decisions")
    assert lines[start + 6] == (
        "| **TECH-005** Encryption at rest on every device that stores ePHI "
        "| alternative, addressable | counts as met | all | Dana Whitfield (CISO) | 2026-11-25 "
        f"| {LAPTOP_DECISION.alternative_measure} |"
    )


def test_errors_are_listed_apart() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("### Controls that could not decide (counted as 0)")
    assert lines[start + 4] == (
        "| **ADM-007** Contingency plan tested within the last 12 months | phi-policy.yaml:180:3 "
        r"| control raised KeyError: 'last\_tested' |"
    )
    findings = "\n".join(lines[lines.index("### Findings") : start])
    assert "ADM-007" not in findings


def test_upcoming_items_show_points_at_stake() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("### Coming due within 30 days")
    assert lines[start + 2 : start + 5] == [
        "- annual security awareness training falls due in 14 days (2026-11-15; ADM-004 "
        "164.308(a)(5)), **-4.8 pts at stake**",
        "- annual risk analysis falls due in 19 days (2026-11-20; GOV-003 164.308(a)(1)(ii)(A)), "
        "**-24.1 pts at stake**",
        "- the decision for TECH-005 falls due for review in 24 days (2026-11-25; TECH-005 "
        "164.312(a)(2)(iv)), **-12.0 pts at stake**",
    ]


def test_readiness_gaps_are_not_violations_and_absent_when_there_are_none() -> None:
    text = render(sample_assessment())
    heading = "### Proposed rule (NPRM 2025) readiness gaps"
    assert f"{heading}\n\n_Not violations of the current rule._" in text
    current = [r for r in sample_results() if not r.proposed]
    plain = render(assess(current, profile="hipaa"))
    assert "NPRM" not in plain
    assert "readiness" not in plain.lower()


def test_footer_counts_and_disclaimer() -> None:
    assert lines_of(render(sample_assessment()))[-5:] == [
        "---",
        "",
        "Controls: 6 pass, 1 partial, 2 fail, 1 n/a, 1 error.",
        "",
        "_phi-policy is an assessment aid, not legal advice._",
    ]
