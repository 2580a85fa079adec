"""The text report: the whole rendering against a golden file, then one behaviour per test."""

from __future__ import annotations

import dataclasses
import re

import click
import pytest

from phi_policy.model import Citation, Location
from phi_policy.reporters import RenderOptions, renderer
from phi_policy.reporters import _common as common
from phi_policy.reporters.text import render
from tests.report_fixtures import (
    assert_golden,
    assess,
    empty_assessment,
    replace_result,
    sample_assessment,
    sample_results,
)

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def lines_of(text: str) -> list[str]:
    return text.splitlines()


def test_full_report_matches_golden_file() -> None:
    assert_golden("report-text.txt", render(sample_assessment()))


def test_the_format_map_reaches_this_reporter() -> None:
    assert renderer("text")(sample_assessment(), RenderOptions()) == render(sample_assessment())


def test_header_shows_score_band_raw_score_and_readiness() -> None:
    assert lines_of(render(sample_assessment()))[:5] == [
        "phi-policy check: phi-policy.yaml",
        "as of 2026-11-01, profile hipaa-2025-nprm",
        "",
        "Score 63.5 / 100  YELLOW (partial)  raw 56.9 without waivers",
        "Proposed-rule readiness 57.1 / 100 (NPRM 2025, not yet in force)",
    ]


def test_raw_score_and_readiness_are_left_out_when_they_add_nothing() -> None:
    current = [r for r in sample_results() if not r.proposed and r.status != "waived"]
    text = render(assess(current, profile="hipaa"))
    assert lines_of(text)[3] == "Score 63.5 / 100  YELLOW (partial)"
    assert lines_of(text)[4] == ""
    assert "without waivers" not in text
    assert "readiness" not in text.lower()


def test_no_escape_codes_without_color() -> None:
    text = render(sample_assessment(), RenderOptions(color=False, verbose=1))
    assert "\x1b" not in text


def test_color_paints_bands_and_statuses_and_keeps_the_layout() -> None:
    plain = render(sample_assessment(), RenderOptions(color=False))
    colored = render(sample_assessment(), RenderOptions(color=True))
    assert click.style("YELLOW (partial)", fg="yellow", bold=True) in colored
    assert click.style("FAIL", fg="red", bold=True) + "     GOV-005" in colored
    assert click.style("Domain scores", bold=True) in colored
    assert click.unstyle(colored) == plain


def test_no_line_ends_in_a_space_or_runs_past_100_columns() -> None:
    for options in (RenderOptions(), RenderOptions(verbose=1), RenderOptions(color=True)):
        for line in lines_of(click.unstyle(render(sample_assessment(), options))):
            assert line == line.rstrip(), repr(line)
            assert len(line) <= 100, line


def test_domain_rows_have_a_20_cell_bar_and_say_na_without_a_score() -> None:
    text = render(sample_assessment())
    assert "  Technical safeguards        78.6  ████████████████░░░░  YELLOW" in lines_of(text)
    assert "  Administrative safeguards   50.0  ██████████░░░░░░░░░░  RED" in lines_of(text)
    assert (
        "  Physical safeguards          n/a                        no applicable controls"
        in lines_of(text)
    )


def test_capped_assessment_says_the_band_is_capped() -> None:
    lines = lines_of(render(sample_assessment(critical_cap=True)))
    assert lines[3] == "Score 63.5 / 100  RED (significant gaps)  raw 56.9 without waivers"
    assert lines[4] == "band capped at RED: a critical control fails (--critical-cap)"


def test_nothing_applicable_renders_na_without_crashing() -> None:
    assert render(empty_assessment()) == (
        "phi-policy check: phi-policy.yaml\n"
        "as of 2026-11-01, profile hipaa\n"
        "\n"
        "Score n/a  no applicable controls to score\n"
        "\n"
        "Domain scores\n"
        "  Organizational governance    n/a                        no applicable controls\n"
        "  Technical safeguards         n/a                        no applicable controls\n"
        "  Administrative safeguards    n/a                        no applicable controls\n"
        "  Physical safeguards          n/a                        no applicable controls\n"
        "  Privacy policies             n/a                        no applicable controls\n"
        "\n"
        "Fix these first\n"
        "  nothing: every applicable control passes\n"
        "\n"
        "Findings\n"
        "  none: no applicable control fails or is partial\n"
        "\n"
        "Coming due within 30 days\n"
        "  nothing turns within the horizon\n"
        "\n"
        "Controls: 0 pass, 0 partial, 0 fail, 1 n/a, 0 waived, 0 error\n"
        "phi-policy is an assessment aid, not legal advice.\n"
    )


