"""Calibration: realistic configs, each with the band an auditor would give and why.

Every YAML file in this folder is a whole organization (schema-valid, self-contained) whose
opening comment names the organization, the band an auditor would give, and the reason, grounded
in an OCR resolution agreement, an HHS guidance document or the rule's text. The expectations
below are the test's own table (not read from those comments), so a change of weights, severities
or bases that breaks the calibration fails here with the config, the expected and actual band,
the cap reasons and the score.

Control ids are being renumbered, so no expectation names one. A capping finding is identified
by what it cites (a section of 45 CFR, matched against every citation of the capping control in
the catalog) and by the instance it names (a vendor, a platform, a storage class). Decisions in
the configs must name a control id; `test_decisions_target_the_intended_control` says which id
to write when the catalog changes.

Everything is judged as of AS_OF under the `hipaa` profile (the rule in force).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.loader import load
from phi_policy.model import Assessment, Band, CapReason, Context
from phi_policy.pipeline import assess, load_valid, load_valid_text

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 12, 1)
PROFILE = "hipaa"
MODELINE = "# yaml-language-server: $schema=../../schemas/org-config.schema.json"

#: Sections that all mean "a business associate handling PHI has no BAA in force".
BAA = ("164.308(b)(1)", "164.308(b)(3)", "164.314(a)(1)", "164.314(a)(2)(i)", "164.502(e)")
#: The same duty for a business associate's own subcontractors.
SUBCONTRACTOR_BAA = ("164.308(b)(2)", "164.314(a)(2)(iii)", "164.502(e)(1)(ii)", *BAA)
ENCRYPTION_AT_REST = ("164.312(a)(2)(iv)",)
TRANSMISSION_ENCRYPTION = ("164.312(e)(2)(ii)", "164.312(e)(1)")
RISK_ANALYSIS = ("164.308(a)(1)(ii)(A)",)
AUTHENTICATION = ("164.312(d)",)
PUBLIC_FACING = ("164.530(c)", "164.312(a)(1)", "164.502(a)")
DATA_BACKUP = ("164.308(a)(7)(ii)(A)",)
ACTIVITY_REVIEW = ("164.308(a)(1)(ii)(D)",)
TERMINATION = ("164.308(a)(3)(ii)(C)",)
DISASTER_RECOVERY = ("164.308(a)(7)(ii)(B)",)
AUTOMATIC_LOGOFF = ("164.312(a)(2)(iii)",)
LOCKOUT = ("164.308(a)(5)(ii)(C)", "164.308(a)(5)(ii)(D)")


@dataclass(frozen=True)
class Cap:
    """An expected capping finding: a control citing one of `sections` is open (fail, partial
    or error) at the expected band's cap and, when `instance` is given, names it."""

    sections: tuple[str, ...]
    instance: str | None = None

    def __str__(self) -> str:
        where = f" for {self.instance!r}" if self.instance else ""
        return f"a control citing {' or '.join(self.sections)}{where}"


@dataclass(frozen=True)
class Expect:
    bands: tuple[str, ...]
    caps: tuple[Cap, ...] = ()
    #: Every capping finding must relate to an expected cap's sections (no stray cap).
    only: bool = True
    #: The case's premise: no critical control is open (fail, partial, error).
    no_critical_open: bool = False
    #: The case's premise: every open scored control is a low or medium benchmark.
    only_low_medium_benchmarks: bool = False
    #: Sections of controls that a valid documented decision must have made compliant.
    decided: tuple[tuple[str, ...], ...] = ()
    why: str = ""


