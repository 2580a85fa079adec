"""A small, realistic Assessment built by hand, for the human-readable reporters' tests.

The results are written out one by one (a telehealth provider's phi-policy.yaml checked on
2026-11-01); every number in the assessment (scores, domain scores, recommendations, upcoming
items, ledger) is then computed by the real scoring code, so the fixture can never hold a score
that its results could not produce.

The profile is the proposed rule's, so that a single report shows every section (a readiness
score beside the current-rule one; decisions count the same under both profiles).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from phi_policy.config import decisions
from phi_policy.engine.evaluate import assemble
from phi_policy.engine.scoring import weight_of
from phi_policy.model import Assessment, Citation, Decision, Domain, Location, Outcome, Result

AS_OF = dt.date(2026, 11, 1)
HORIZON_DAYS = 30
SOURCE = "phi-policy.yaml"

SR = "HIPAA Security Rule"
BNR = "HIPAA Breach Notification Rule"
PR = "HIPAA Privacy Rule"
NPRM = "HIPAA Security Rule NPRM 2025 (proposed)"

ASSIGNED = Citation(SR, "164.308(a)(2)", "Assigned security responsibility", "required")
RISK_ANALYSIS = Citation(SR, "164.308(a)(1)(ii)(A)", "Risk analysis", "required")
BA_CONTRACTS = Citation(
    SR, "164.308(b)(1)", "Business associate contracts and other arrangements", "required"
)
BA_CONTRACTS_314 = Citation(SR, "164.314(a)(2)(i)", "Business associate contracts", "required")
LOGOFF = Citation(SR, "164.312(a)(2)(iii)", "Automatic logoff", "addressable")
ENCRYPTION = Citation(SR, "164.312(a)(2)(iv)", "Encryption and decryption", "addressable")
AUTHENTICATION = Citation(SR, "164.312(d)", "Person or entity authentication", "required")
TRAINING = Citation(SR, "164.308(a)(5)", "Security awareness and training", "required")
CONTINGENCY_TESTING = Citation(
    SR, "164.308(a)(7)(ii)(D)", "Testing and revision procedures", "addressable"
)
DEVICES = Citation(SR, "164.310(d)(1)", "Device and media controls", "required")
BREACH_NOTICE = Citation(BNR, "164.404(b)", "Individual notice deadline")
MINIMUM_NECESSARY = Citation(PR, "164.502(b)", "Minimum necessary")
NPRM_SCANNING = Citation(
    NPRM, "NPRM 164.312(h)(2)(i)", "Vulnerability scanning at least every 6 months"
)
NPRM_MFA = Citation(NPRM, "NPRM 164.312(f)(2)(ii)", "Mandatory multi-factor authentication")

LAPTOP_DECISION = Decision(
    control="TECH-005",
    kind="alternative",
    reason="Clinic laptops are thin clients to the EHR's virtual desktop; full-disk "
    "encryption breaks the vendor's kiosk image",
    alternative_measure="no ePHI is stored on the laptops: the VDI blocks downloads and "
    "clipboard, and laptops are wiped nightly",
    approved_by="Dana Whitfield (CISO)",
    approved_on="2025-11-25",
    review_by="2026-11-25",
    pointer="/decisions/0",
)


def _result(
    control_id: str,
    title: str,
    domain: Domain,
    severity: str,
    basis: str,
    citations: tuple[Citation, ...],
    remediation: str,
    raw: Outcome,
    locations: tuple[Location, ...],
    *,
    decision: Decision | None = None,
) -> Result:
    outcome, applied = decisions.apply(raw, None, [decision] if decision else [], AS_OF)
    return Result(
        control_id=control_id,
        title=title,
        domain=domain,
        severity=severity,  # type: ignore[arg-type]
        basis=basis,  # type: ignore[arg-type]
        weight=weight_of(severity, basis),
        citations=citations,
        remediation=remediation,
        outcome=outcome,
        raw_outcome=raw,
        decision=applied,
        locations=locations,
    )


def _at(line: int, col: int) -> Location:
    return Location(SOURCE, line, col)


def sample_results() -> tuple[Result, ...]:
    """Twelve results: 10 under the current rule (every status), 2 proposed-rule checks."""
    results = [
        _result(
            "GOV-001", "Security official designated in writing", "governance", "high", "required",
            (ASSIGNED,),
            "Name the security official under officials.security_official with name, title and "
            "appointment date.",
            Outcome("pass", "security official: Dana Whitfield (CISO), appointed 2023-02-01", 1.0,
                    ("/officials/security_official",)),
            (_at(14, 5),),
        ),
        _result(
            "GOV-003", "Risk analysis performed within the last 12 months", "governance",
            "critical", "required", (RISK_ANALYSIS,),
            "Perform an enterprise-wide risk analysis covering all ePHI and record the date in "
            "risk_analysis.last_performed.",
            Outcome("pass", "risk analysis performed on 2025-11-20, within 12 months", 1.0,
                    ("/risk_analysis/last_performed",), dt.date(2026, 11, 20),
                    "annual risk analysis falls due"),
            (_at(36, 18),),
        ),
        _result(
            "GOV-005", "Business associate agreement in force with every vendor handling ePHI",
            "governance", "critical", "required", (BA_CONTRACTS, BA_CONTRACTS_314),
            "Renew or sign a BAA with every vendor that creates, receives, maintains or transmits "
            "ePHI, and record it under business_associates[].baa with signed and expires dates.",
            Outcome("fail", "BAA with Acme Video Cloud expired on 2026-09-30", 0.0,
                    ("/business_associates/2/baa/expires",), instances=("Acme Video Cloud",)),
            (_at(88, 16),),
        ),
        _result(
            "TECH-003", "Automatic logoff after 15 minutes or less of inactivity (benchmark)",
            "technical", "medium", "benchmark", (LOGOFF,),
            "Set access_control.automatic_logoff_minutes to 15 or less and enforce it on "
            "workstations, the EHR and the telemedicine platforms.",
            Outcome("partial", "automatic logoff is 30 minutes; the benchmark is 15 or less", 0.5,
                    ("/access_control/automatic_logoff_minutes",)),
            (_at(131, 29),),
        ),
        _result(
            "TECH-005", "Encryption at rest on every device that stores ePHI", "technical", "high",
            "addressable", (ENCRYPTION,),
            "Turn on full-disk encryption (FileVault, BitLocker) on every laptop and record it in "
            "encryption.at_rest.devices.",
            Outcome("fail", "laptops used for telehealth are not full-disk encrypted", 0.0,
                    ("/encryption/at_rest/devices",)),
            (_at(142, 7), _at(201, 5)),
            decision=LAPTOP_DECISION,
        ),
        _result(
            "TECH-008", "Multi-factor authentication for remote access to ePHI (benchmark)",
            "technical", "high", "benchmark", (AUTHENTICATION,),
            "Require MFA for every remote login: set access_control.mfa.remote_access to true.",
            Outcome("pass", "MFA is required for remote access (TOTP, WebAuthn)", 1.0,
                    ("/access_control/mfa/remote_access",)),
            (_at(126, 20),),
        ),
        _result(
            "ADM-004", "Security awareness training completed by the workforce every year",
            "administrative", "medium", "required", (TRAINING,),
            "Train the whole workforce every 12 months and record training.last_completed.",
            Outcome("pass", "all 240 workforce members trained on 2025-11-15", 1.0,
                    ("/training/last_completed",), dt.date(2026, 11, 15),
                    "annual security awareness training falls due"),
            (_at(171, 19),),
        ),
        _result(
            "ADM-007", "Contingency plan tested within the last 12 months", "administrative",
            "medium", "addressable", (CONTINGENCY_TESTING,),
            "Test the contingency plan (a tabletop exercise at least) every year and record "
            "contingency.last_tested.",
            Outcome("error", "control raised KeyError: 'last_tested'", 0.0, ("/contingency",)),
            (_at(180, 3),),
        ),
        _result(
            "PHYS-004", "Personal devices enrolled in mobile device management", "physical", "high",
            "required", (DEVICES,),
            "Enroll every personal device used for telehealth in MDM and set byod.mdm_required.",
            Outcome("not_applicable", "personal devices are not allowed (byod.allowed is false)",
                    None, ("/byod/allowed",)),
            (_at(190, 12),),
        ),
        _result(
            "PRIV-002", "Breach notice to individuals within 60 days of discovery", "privacy",
            "medium", "required", (BREACH_NOTICE,),
            "Set breach_notification.individual_notice_days to 60 or less; notice is due without "
            "unreasonable delay.",
            Outcome("fail", "breach_notification.individual_notice_days is 90; the rule allows "
                    "at most 60 days after discovery", 0.0,
                    ("/breach_notification/individual_notice_days",)),
            (_at(224, 27),),
        ),
        _result(
            "PRIV-005", "Minimum necessary access to PHI by role", "privacy", "medium", "required",
            (MINIMUM_NECESSARY,),
            "Define role-based access in privacy.minimum_necessary.role_based_access.",
            Outcome("pass", "role-based access limits PHI to what each role needs", 1.0,
                    ("/privacy/minimum_necessary/role_based_access",)),
            (_at(236, 24),),
        ),
        _result(
            "NPRM-003", "Vulnerability scanning at least every 6 months", "technical", "high",
            "proposed", (NPRM_SCANNING,),
            "Scan every system holding ePHI at least every 6 months and record "
            "vulnerability_management.last_scan.",
            Outcome("fail", "the last vulnerability scan, on 2026-01-15, is more than 6 months "
                    "old", 0.0, ("/vulnerability_management/last_scan",)),
            (_at(62, 14),),
        ),
        _result(
            "NPRM-006", "Multi-factor authentication for every login", "technical", "critical",
            "proposed", (NPRM_MFA,),
            "Require MFA for every login to systems holding ePHI, not only remote ones.",
            Outcome("pass", "MFA is required for every login", 1.0, ("/access_control/mfa",)),
            (_at(124, 5),),
        ),
    ]
    return tuple(sorted(results, key=lambda r: r.control_id))


def assess(results: Sequence[Result], *, profile: str = "hipaa-2025-nprm") -> Assessment:
    """`results` scored the way `phi_policy.engine.evaluate.evaluate` scores them."""
    return assemble(SOURCE, AS_OF, profile, results, HORIZON_DAYS)


def sample_assessment() -> Assessment:
    """The sample results, scored, with the band capped at red by GOV-005 (critical)."""
    return assess(sample_results())


def replace_result(results: Sequence[Result], control_id: str, **changes: Any) -> list[Result]:
    """`results` with one result's fields changed (`message=` changes its outcome's message)."""
    message = changes.pop("message", None)
    out = []
    for r in results:
        if r.control_id == control_id:
            if message is not None:
                changes["outcome"] = dataclasses.replace(r.outcome, message=message)
            r = dataclasses.replace(r, **changes)
        out.append(r)
    return out


def empty_assessment() -> Assessment:
    """Nothing applicable, so every score is None (a config that turns every control off)."""
    nothing = Outcome("not_applicable", "no telehealth services are declared", None)
    only = dataclasses.replace(
        sample_results()[0], outcome=nothing, raw_outcome=nothing, locations=()
    )
    return assess([only], profile="hipaa")


GOLDEN_DIR = Path(__file__).with_name("golden")
UPDATE_GOLDEN = "PHI_POLICY_UPDATE_GOLDEN"


def assert_golden(name: str, actual: str) -> None:
    """`actual` must equal tests/golden/`name` byte for byte; the failure shows a diff.

    With PHI_POLICY_UPDATE_GOLDEN=1 the file is rewritten instead: review the change with
    `git diff tests/golden/` before committing it.
    """
    path = GOLDEN_DIR / name
    if os.environ.get(UPDATE_GOLDEN) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"tests/golden/{name} (expected)",
                tofile="rendered (actual)",
            )
        )
        missing = "" if path.exists() else f"tests/golden/{name} does not exist.\n"
        pytest.fail(
            f"{missing}The rendered report differs from tests/golden/{name}:\n{diff}\n"
            f"If the change is intended, regenerate with {UPDATE_GOLDEN}=1 "
            "and review the diff.",
            pytrace=False,
        )
