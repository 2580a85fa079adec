"""The GitHub workflow-command reporter: exact lines, levels, order and escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.model import Assessment, Context, Location, Outcome
from phi_policy.pipeline import assess, load_valid
from phi_policy.reporters import RenderOptions, registry
from phi_policy.reporters.github import command, escape_data, escape_property, level, render
from phi_policy.reporters.wording import num
from tests.report_fixtures import assess as assess_results
from tests.report_fixtures import (
    empty_assessment,
    replace_result,
    sample_assessment,
    sample_results,
)

ROOT = Path(__file__).resolve().parents[1]
RIVERBEND = "examples/org-config/riverbend-clinic.yaml"


def test_the_whole_output_for_the_sample_assessment() -> None:
    assert render(sample_assessment()).splitlines() == [
        "::notice title=phi-policy score::Score 65.1/100 RED (significant gaps); band capped at "
        "RED (the score alone gives YELLOW): GOV-005 (critical) fails for Acme Video Cloud; "
        "53.0 as specified, without documented decisions. phi-policy.yaml as of 2026-11-01: 6 "
        "pass, 1 partial, 2 fail, 1 n/a, 1 error. Fix first (now): GOV-005 Business associate "
        "agreement in force with every vendor handling ePHI (+24.1 points).",
        "::error file=phi-policy.yaml,line=88,col=16,title=GOV-005 [required%2C critical] "
        "Business associate agreement in force with every vendor handling ePHI::BAA with Acme "
        "Video Cloud expired on 2026-09-30 (164.308(b)(1) Business associate contracts and "
        "other arrangements) Fix: Renew or sign a BAA with every vendor that creates, receives, "
        "maintains or transmits ePHI, and record it under business_associates[].baa with signed "
        "and expires dates.",
        "::warning file=phi-policy.yaml,line=180,col=3,title=ADM-007 [addressable%2C medium] "
        "Contingency plan tested within the last 12 months::control raised KeyError: "
        "'last_tested' (164.308(a)(7)(ii)(D) Testing and revision procedures) Fix: Test the "
        "contingency plan (a tabletop exercise at least) every year and record "
        "contingency.last_tested.",
        "::warning file=phi-policy.yaml,line=224,col=27,title=PRIV-002 [required%2C medium] "
        "Breach notice to individuals within 60 days of discovery::breach_notification."
        "individual_notice_days is 90; the rule allows at most 60 days after discovery "
        "(164.404(b) Individual notice deadline) Fix: Set breach_notification.individual_"
        "notice_days to 60 or less; notice is due without unreasonable delay.",
        "::warning file=phi-policy.yaml,line=131,col=29,title=TECH-003 [benchmark%2C medium] "
        "Automatic logoff after 15 minutes or less of inactivity (benchmark)::Benchmark, not a "
        "HIPAA requirement: automatic logoff is 30 minutes; the benchmark is 15 or less "
        "(164.312(a)(2)(iii) Automatic logoff) Fix: Set access_control.automatic_logoff_"
        "minutes to 15 or less and enforce it on workstations, the EHR and the telemedicine "
        "platforms.",
        "::notice file=phi-policy.yaml,line=62,col=14,title=NPRM-003 [proposed%2C high] "
        "Vulnerability scanning at least every 6 months::Proposed rule (NPRM 2025, not in "
        "force): the last vulnerability scan, on 2026-01-15, is more than 6 months old (NPRM "
        "164.312(h)(2)(i) Vulnerability scanning at least every 6 months) Fix: Scan every "
        "system holding ePHI at least every 6 months and record vulnerability_management."
        "last_scan.",
    ]


def test_an_uncapped_band_says_nothing_of_a_cap() -> None:
    results = replace_result(sample_results(), "GOV-005", outcome=Outcome(
        "pass", "every vendor handling ePHI has a BAA in force", 1.0))
    first = render(assess_results(results)).splitlines()[0]
    assert first.startswith("::notice title=phi-policy score::Score ")
    assert "capped" not in first


def test_passing_not_applicable_and_decided_controls_are_not_annotated() -> None:
    text = render(sample_assessment())
    for control_id in ("GOV-001", "GOV-003", "TECH-008", "ADM-004", "PHYS-004", "TECH-005",
                       "PRIV-005", "NPRM-006"):
        assert f"title={control_id} " not in text


def test_levels_follow_status_severity_and_basis() -> None:
    results = sample_results()
    # A required fail of high severity is an error; the same control partial is a warning.
    failing = replace_result(results, "PRIV-002", severity="high")
    assert "::error file=phi-policy.yaml,line=224,col=27,title=PRIV-002 [required%2C high] " in (
        render(assess_results(failing)))
    # A medium-severity fail (PRIV-002) is a warning; a low-severity one too.
    low = replace_result(results, "PRIV-002", severity="low")
    assert "::warning file=phi-policy.yaml,line=224,col=27,title=PRIV-002 [required%2C low] " in (
        render(assess_results(low)))


@pytest.mark.parametrize(("basis", "prefix"), [
    ("benchmark", "Benchmark, not a HIPAA requirement: "),
    ("other_law", "Other law (DEA, state), not HIPAA: "),
])
def test_a_critical_benchmark_or_other_law_gap_is_never_a_hipaa_error(
    basis: str, prefix: str
) -> None:
    results = replace_result(sample_results(), "PRIV-002", basis=basis, severity="critical")
    lines = render(assess_results(results)).splitlines()
    (line,) = [x for x in lines if ",title=PRIV-002 " in x]
    short = basis.replace("_", " ")
    assert line.startswith(
        f"::warning file=phi-policy.yaml,line=224,col=27,title=PRIV-002 [{short}%2C critical] "
        f"Breach notice to individuals within 60 days of discovery::{prefix}"
        "breach_notification.individual_notice_days is 90")


def test_a_result_with_several_locations_is_annotated_once_naming_the_other_lines() -> None:
    locations = (Location("phi-policy.yaml", 88, 16), Location("phi-policy.yaml", 97, 16),
                 Location("phi-policy.yaml", 88, 30), Location("phi-policy.yaml", 106, 16))
    results = replace_result(sample_results(), "GOV-005", locations=locations)
    (line,) = [x for x in render(assess_results(results)).splitlines() if "title=GOV-005" in x]
    assert line.startswith("::error file=phi-policy.yaml,line=88,col=16,title=GOV-005 ")
    assert ") Also at lines 97, 106. Fix: Renew" in line


def test_a_result_without_locations_is_annotated_at_line_one() -> None:
    results = replace_result(sample_results(), "PRIV-002", locations=())
    assert ("::warning file=phi-policy.yaml,line=1,col=1,title=PRIV-002 [required%2C medium] "
            "Breach notice") in render(assess_results(results))


def test_no_score_and_nothing_to_fix() -> None:
    assert render(empty_assessment()) == (
        "::notice title=phi-policy score::Score n/a: no applicable controls. phi-policy.yaml as "
        "of 2026-11-01: 0 pass, 0 partial, 0 fail, 1 n/a, 0 error.\n"
    )


def test_escaping_follows_the_runner() -> None:
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"
    assert escape_property("%3A") == "%253A"  # escaped once, never decoded into ':'
    assert command("warning", "x", file="a,b.yaml", line=3) == "::warning file=a%2Cb.yaml,line=3::x"
    assert command("notice", "no properties") == "::notice::no properties"


def test_config_text_cannot_inject_a_command_or_a_property() -> None:
    hostile = "evil\n::error file=x,line=1::injected\r%0A"
    results = replace_result(sample_results(), "GOV-005", message=hostile,
                             title="BAA, renewed: yearly")
    lines = render(assess_results(results)).splitlines()
    (line,) = [x for x in lines if "GOV-005" in x and x.startswith("::error")]
    assert line.startswith(
        "::error file=phi-policy.yaml,line=88,col=16,title=GOV-005 [required%2C critical] "
        "BAA%2C renewed%3A yearly::evil%0A::error file=x,line=1::injected%0D%250A (164.308(b)(1)")
    assert not any(x.startswith("::error file=x") for x in lines)


def test_the_cli_annotates_the_riverbend_logoff_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert run(["check", RIVERBEND, "--as-of", "2026-11-01", "--format", "github"]) == 0
    lines = capsys.readouterr().out.splitlines()
    catalog = load_catalog()
    assessment = assess(load_valid(RIVERBEND, catalog), catalog, Context(dt.date(2026, 11, 1)))
    assert lines == render(assessment).splitlines()
    band = (assessment.band or "").upper()
    assert lines[0].startswith(
        f"::notice title=phi-policy score::Score {num(assessment.score)}/100 {band} ")
    if assessment.capped:
        assert "; band capped at " in lines[0]
    (logoff,) = [x for x in lines if ",title=TECH-026 " in x]
    assert logoff.startswith(f"::{level_of(assessment, 'TECH-026')} file={RIVERBEND},line=297,"
                             "col=29,title=TECH-026 [")
    found = {r.control_id: r for r in assessment.results}
    errors = [x.split(",title=")[1].split()[0] for x in lines if x.startswith("::error ")]
    # Only a critical or high gap in what HIPAA itself demands is an error.
    assert errors and all(found[i].basis in ("required", "addressable") for i in errors)
    gains = {r.control_id: r.gain for r in assessment.recommendations}
    failing_high = {r.control_id for r in assessment.results
                    if r.status in ("fail", "error") and r.severity in ("critical", "high")
                    and r.basis in ("required", "addressable")}
    # Worst first: by the points each fix gains, then by id.
    assert errors == sorted(failing_high, key=lambda i: (-round(gains[i], 9), i))
    for line in lines[1:]:
        control = found[line.split(",title=")[1].split()[0]]
        if control.basis == "benchmark":
            assert "::Benchmark, not a HIPAA requirement: " in line
    registered = registry.reporter("check", "github").load()
    assert registered(sample_assessment(), RenderOptions()) == render(sample_assessment())


def level_of(assessment: Assessment, control_id: str) -> str:
    (r,) = [x for x in assessment.results if x.control_id == control_id]
    found = level(r)
    assert found is not None
    return found