#: The calibration table: file -> what an auditor expects. Green cases expect no cap at all.
EXPECTED: dict[str, Expect] = {
    "01-every-safeguard-green.yaml": Expect(("green",), why="every safeguard in place"),
    "02-missing-baa-recording-vendor-red.yaml": Expect(
        ("red",),
        (Cap(BAA, "ScribeCo AI Inc."),),
        why="a vendor that records sessions has no BAA (North Memorial, 2016)",
    ),
    "03-no-risk-analysis-red.yaml": Expect(
        ("red",),
        (Cap(RISK_ANALYSIS),),
        why="no risk analysis at all (Northeast Surgical Group, 2025)",
    ),
    "04-unencrypted-laptops-hospital-red.yaml": Expect(
        ("red",),
        (Cap(ENCRYPTION_AT_REST, "laptops"),),
        why="unencrypted laptops holding ePHI (Lifespan, 2020)",
    ),
    "05-several-high-gaps-yellow.yaml": Expect(
        ("yellow",),
        (Cap(ACTIVITY_REVIEW), Cap(TERMINATION), Cap(DISASTER_RECOVERY)),
        no_critical_open=True,
        why="several high gaps, no critical one (Memorial Healthcare System, 2017)",
    ),
    "06-benchmark-misses-only.yaml": Expect(
        ("green", "yellow"),
        only_low_medium_benchmarks=True,
        why="only low and medium benchmark misses: never red",
    ),
    "07-business-associate-platform-green.yaml": Expect(
        ("green",),
        why="a business associate with every safeguard; no privacy official needed",
    ),
    "08-business-associate-subcontractor-no-baa-red.yaml": Expect(
        ("red",),
        (Cap(SUBCONTRACTOR_BAA, "CodeBridge Offshore Coding Pvt. Ltd."),),
        why="a business associate's subcontractor handles PHI without a BAA",
    ),
    "09-decision-addressable-green.yaml": Expect(
        ("green",),
        decided=(AUTOMATIC_LOGOFF,),
        why="a documented alternative for an addressable specification counts as compliant",
    ),
    "10-tailored-benchmark-green.yaml": Expect(
        ("green",),
        decided=(LOCKOUT,),
        why="a benchmark tailored with a risk-based reason is judged at the tailored value",
    ),
    "11-expired-baas-red.yaml": Expect(
        ("red",),
        (Cap(BAA, "VitalWatch Labs LLC"), Cap(BAA, "Ironvault Backup Services")),
        why="expired BAAs with vendors still holding ePHI (Care New England, 2016)",
    ),
    "12-mfa-missing-remote-access-yellow.yaml": Expect(
        ("yellow",),
        (Cap(AUTHENTICATION),),
        no_critical_open=True,
        why="MFA is a benchmark under the rule in force (high), not a required specification",
    ),
    "13-tls10-patient-portal-yellow.yaml": Expect(
        ("yellow",),
        (Cap(TRANSMISSION_ENCRYPTION, "MyGranitePeaks Patient Portal"),),
        no_critical_open=True,
        why="TLS 1.0 on one platform, everything else strong: high, not critical",
    ),
    "14-dozen-gaps-telehealth-red.yaml": Expect(
        ("red",),
        (
            Cap(BAA, "ScribeCo AI Inc."),
            Cap(BAA, "PulseChat Inc."),
            Cap(ENCRYPTION_AT_REST, "laptops"),
        ),
        only=False,
        why="the issue 10 scenario: a strong setup plus a dozen gaps OCR has fined for",
    ),
    "15-solo-therapist-green.yaml": Expect(("green",), why="a solo practice, every safeguard"),
    "16-public-facing-video-hospital-red.yaml": Expect(
        ("red",),
        (Cap(PUBLIC_FACING, "StreamNow Live"), Cap(BAA, "StreamNow Live")),
        why="a public-facing streaming product used for group therapy",
    ),
    "17-no-backups-solo-red.yaml": Expect(
        ("red",),
        (Cap(DATA_BACKUP),),
        why="no backups of ePHI (HHS ransomware fact sheet)",
    ),
    "18-long-logoff-only-green.yaml": Expect(
        ("green",),
        why="a long automatic logoff alone is a benchmark miss, never a cap",
    ),
}

#: Where a decision in a config must land: file -> control id -> sections it must cite.
DECISION_TARGETS: dict[str, dict[str, tuple[str, ...]]] = {
    "09-decision-addressable-green.yaml": {"TECH-004": AUTOMATIC_LOGOFF},
    "10-tailored-benchmark-green.yaml": {"ADM-031": LOCKOUT},
}


# --- helpers ------------------------------------------------------------------------------------


@cache
def catalog() -> Catalog:
    return load_catalog()


def sections_of(control_id: str) -> tuple[str, ...]:
    control = catalog().by_id().get(control_id)
    return tuple(c.section for c in control.citations) if control else ()


def related(cited: str, expected: str) -> bool:
    """Same section, or one is a paragraph of the other (164.308(a)(1) and 164.308(a)(1)(ii)(D))."""
    return cited == expected or expected.startswith(cited + "(") or cited.startswith(expected + "(")


def open_caps(a: Assessment) -> list[CapReason]:
    """Every open finding that caps the band (DESIGN.md scoring rule 3), at any level.

    `Assessment.cap_reasons` lists only the findings that pull the band *below* the band by
    score; when the score alone already gives that band the list is empty, so the capping
    findings are derived here from the results by the same rule."""
    caps = []
    cap: Band
    for r in a.results:
        if not r.scored:
            continue
        if r.severity == "critical" and r.status in ("fail", "partial", "error"):
            cap = "red"
        elif r.severity == "high" and r.status in ("fail", "error"):
            cap = "yellow"
        else:
            continue
        caps.append(CapReason(r.control_id, r.severity, r.status, cap, r.outcome.instances))
    return caps