def test_max_recommendations_is_honoured() -> None:
    text = render(sample_assessment(), RenderOptions(max_recommendations=2))
    lines = lines_of(text)
    assert "Fix these first (2 of 4)" in lines
    second = "   2.   +7.7  high    ADM-007   Contingency plan tested within the last 12 months"
    assert second in lines
    assert not any(line.startswith("   3. ") for line in lines)
    assert "  ... 2 more not shown (the JSON report lists them all)" in lines


def test_max_recommendations_zero_lists_none() -> None:
    lines = lines_of(render(sample_assessment(), RenderOptions(max_recommendations=0)))
    start = lines.index("Fix these first (0 of 4)")
    assert lines[start + 1 : start + 3] == [
        "",
        "  ... 4 more not shown (the JSON report lists them all)",
    ]


def test_recommendation_shows_gain_priority_location_citation_and_wrapped_remediation() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index(
        "   4.   +5.8  high    TECH-003  Automatic logoff after 15 minutes or less of inactivity"
    )
    assert lines[start + 1 : start + 5] == [
        "      where  phi-policy.yaml:131",
        "      cites  164.312(a)(2)(iii) Automatic logoff",
        "      fix    Set access_control.automatic_logoff_minutes to 15 or less and enforce it on",
        "             workstations, the EHR and the telemedicine platforms.",
    ]


def test_findings_leave_out_passes_unless_verbose() -> None:
    quiet = render(sample_assessment())
    loud = render(sample_assessment(), RenderOptions(verbose=1))
    row = "    PASS     GOV-001   Security official designated in writing"
    assert row not in lines_of(quiet)
    assert row in lines_of(loud)
    na_row = "    N/A      PHYS-004  Personal devices enrolled in mobile device management"
    assert na_row in lines_of(loud)
    findings = lines_of(loud)[lines_of(loud).index("Findings") :]
    assert findings[1:4] == [
        "  Organizational governance",
        "    FAIL     GOV-005   Business associate agreement in force with every vendor handling"
        " ePHI",
        "             BAA with Acme Video Cloud expired on 2026-09-30",
    ]


def test_a_finding_points_at_every_location_with_line_and_column() -> None:
    results = replace_result(
        sample_results(),
        "GOV-005",
        locations=(Location("phi-policy.yaml", 88, 16), Location("vendors.yaml", 3, 1)),
    )
    assert "             where  phi-policy.yaml:88:16, vendors.yaml:3:1" in lines_of(
        render(assess(results))
    )


def test_waived_lists_approver_expiry_alternative_and_justification() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("Waived (risk accepted)")
    assert lines[start + 1 : start + 3] == [
        "    WAIVED   TECH-005  Encryption at rest on every device that stores ePHI",
        "             approved by Dana Whitfield (CISO) on 2025-11-25, expires 2026-11-25",
    ]


def test_errors_are_listed_apart_and_not_among_findings() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("Controls that could not decide (counted as 0)")
    assert lines[start + 1 : start + 3] == [
        "    ERROR    ADM-007   Contingency plan tested within the last 12 months",
        "             control raised KeyError: 'last_tested'",
    ]
    assert not any("ADM-007" in line for line in lines[lines.index("Findings") : start])


def test_upcoming_shows_points_at_stake_only_when_there_are_some() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("Coming due within 30 days")
    assert lines[start + 1 : start + 6] == [
        "  - annual security awareness training falls due in 14 days (2026-11-15; ADM-004"
        " 164.308(a)(5)),",
        "    -7.7 pts at stake",
        "  - annual risk analysis falls due in 19 days (2026-11-20; GOV-003 164.308(a)(1)(ii)(A)),",
        "    -15.4 pts at stake",
        "  - waiver for TECH-005 expires in 24 days (2026-11-25; TECH-005 164.312(a)(2)(iv))",
    ]


