"""Vulnerability scans and penetration tests under the rule in force: risk-management benchmarks.

The Security Rule in force names neither. It requires an accurate and thorough assessment of the
vulnerabilities to ePHI (risk analysis, 164.308(a)(1)(ii)(A)) and security measures that reduce
them to a reasonable and appropriate level (risk management, 164.308(a)(1)(ii)(B)); scans and
tests are how technical vulnerabilities are found between analyses (NIST SP 800-115 describes
the methods). The intervals are benchmarks, never worded as HIPAA requirements: every 3 months
for authenticated vulnerability scans (CIS Controls v8 Safeguards 7.5 and 7.6, "quarterly, or
more frequent") and every 12 months for a penetration test (CIS Controls v8 Safeguard 18.2,
"at least annually"). A documented decision may tailor either. The proposed 2025 rule would
make them requirements (NPRM-008, NPRM-009, readiness only); these read the same keys.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    cadence,
    control,
    describe_cadence,
    failed,
    get,
    key_path,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

SCAN = "/vulnerability_management/last_vulnerability_scan"
PEN_TEST = "/vulnerability_management/last_penetration_test"
SCAN_MONTHS = 3
PEN_TEST_MONTHS = 12


def dated_benchmark(
    config: Config, ctx: Context, pointer: str, default_months: int, what: str, source: str
) -> Outcome:
    """A recurring test judged against a tailorable benchmark interval, worded as one."""
    months = max(1, round(ctx.limit(default_months)))
    state = cadence(get(config, pointer), ctx.as_of, months)
    cycle = f"{months}-month"
    if state.state == "missing":
        return failed(
            f"no {what} is recorded (not declared: set {key_path(pointer)}); benchmark: one at "
            f"least every {months} months ({source}); HIPAA names no interval, but the risk "
            "analysis must find the vulnerabilities scans and tests find",
            where(config, pointer),
        )
    message = describe_cadence(state, what, cycle, ctx.as_of)
    if state.current:
        return passed(
            message, pointer, turns_on=state.due, turns_why=f"the {cycle} {what} falls due"
        )
    return failed(
        f"benchmark: {message}; {source} asks for one at least every {months} months, HIPAA "
        "names no interval",
        pointer,
    )


@control(
    id="TECH-039",
    title="Vulnerability scans at least every 3 months (benchmark)",
    domain="technical",
    cites=["164.308(a)(1)(ii)(B)", "164.308(a)(1)(ii)(A)"],
    basis="benchmark",
    severity="medium",
    risk="Known, exploitable flaws (an unpatched VPN appliance, an exposed remote desktop) stay "
    "open between analyses; ransomware crews find them first.",
    tailorable="months between vulnerability scans",
    rationale="Benchmark, not a HIPAA requirement: the rule in force requires the risk analysis "
    "to assess vulnerabilities and risk management to reduce them (164.308(a)(1)(ii)(A)-(B)) "
    "but names no scan interval. CIS Controls v8 Safeguards 7.5 and 7.6 ask for automated scans "
    "of internal and externally exposed assets quarterly or more often; NIST SP 800-115 "
    "describes the method. The 2025 NPRM would require one every 6 months (NPRM-008, proposed).",
    remediation="Scan the systems that handle ePHI at least every 3 months, remediate through "
    "risk management, and record vulnerability_management.last_vulnerability_scan.",
)
def vulnerability_scans(config: Config, ctx: Context) -> Outcome:
    """Scans find the known flaws that attackers scan for every day."""
    return dated_benchmark(
        config, ctx, SCAN, SCAN_MONTHS, "vulnerability scan", "CIS Controls v8 7.5-7.6"
    )


@control(
    id="TECH-040",
    title="Penetration test at least every 12 months (benchmark)",
    domain="technical",
    cites=["164.308(a)(1)(ii)(B)", "164.308(a)(8)"],
    basis="benchmark",
    severity="low",
    risk="Weaknesses that only chain together under a real attack stay unknown; scans and the "
    "risk analysis still find the single known flaws.",
    tailorable="months between penetration tests",
    rationale="Benchmark, not a HIPAA requirement: a penetration test is one way to carry out "
    "the technical evaluation (164.308(a)(8)) and to check that risk management worked "
    "(164.308(a)(1)(ii)(B)); the rule in force names no test or interval. CIS Controls v8 "
    "Safeguard 18.2 asks for an external penetration test at least annually (implementation "
    "groups 2 and 3, which a solo practice may reasonably tailor); NIST SP 800-115 describes "
    "the method. The 2025 NPRM would require one every 12 months (NPRM-009, proposed).",
    remediation="Commission a penetration test of the systems that handle ePHI at least every "
    "12 months and record vulnerability_management.last_penetration_test.",
)
def penetration_tests(config: Config, ctx: Context) -> Outcome:
    """Testers find how flaws chain together, which no scanner reports."""
    return dated_benchmark(
        config, ctx, PEN_TEST, PEN_TEST_MONTHS, "penetration test", "CIS Controls v8 18.2"
    )