def describe(reason: CapReason) -> str:
    return f"{reason} [cap {reason.cap}; cites {', '.join(sections_of(reason.control_id))}]"


def summary(name: str, a: Assessment) -> str:
    caps = open_caps(a)
    lines = [
        f"config {name}: band {a.band} (score {a.score:.1f}, band by score {a.score_band}, "
        f"as of {a.as_of}, profile {a.profile})",
        "  cap reasons reported: " + ("; ".join(map(str, a.cap_reasons)) or "none"),
        "  open capping findings: " + ("; ".join(map(describe, caps)) or "none"),
    ]
    return "\n".join(lines)


def evaluate_path(path: Path) -> Assessment:
    return assess(load_valid(path, catalog()), catalog(), Context(as_of=AS_OF, profile=PROFILE))


def evaluate_data(data: Mapping[str, Any], label: str) -> Assessment:
    text = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True)
    document = load_valid_text(text, label, catalog())
    return assess(document, catalog(), Context(as_of=AS_OF, profile=PROFILE))


@cache
def assessment(name: str) -> Assessment:
    return evaluate_path(HERE / name)


def matches(reason: CapReason, cap: Cap) -> bool:
    cited = sections_of(reason.control_id)
    if not any(section in cited for section in cap.sections):
        return False
    return cap.instance is None or cap.instance in reason.instances


# --- the table covers the folder, and every file is what it claims -------------------------------