def test_readiness_gaps_are_labelled_as_not_violations() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index(
        "Proposed rule (NPRM 2025) readiness gaps: not violations of the current rule"
    )
    assert lines[start + 3 : start + 5] == [
        "   1.  +42.9  high    NPRM-003  Vulnerability scanning at least every 6 months",
        "      the last vulnerability scan, on 2026-01-15, is more than 6 months old",
    ]
    assert not any("NPRM-003" in line for line in lines[:start])


def test_footer_counts_current_rule_statuses_and_disclaims() -> None:
    assert lines_of(render(sample_assessment()))[-2:] == [
        "Controls: 5 pass, 1 partial, 2 fail, 1 n/a, 1 waived, 1 error",
        "phi-policy is an assessment aid, not legal advice.",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, "n/a"),
        (72.44, "72.4"),
        (100.0, "100.0"),
        (0.0, "0.0"),
        (-0.04, "0.0"),
        (57.14, "57.1"),
    ],
)
def test_numbers_have_one_decimal(value: float | None, expected: str) -> None:
    assert common.num(value) == expected


def test_citation_text_is_section_then_title() -> None:
    logoff = Citation(
        "HIPAA Security Rule", "164.312(a)(2)(iii)", "Automatic logoff", "addressable"
    )
    notice = Citation("HIPAA Breach Notification Rule", "164.404(b)", "Individual notice deadline")
    assert common.citation(logoff) == "164.312(a)(2)(iii) Automatic logoff"
    assert common.citations((logoff, notice)) == (
        "164.312(a)(2)(iii) Automatic logoff; 164.404(b) Individual notice deadline"
    )


def test_locations_read_file_line_and_file_line_col() -> None:
    loc = Location("configs/phi-policy.yaml", 42, 7)
    assert common.where(loc) == "configs/phi-policy.yaml:42"
    assert common.where_col(loc) == "configs/phi-policy.yaml:42:7"


@pytest.mark.parametrize(
    ("score", "filled"),
    [(None, 0), (0.0, 0), (2.4, 0), (2.5, 1), (63.6, 13), (97.6, 20), (100.0, 20)],
)
def test_bar_has_twenty_cells(score: float | None, filled: int) -> None:
    full, empty = common.bar(score)
    assert full == "█" * filled
    assert empty == ("" if score is None else "░" * (20 - filled))


def test_long_titles_wrap_under_the_title_column() -> None:
    long_title = "Business associate agreement " + "covering subcontractors " * 4 + "in force"
    results = replace_result(sample_results(), "GOV-005", title=long_title)
    lines = lines_of(render(assess(results)))
    start = lines.index("Findings") + 2
    assert lines[start : start + 2] == [
        "    FAIL     GOV-005   Business associate agreement covering subcontractors covering"
        " subcontractors",
        "                       covering subcontractors covering subcontractors in force",
    ]


def test_results_are_not_changed_by_rendering() -> None:
    a = sample_assessment()
    before = dataclasses.astuple(a)
    render(a, RenderOptions(color=True, verbose=2))
    assert dataclasses.astuple(a) == before


@pytest.mark.parametrize(
    ("days", "suffix"),
    [
        (None, ""),
        (-3, ""),
        (0, " (turns today)"),
        (1, " (turns in 1 day)"),
        (12, " (turns in 12 days)"),
    ],
)
def test_a_recommendation_says_when_it_turns(days: int | None, suffix: str) -> None:
    a = sample_assessment()
    rec = dataclasses.replace(a.recommendations[1], due_in_days=days)
    lines = lines_of(render(dataclasses.replace(a, recommendations=(rec,))))
    assert lines[lines.index("Fix these first") + 1] == (
        "   1.   +7.7  high    ADM-007   Contingency plan tested within the last 12 months" + suffix
    )
