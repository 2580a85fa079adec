"""The text report: the whole rendering against a golden file, then one behaviour per test."""

from __future__ import annotations

import dataclasses
import re

import click
import pytest

from phi_policy.model import Citation, Location, Outcome
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters import wording as common
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
    assert registry.reporter("check", "text").load()(
        sample_assessment(), RenderOptions()
    ) == render(sample_assessment())


def test_header_shows_score_capped_band_with_its_reason_raw_score_and_readiness() -> None:
    assert lines_of(render(sample_assessment()))[:7] == [
        "phi-policy check: phi-policy.yaml",
        "as of 2026-11-01, profile hipaa-2025-nprm",
        "",
        "Score 65.1 / 100  RED (significant gaps)",
        "  band capped at RED (the score alone gives YELLOW): GOV-005 (critical) fails for Acme "
        "Video Cloud",
        "As specified, without documented decisions: 53.0 / 100",
        "Proposed-rule readiness 66.7 / 100 (NPRM 2025, not yet in force)",
    ]


def test_raw_score_cap_and_readiness_are_left_out_when_they_add_nothing() -> None:
    current = [
        r for r in sample_results() if r.scored and r.decision is None and r.control_id != "GOV-005"
    ]
    text = render(assess(current, profile="hipaa"))
    assert lines_of(text)[3] == "Score 83.0 / 100  GREEN (robust)"
    assert lines_of(text)[4] == ""
    assert "without documented decisions" not in text
    assert "capped" not in text
    assert "readiness" not in text.lower()


def test_no_escape_codes_without_color() -> None:
    text = render(sample_assessment(), RenderOptions(color=False, verbose=1))
    assert "\x1b" not in text


def test_color_paints_bands_and_statuses_and_keeps_the_layout() -> None:
    plain = render(sample_assessment(), RenderOptions(color=False))
    colored = render(sample_assessment(), RenderOptions(color=True))
    assert click.style("RED (significant gaps)", fg="red", bold=True) in colored
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
    assert "  Technical safeguards        94.1  ███████████████████░  GREEN" in lines_of(text)
    assert "  Administrative safeguards   50.0  ██████████░░░░░░░░░░  RED" in lines_of(text)
    assert (
        "  Physical safeguards          n/a                        no applicable controls"
        in lines_of(text)
    )


def test_a_failing_high_control_caps_at_yellow_and_names_the_failing_instances() -> None:
    results = [r for r in sample_results() if r.control_id != "GOV-005"]
    results = replace_result(
        results,
        "PRIV-002",
        severity="high",
        outcome=dataclasses.replace(
            next(r for r in results if r.control_id == "PRIV-002").outcome,
            instances=("adult clinic", "pediatrics"),
        ),
    )
    lines = lines_of(render(assess(results)))
    assert lines[3:5] == [
        "Score 85.7 / 100  YELLOW (partial)",
        "  band capped at YELLOW (the score alone gives GREEN): PRIV-002 (high) fails for adult "
        "clinic and",
    ]
    assert lines[5] == "  pediatrics"


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
        "Action plan\n"
        "  nothing: every applicable control passes\n"
        "\n"
        "Findings\n"
        "  none: no applicable control fails or is partial\n"
        "\n"
        "Coming due within 30 days\n"
        "  nothing turns within the horizon\n"
        "\n"
        "Controls: 0 pass, 0 partial, 0 fail, 1 n/a, 0 error\n"
        "phi-policy is an assessment aid, not legal advice.\n"
    )


def test_max_recommendations_is_honoured() -> None:
    text = render(sample_assessment(), RenderOptions(max_recommendations=2))
    lines = lines_of(text)
    assert "Action plan (2 of 4)" in lines
    second = "   2.   +4.8  PRIV-002  Breach notice to individuals within 60 days of discovery"
    assert second in lines
    assert not any(line.startswith("   3. ") for line in lines)
    assert "  ... 2 more not shown (the JSON report lists them all)" in lines


def test_max_recommendations_zero_lists_none() -> None:
    lines = lines_of(render(sample_assessment(), RenderOptions(max_recommendations=0)))
    start = lines.index("Action plan (0 of 4)")
    assert lines[start + 3 : start + 5] == [
        "",
        "  ... 4 more not shown (the JSON report lists them all)",
    ]