def test_every_calibration_config_has_an_expectation() -> None:
    files = sorted(p.name for p in HERE.glob("*.yaml"))
    assert files == sorted(EXPECTED), "each calibration config needs one row in EXPECTED"
    assert len(files) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_config_opens_with_its_auditor_comment(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == MODELINE
    head = "\n".join(line for line in lines if line.startswith("#"))
    for needed in ("# Organization:", "# Band an auditor would give:", "# Why:", "# Sources:"):
        assert needed in head, f"{name}: the opening comment needs a {needed!r} line"


def test_decisions_target_the_intended_control() -> None:
    """Decisions name control ids; when ids are renumbered this says which id to write."""
    problems = []
    for name, targets in DECISION_TARGETS.items():
        data = load(HERE / name).data
        written = {str(d.get("control")) for d in data.get("decisions", [])}
        assert written == set(targets), f"{name}: update DECISION_TARGETS with its decisions"
        for control_id, sections in targets.items():
            if any(s in sections_of(control_id) for s in sections):
                continue
            candidates = [
                f"{c.id} ({c.basis}, {c.severity}: {c.title})"
                for c in catalog().controls
                if c.basis in ("addressable", "benchmark")
                and any(s in (x.section for x in c.citations) for s in sections)
            ]
            problems.append(
                f"{name}: decision control {control_id} no longer cites any of "
                f"{', '.join(sections)}; candidates: {'; '.join(candidates) or 'none'}"
            )
    assert not problems, "\n".join(problems)


# --- band and capping reason ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_band_and_capping_reason(name: str) -> None:
    expect = EXPECTED[name]
    a = assessment(name)
    context = summary(name, a) + f"\n  expected band {' or '.join(expect.bands)}: {expect.why}"
    problems = []
    if a.band not in expect.bands:
        problems.append(f"expected band {' or '.join(expect.bands)}, got {a.band}")
    if a.capped and not a.cap_reasons:
        problems.append("the band is capped but no cap reason is reported")

    caps = open_caps(a)
    if expect.bands == ("green",) or expect.only_low_medium_benchmarks:
        if caps:
            problems.append("expected no open critical or high finding (no cap)")
        if a.cap_reasons:
            problems.append("expected no cap reason")
    else:
        level = [c for c in caps if c.cap == expect.bands[0]]
        for cap in expect.caps:
            if not any(matches(reason, cap) for reason in level):
                problems.append(f"expected the band capped at {expect.bands[0]} by {cap}")
        if expect.only:
            wanted = [s for cap in expect.caps for s in cap.sections]
            for reason in level:
                cited = sections_of(reason.control_id)
                if not any(related(c, w) for c in cited for w in wanted):
                    problems.append(f"unexpected capping finding: {describe(reason)}")
        if a.capped:
            for reason in a.cap_reasons:
                if reason.cap != a.band:
                    problems.append(f"cap reason {reason} does not set the band {a.band}")

    open_results = [r for r in a.results if r.scored and r.status not in ("pass", "not_applicable")]
    if expect.no_critical_open:
        for r in open_results:
            if r.severity == "critical":
                problems.append(
                    f"premise: no critical control may be open, but {r.control_id} "
                    f"({', '.join(sections_of(r.control_id))}) is {r.status}"
                )
    if expect.only_low_medium_benchmarks:
        for r in open_results:
            if r.basis != "benchmark" or r.severity not in ("low", "medium"):
                problems.append(
                    f"premise: only low or medium benchmarks may be open, but "
                    f"{r.control_id} ({r.severity} {r.basis}) is {r.status}"
                )
    for sections in expect.decided:
        if not any(
            r.decided and any(s in sections_of(r.control_id) for s in sections) for r in a.results
        ):
            problems.append(
                f"expected a documented decision to make a control citing "
                f"{' or '.join(sections)} compliant; decided: "
                f"{[r.control_id for r in a.results if r.decided] or 'none'}; "
                f"with a decision: "
                f"{[(r.control_id, r.status) for r in a.results if r.decision]}"
            )
    if problems:
        pytest.fail(context + "\n  " + "\n  ".join(problems), pytrace=False)


# --- proportionality: each gap's loss follows its risk ------------------------------------------


def _strong() -> dict[str, Any]:
    return copy.deepcopy(dict(load(HERE / "01-every-safeguard-green.yaml").data))


def _dozen() -> Mapping[str, Any]:
    return load(HERE / "14-dozen-gaps-telehealth-red.yaml").data


def _named(items: Iterable[Mapping[str, Any]], name: str) -> dict[str, Any]:
    (found,) = [copy.deepcopy(dict(item)) for item in items if item.get("name") == name]
    return found


def with_recording_vendor_without_baa() -> dict[str, Any]:
    """The strong setup plus only the dozen-gaps config's session-recording vendor (no BAA)."""
    data, gaps = _strong(), _dozen()
    data["platforms"] = [*data["platforms"], _named(gaps["platforms"], "ScribeCo Ambient Notes")]
    data["business_associates"] = [
        *data["business_associates"],
        _named(gaps["business_associates"], "ScribeCo AI Inc."),
    ]
    return data


def with_sixty_minute_logoff() -> dict[str, Any]:
    data = _strong()
    data["access_control"] = {**data["access_control"], "automatic_logoff_minutes": 60}
    return data


def with_unencrypted_laptops() -> dict[str, Any]:
    data = _strong()
    at_rest = dict(data["encryption"]["at_rest"])
    at_rest["covers"] = [c for c in at_rest["covers"] if c != "laptops"]
    data["encryption"] = {**data["encryption"], "at_rest": at_rest}
    return data


def loss(data: Mapping[str, Any], label: str) -> tuple[float, Assessment]:
    a = evaluate_data(data, label)
    assert a.score is not None
    return 100.0 - a.score, a


def test_strong_base_of_the_dozen_gaps_scores_full() -> None:
    a = assessment("01-every-safeguard-green.yaml")
    assert a.band == "green" and a.score is not None


@pytest.mark.parametrize(
    "gap",
    [with_recording_vendor_without_baa, with_unencrypted_laptops],
    ids=["missing-BAA", "unencrypted-laptops"],
)
def test_a_critical_gap_costs_more_than_a_sixty_minute_logoff(gap: Any) -> None:
    base = assessment("01-every-safeguard-green.yaml")
    assert base.score is not None
    gap_loss, gap_a = loss(gap(), f"<strong + {gap.__name__}>")
    logoff_loss, logoff_a = loss(with_sixty_minute_logoff(), "<strong + 60-minute logoff>")
    gap_loss -= 100.0 - base.score
    logoff_loss -= 100.0 - base.score
    assert gap_loss > logoff_loss, (
        f"the {gap.__name__} gap alone costs {gap_loss:.2f} points (band {gap_a.band}), a "
        f"60-minute automatic logoff alone {logoff_loss:.2f} (band {logoff_a.band}): the "
        f"critical gap must cost more\n"
        f"  {gap.__name__} ledger: {_ledger(gap_a)}\n"
        f"  logoff ledger: {_ledger(logoff_a)}"
    )


def test_the_missing_baa_alone_reads_red() -> None:
    a = evaluate_data(with_recording_vendor_without_baa(), "<strong + missing BAA>")
    assert a.band == "red", summary("<strong + missing BAA>", a)


def _ledger(a: Assessment) -> str:
    return (
        ", ".join(
            f"{cid} [{', '.join(sections_of(cid)[:2])}] -{points:.2f}" for cid, points in a.ledger
        )
        or "no loss"
    )
