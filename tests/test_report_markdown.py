"""The Markdown report: the whole rendering against a golden file, escaping, then behaviours."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from phi_policy.reporters import RenderOptions, renderer
from phi_policy.reporters.markdown import escape, render
from tests.report_fixtures import (
    LAPTOP_WAIVER,
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
    assert renderer("markdown")(sample_assessment(), RenderOptions()) == render(sample_assessment())


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
    assert row.endswith(
        r"| vendor \<b\>Acme \| Video\</b\> has \*no\* BAA see \_notes\_ |"
    )
    header = "| Status | Control | Where | Citation | Finding |"
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


def test_heading_and_summary_line() -> None:
    assert lines_of(render(sample_assessment()))[:5] == [
        "## phi-policy: 63.5 / 100 🟡 partial",
        "",
        "phi-policy.yaml as of 2026-11-01, profile hipaa-2025-nprm; "
        "raw score 56.9 without waivers.",
        "",
        "Proposed-rule readiness: **57.1 / 100** (NPRM 2025, not yet in force).",
    ]


def test_capped_assessment_says_so_in_the_heading_and_below_it() -> None:
    lines = lines_of(render(sample_assessment(critical_cap=True)))
    assert lines[0] == "## phi-policy: 63.5 / 100 🔴 significant gaps"
    assert lines[4] == "**Band capped at 🔴 red**: a critical control fails (`--critical-cap`)."


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
    assert "Controls: 0 pass, 0 partial, 0 fail, 1 n/a, 0 waived, 0 error." in lines


def test_domain_table() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("| Domain | Score | Band |")
    assert lines[start : start + 7] == [
        "| Domain | Score | Band |",
        "|---|---:|---|",
        "| Organizational governance | 63.6 | 🟡 partial |",
        "| Technical safeguards | 78.6 | 🟡 partial |",
        "| Administrative safeguards | 50.0 | 🔴 significant gaps |",
        "| Physical safeguards | n/a | no applicable controls |",
        "| Privacy policies | 50.0 | 🔴 significant gaps |",
    ]


def test_max_recommendations_is_honoured() -> None:
    lines = lines_of(render(sample_assessment(), RenderOptions(max_recommendations=1)))
    start = lines.index("### Fix these first (1 of 4)")
    assert lines[start + 2 : start + 9] == [
        "| # | Gain | Control | Where | Citation |",
        "|---:|---:|---|---|---|",
        "| 1 | +15.4 | **GOV-005** Business associate agreement in force with every vendor "
        "handling ePHI (high priority) | phi-policy.yaml:88 | 164.308(b)(1) Business associate "
        "contracts and other arrangements; 164.314(a)(2)(i) Business associate contracts |",
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
    summary = "<details><summary>Technical safeguards: 78.6 🟡, {}</summary>"
    assert summary.format("1 partial") in lines_of(quiet)
    assert summary.format("1 pass, 1 partial") in lines_of(loud)
    pass_row = (
        "| **PASS** | **TECH-008** Multi-factor authentication for remote access to ePHI "
        "| phi-policy.yaml:126:20 | 164.312(d) Person or entity authentication "
        "| MFA is required for remote access (TOTP, WebAuthn) |"
    )
    assert pass_row in lines_of(loud)
    assert pass_row not in lines_of(quiet)


def test_waived_controls_name_approver_expiry_and_alternative() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("### Waived (risk accepted)")
    assert lines[start + 4] == (
        "| **TECH-005** Encryption at rest on every device that stores ePHI "
        "| phi-policy.yaml:142:7, phi-policy.yaml:201:5 | Dana Whitfield (CISO) | 2026-11-25 "
        f"| {LAPTOP_WAIVER.alternative_measure} | {LAPTOP_WAIVER.justification} |"
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
        "164.308(a)(5)), **-7.7 pts at stake**",
        "- annual risk analysis falls due in 19 days (2026-11-20; GOV-003 164.308(a)(1)(ii)(A)), "
        "**-15.4 pts at stake**",
        "- waiver for TECH-005 expires in 24 days (2026-11-25; TECH-005 164.312(a)(2)(iv))",
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
        "Controls: 5 pass, 1 partial, 2 fail, 1 n/a, 1 waived, 1 error.",
        "",
        "_phi-policy is an assessment aid, not legal advice._",
    ]