def test_the_action_plan_groups_fixes_by_when_to_act_with_a_legend() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index("Action plan")
    assert lines[start + 1 : start + 6] == [
        "  Priority is when to act, from the gap's severity: critical now, high within 30 days, "
        "medium within",
        "  90 days, low at the next review",
        "",
        "  Priority: now",
        "   1.  +24.1  GOV-005   Business associate agreement in force with every vendor handling "
        "ePHI",
    ]
    assert "  Priority: within 90 days" in lines
    assert "  Priority: within 30 days" not in lines  # no high-severity gap in the sample


def test_recommendation_shows_gain_severity_basis_location_citation_and_remediation() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index(
        "   4.   +1.2  TECH-003  Automatic logoff after 15 minutes or less of inactivity "
        "(benchmark)"
    )
    assert lines[start + 1 : start + 6] == [
        "      risk   severity medium; benchmark, not a HIPAA requirement",
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
    assert findings[1:5] == [
        "  Organizational governance",
        "    FAIL     GOV-005   Business associate agreement in force with every vendor handling"
        " ePHI",
        "             BAA with Acme Video Cloud expired on 2026-09-30",
        "             risk   severity critical; required by HIPAA",
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


def test_decisions_list_effect_approver_review_alternative_and_the_finding_as_specified() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index(
        "Documented decisions (164.306(d)(3) for addressable specifications, risk-based for "
        "benchmarks)"
    )
    assert lines[start + 1 : start + 5] == [
        "    PASS     TECH-005  Encryption at rest on every device that stores ePHI",
        "             met by a documented decision (counts as compliant)",
        "             kind alternative, for all instances; approved by Dana Whitfield (CISO) on "
        "2025-11-25,",
        "             next review by 2026-11-25 (12 months unless set: a convention)",
    ]
    assert (
        "             as specified, without the decision: laptops used for telehealth are not "
        "full-disk"
    ) in lines


def test_other_law_findings_are_listed_apart_and_outside_the_hipaa_score() -> None:
    results = replace_result(
        sample_results(),
        "PRIV-005",
        basis="other_law",
        outcome=Outcome("fail", "no DEA identity check", 0.0),
    )
    a = assess(results)
    lines = lines_of(render(a))
    assert "Other law 0.0 / 100 (other law (DEA, state), not HIPAA, scored apart)" in lines
    start = lines.index(
        "Other law (other law (DEA, state), not HIPAA): not part of the HIPAA score"
    )
    assert lines[start + 1] == "    FAIL     PRIV-005  Minimum necessary access to PHI by role"
    without = assess([r for r in sample_results() if r.control_id != "PRIV-005"])
    assert a.score == without.score and a.band == without.band


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
        "    -4.8 pts at stake",
        "  - annual risk analysis falls due in 19 days (2026-11-20; GOV-003 164.308(a)(1)(ii)(A)),",
        "    -24.1 pts at stake",
        "  - the decision for TECH-005 falls due for review in 24 days (2026-11-25; TECH-005",
    ]


def test_readiness_gaps_are_labelled_as_not_violations() -> None:
    lines = lines_of(render(sample_assessment()))
    start = lines.index(
        "Proposed rule (NPRM 2025) readiness gaps: not violations of the current rule"
    )
    assert lines[start + 3 : start + 6] == [
        "   1.  +33.3  NPRM-003  Vulnerability scanning at least every 6 months",
        "      risk   severity high; proposed rule, not in force",
        "      the last vulnerability scan, on 2026-01-15, is more than 6 months old",
    ]
    assert not any("NPRM-003" in line for line in lines[:start])


def test_footer_counts_current_rule_statuses_and_disclaims() -> None:
    assert lines_of(render(sample_assessment()))[-2:] == [
        "Controls: 6 pass, 1 partial, 2 fail, 1 n/a, 1 error",
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
    rec = dataclasses.replace(a.recommendations[2], due_in_days=days)
    lines = lines_of(render(dataclasses.replace(a, recommendations=(rec,))))
    assert lines[lines.index("  Priority: within 90 days") + 1] == (
        "   1.   +4.8  ADM-007   Contingency plan tested within the last 12 months" + suffix
    )
