"""Readiness for the 2025 Security Rule NPRM (90 FR 898, January 6 2025): PROPOSED, not in force.

These controls run only under the `hipaa-2025-nprm` profile and are marked proposed, so their
outcomes are readiness gaps, never violations. The NPRM removes the required/addressable
distinction, so every one is "required". Cadences are those of the proposed regulatory text
(90 FR 1010-1022): scans every 6 months, penetration tests every 12, critical patches in 15
days and high in 30, access removal within 1 hour, restore within 72 hours, backups at most 48
hours old with monthly test restores (read here as 31 days), yearly audit and BA verification.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phi_policy.control import (
    Config,
    all_of,
    by_fraction,
    cadence,
    cadence_days,
    cadence_outcome,
    control,
    describe_cadence,
    ephi_associates,
    failed,
    flag,
    get,
    is_on,
    items,
    join,
    name_of,
    not_applicable,
    not_in_place,
    partial,
    passed,
    unique,
    were,
    where,
)
from phi_policy.model import Context, Outcome

PROFILE = ["hipaa-2025-nprm"]
PREFIX = "proposed rule (not yet in force): "
TLS_ORDER = {"1.0": 0, "1.1": 1, "1.2": 2, "1.3": 3}


def _pass(message: str, paths: Any, **turns: Any) -> Outcome:
    return passed(PREFIX + message, paths, **turns)


def _fail(message: str, paths: Any) -> Outcome:
    return failed(PREFIX + message, unique([paths] if isinstance(paths, str) else paths))


def _fraction(met: int, total: int, message: str, paths: Any) -> Outcome:
    return by_fraction(
        met, total, PREFIX + message, unique([paths] if isinstance(paths, str) else paths)
    )


def _dated(config: Config, ctx: Context, pointer: str, months: int, what: str, why: str) -> Outcome:
    return cadence_outcome(config, pointer, months, ctx, what=what, turns_why=why, prefix=PREFIX)


@control(
    id="NPRM-001",
    title="Technology asset inventory and network map updated within 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(1)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require a written inventory of technology assets and a network "
    "map of how ePHI moves through them, reviewed at least every 12 months; the risk analysis "
    "cannot cover assets nobody listed. Proposed, not in force.",
    remediation="Maintain the asset inventory and network map and record risk_analysis."
    "asset_inventory and network_map with maintained: true and last_updated within 12 months.",
    profiles=PROFILE,
)
def inventory_and_map(config: Config, ctx: Context) -> Outcome:
    """Unknown assets are unprotected assets; the NPRM makes the inventory explicit."""
    parts = {
        "asset inventory": "/risk_analysis/asset_inventory",
        "network map": "/risk_analysis/network_map",
    }
    gaps: list[str] = []
    paths: list[str] = []
    dues = []
    for label, pointer in parts.items():
        if not is_on(config, f"{pointer}/maintained"):
            gaps.append(f"no {label} is maintained")
            paths.append(where(config, f"{pointer}/maintained"))
            continue
        state = cadence(get(config, f"{pointer}/last_updated"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, label))
        else:
            gaps.append(describe_cadence(state, f"{label} update", "12-month", ctx.as_of))
            paths.append(where(config, f"{pointer}/last_updated"))
    if gaps:
        return _fraction(len(parts) - len(gaps), len(parts), "; ".join(gaps), paths)
    due, label = min(dues)
    return _pass(
        f"the asset inventory and network map are maintained; the next update ({label}) is "
        f"due before {due}",
        [f"{p}/last_updated" for p in parts.values()],
        turns_on=due,
        turns_why=f"the yearly {label} update falls due",
    )


@control(
    id="NPRM-002",
    title="Written risk analysis reviewed at least every 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(2)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would fix the risk analysis cadence at 12 months (and on change) and "
    "specify its contents; a policy cycle longer than 12 months would no longer do. "
    "Proposed, not in force.",
    remediation="Perform the risk analysis at least every 12 months (risk_analysis."
    "last_performed) and set risk_analysis.frequency_months to 12 or less.",
    profiles=PROFILE,
)
def risk_analysis_yearly(config: Config, ctx: Context) -> Outcome:
    """The NPRM turns the common 12-month benchmark into a fixed deadline."""
    outcome = _dated(
        config,
        ctx,
        "/risk_analysis/last_performed",
        12,
        "risk analysis",
        "the yearly risk analysis falls due",
    )
    frequency = get(config, "/risk_analysis/frequency_months")
    if outcome.status == "pass" and isinstance(frequency, int) and frequency > 12:
        return partial(
            0.5,
            outcome.message + f"; but the policy cycle is {frequency} months, longer than 12",
            [*outcome.paths, "/risk_analysis/frequency_months"],
            turns_on=outcome.turns_on,
            turns_why=outcome.turns_why,
        )
    return outcome


@control(
    id="NPRM-003",
    title="Critical patches within 15 days, high within 30",
    domain="technical",
    cites=["NPRM 164.308(a)(4)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require patching critical risks within 15 calendar days and high "
    "risks within 30; unpatched known vulnerabilities are a leading ransomware entry point. "
    "Proposed, not in force.",
    remediation="Set vulnerability_management.patch_critical_days to 15 or less and "
    "patch_high_days to 30 or less, and meet them.",
    profiles=PROFILE,
)
def patch_deadlines(config: Config, ctx: Context) -> Outcome:
    """Exploits for critical vulnerabilities appear within days of disclosure."""
    limits = {
        "critical": ("/vulnerability_management/patch_critical_days", 15),
        "high": ("/vulnerability_management/patch_high_days", 30),
    }
    gaps: list[str] = []
    paths: list[str] = []
    for label, (pointer, limit) in limits.items():
        days = get(config, pointer)
        if days is None:
            gaps.append(f"no deadline is set for {label} patches (limit {limit} days)")
            paths.append(where(config, pointer))
        elif days > limit:
            gaps.append(f"{label} patches take up to {days} days; the limit is {limit}")
            paths.append(pointer)
    if gaps:
        return _fraction(len(limits) - len(gaps), len(limits), "; ".join(gaps), paths)
    return _pass(
        f"critical patches within {get(config, limits['critical'][0])} days and high within "
        f"{get(config, limits['high'][0])} days",
        [pointer for pointer, _ in limits.values()],
    )


@control(
    id="NPRM-004",
    title="Access removed within 1 hour of termination",
    domain="administrative",
    cites=["NPRM 164.308(a)(9)(ii)(C)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require ending a departing workforce member's access to ePHI, "
    "systems and facilities no later than one hour after employment ends. Proposed, not in force.",
    remediation="Automate deprovisioning from the HR system so that workforce.termination."
    "access_revocation_hours can be 1 or less.",
    profiles=PROFILE,
)
def termination_one_hour(config: Config, ctx: Context) -> Outcome:
    """A departing employee's last hours are the riskiest; the NPRM closes them."""
    pointer = "/workforce/termination/access_revocation_hours"
    hours = get(config, pointer)
    if hours is None:
        return _fail(
            "no deadline is set for removing access at termination (limit 1 hour)",
            where(config, pointer),
        )
    if hours <= 1:
        return _pass(
            f"access is removed within {hours} hour{'s' if hours != 1 else ''} of termination",
            pointer,
        )
    return _fail(f"access is removed within {hours} hours of termination; the limit is 1", pointer)


@control(
    id="NPRM-005",
    title="Multi-factor authentication for all access to ePHI",
    domain="technical",
    cites=["NPRM 164.312(f)(2)(ii)"],
    basis="proposed",
    severity="critical",
    risk="TODO",
    rationale="The NPRM would require MFA on all technology assets in relevant systems, not "
    "only remote or privileged access; stolen passwords remain the commonest way in. "
    "Proposed, not in force.",
    remediation="Require MFA for every user accessing ePHI (access_control.mfa.all_ephi_access: "
    "true) and on every platform that handles ePHI (platforms[].mfa: true).",
    profiles=PROFILE,
)
def mfa_everywhere(config: Config, ctx: Context) -> Outcome:
    """A password alone would no longer be enough for any ePHI system."""
    org = "/access_control/mfa/all_ephi_access"
    if not is_on(config, org):
        return _fail("MFA is not required for all access to ePHI", where(config, org))
    platforms = [(p, x) for p, x in items(config, "/platforms") if x.get("handles_ephi") is True]
    missing = [
        (name_of(x, p), f"{p}/mfa" if "mfa" in x else p)
        for p, x in platforms
        if x.get("mfa") is not True
    ]
    if missing:
        return _fraction(
            len(platforms) - len(missing),
            len(platforms),
            "MFA is required organization-wide but not enabled on " + join(n for n, _ in missing),
            [path for _, path in missing],
        )
    return _pass(
        f"MFA is required for all ePHI access and enabled on every ePHI platform "
        f"({len(platforms)})",
        org,
    )


def _tls_ok(version: object) -> bool:
    return TLS_ORDER.get(str(version), -1) >= TLS_ORDER["1.2"]


@control(
    id="NPRM-006",
    title="Encryption of all ePHI at rest and in transit",
    domain="technical",
    cites=["NPRM 164.312(b)"],
    basis="proposed",
    severity="critical",
    risk="TODO",
    rationale="The NPRM would make encryption of ePHI at rest and in transit mandatory, with "
    "no addressable escape and only narrow documented exceptions. Checked here: at-rest "
    "encryption with a standard algorithm on servers, databases, backups, laptops and mobile "
    "devices; TLS 1.2 or later; encrypted email, no SMS or personal email for ePHI; and every "
    "ePHI platform encrypted at rest and in transit. Proposed, not in force.",
    remediation="Enable encryption.at_rest (AES, covering servers, databases, backups, laptops "
    "and mobile_devices), keep transmission_security.tls_min_version at 1.2 or later with "
    "email_encryption, stop sms_for_ephi and personal_email_for_ephi, and encrypt every ePHI "
    "platform at rest (platforms[].encryption_at_rest.enabled) and in transit.",
    profiles=PROFILE,
)
def encryption_everywhere(config: Config, ctx: Context) -> Outcome:
    """Unencrypted ePHI anywhere would be a gap, not a documented risk decision."""
    checks: list[tuple[bool, str, str]] = []
    at_rest = "/encryption/at_rest"
    algorithm = get(config, f"{at_rest}/algorithm")
    standard = (isinstance(algorithm, str) and algorithm.startswith("AES-")) or (
        algorithm == "other" and is_on(config, f"{at_rest}/fips_validated")
    )
    checks.append(
        (
            is_on(config, f"{at_rest}/enabled") and standard,
            "ePHI at rest is not encrypted with a standard algorithm"
            + (f" (algorithm {algorithm})" if algorithm else ""),
            where(
                config,
                f"{at_rest}/enabled"
                if not is_on(config, f"{at_rest}/enabled")
                else f"{at_rest}/algorithm",
            ),
        )
    )
    covers = get(config, f"{at_rest}/covers") or []
    needed = ("servers", "databases", "backups", "laptops", "mobile_devices")
    uncovered = [c for c in needed if c not in covers]
    checks.append(
        (
            not uncovered,
            "at-rest encryption does not cover " + join(c.replace("_", " ") for c in uncovered),
            where(config, f"{at_rest}/covers"),
        )
    )
    tls = get(config, "/transmission_security/tls_min_version")
    checks.append(
        (
            _tls_ok(tls),
            f"the minimum TLS version is {tls}; 1.2 or later is needed",
            where(config, "/transmission_security/tls_min_version"),
        )
    )
    checks.append(
        (
            is_on(config, "/transmission_security/email_encryption"),
            "email carrying ePHI is not encrypted",
            where(config, "/transmission_security/email_encryption"),
        )
    )
    for key, text in (
        ("sms_for_ephi", "ePHI is sent by SMS"),
        ("personal_email_for_ephi", "ePHI is sent from personal email"),
    ):
        checks.append(
            (
                get(config, f"/transmission_security/{key}") is not True,
                text,
                f"/transmission_security/{key}",
            )
        )
    for pointer, platform in items(config, "/platforms"):
        if platform.get("handles_ephi") is not True:
            continue
        name = name_of(platform, pointer)
        rest = platform.get("encryption_at_rest")
        checks.append(
            (
                isinstance(rest, Mapping) and rest.get("enabled") is True,
                f"{name} does not encrypt ePHI at rest",
                f"{pointer}/encryption_at_rest" if isinstance(rest, Mapping) else pointer,
            )
        )
        version = platform.get("tls_min_version", tls)
        video = platform.get("video")
        plain_video = isinstance(video, Mapping) and video.get("protocol") == "unencrypted"
        checks.append(
            (
                _tls_ok(version) and not plain_video,
                f"{name} does not encrypt ePHI in transit"
                + (" (unencrypted video)" if plain_video else f" (TLS {version})"),
                f"{pointer}/video/protocol"
                if plain_video
                else f"{pointer}/tls_min_version"
                if "tls_min_version" in platform
                else pointer,
            )
        )
    gaps = [(text, path) for ok, text, path in checks if not ok]
    if gaps:
        return _fraction(
            len(checks) - len(gaps),
            len(checks),
            "; ".join(t for t, _ in gaps),
            [p for _, p in gaps],
        )
    return _pass(
        f"ePHI is encrypted at rest ({algorithm}) and in transit (TLS {tls} or later) "
        "everywhere checked",
        [f"{at_rest}/covers", "/transmission_security/tls_min_version"],
    )


@control(
    id="NPRM-007",
    title="Networks are segmented",
    domain="technical",
    cites=["NPRM 164.308(a)(10)", "NPRM 164.312(a)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require network segmentation so that one compromised device "
    "cannot reach every ePHI system; flat networks let ransomware spread. Proposed, not in force.",
    remediation="Segment the network (ePHI systems, clinical devices, guest Wi-Fi apart) and "
    "set access_control.network_segmentation: true.",
    profiles=PROFILE,
)
def segmentation(config: Config, ctx: Context) -> Outcome:
    """Segmentation limits how far one compromised laptop can reach."""
    return flag(
        config,
        "/access_control/network_segmentation",
        PREFIX + "the network is segmented",
        PREFIX + "the network is not segmented",
    )


@control(
    id="NPRM-008",
    title="Vulnerability scans at least every 6 months",
    domain="technical",
    cites=["NPRM 164.312(h)(2)(i)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require automated vulnerability scanning at least every six "
    "months (more often if the risk analysis calls for it). Proposed, not in force.",
    remediation="Scan all relevant systems at least every 6 months and record "
    "vulnerability_management.last_vulnerability_scan.",
    profiles=PROFILE,
)
def vulnerability_scan(config: Config, ctx: Context) -> Outcome:
    """Known vulnerabilities are found by scanning before attackers find them."""
    return _dated(
        config,
        ctx,
        "/vulnerability_management/last_vulnerability_scan",
        6,
        "vulnerability scan",
        "the 6-monthly vulnerability scan falls due",
    )


@control(
    id="NPRM-009",
    title="Penetration test at least every 12 months",
    domain="technical",
    cites=["NPRM 164.312(h)(2)(iii)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require penetration testing of relevant systems by a qualified "
    "person at least every 12 months. Proposed, not in force.",
    remediation="Commission a penetration test at least yearly and record "
    "vulnerability_management.last_penetration_test.",
    profiles=PROFILE,
)
def penetration_test(config: Config, ctx: Context) -> Outcome:
    """Scanners find known flaws; testers find how they chain together."""
    return _dated(
        config,
        ctx,
        "/vulnerability_management/last_penetration_test",
        12,
        "penetration test",
        "the yearly penetration test falls due",
    )


@control(
    id="NPRM-010",
    title="Critical systems restored within 72 hours",
    domain="administrative",
    cites=["NPRM 164.308(a)(13)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require procedures to restore critical relevant systems and data "
    "within 72 hours of a loss; ransomware outages at hospitals have lasted weeks. "
    "Proposed, not in force.",
    remediation="Document the disaster recovery plan and set contingency.disaster_recovery."
    "restore_time_hours to 72 or less, then prove it in a test.",
    profiles=PROFILE,
)
def restore_72_hours(config: Config, ctx: Context) -> Outcome:
    """Telehealth patients cannot wait a week for the platform to come back."""
    plan = "/contingency/disaster_recovery/plan_documented"
    pointer = "/contingency/disaster_recovery/restore_time_hours"
    if not is_on(config, plan):
        return _fail("no disaster recovery plan is documented", where(config, plan))
    hours = get(config, pointer)
    if hours is None:
        return _fail(
            "the disaster recovery plan sets no restore time (limit 72 hours)",
            where(config, pointer),
        )
    if hours <= 72:
        return _pass(f"critical systems are restored within {hours} hours (limit 72)", pointer)
    return _fail(f"critical systems are restored within {hours} hours; the limit is 72", pointer)


@control(
    id="NPRM-011",
    title="Backups at most 48 hours old, with a test restore in the last 31 days",
    domain="administrative",
    cites=["NPRM 164.312(i)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require backups no more than 48 hours older than live ePHI and a "
    "test restore of a representative sample at least monthly (read here as within 31 days). "
    "Proposed, not in force.",
    remediation="Back up at least every 48 hours (contingency.backup.frequency_hours) and "
    "test-restore monthly (contingency.backup.last_restore_test).",
    profiles=PROFILE,
)
def backup_freshness(config: Config, ctx: Context) -> Outcome:
    """Monthly restores prove the backups a 72-hour recovery depends on."""
    backup = "/contingency/backup"
    if not is_on(config, f"{backup}/enabled"):
        return _fail("ePHI is not backed up", where(config, f"{backup}/enabled"))
    gaps: list[str] = []
    paths: list[str] = []
    hours = get(config, f"{backup}/frequency_hours")
    if hours is None or hours > 48:
        gaps.append(
            "no backup frequency is set (limit 48 hours)"
            if hours is None
            else f"backups run every {hours} hours; the limit is 48"
        )
        paths.append(where(config, f"{backup}/frequency_hours"))
    state = cadence_days(get(config, f"{backup}/last_restore_test"), ctx.as_of, 31)
    if not state.current:
        gaps.append(describe_cadence(state, "test restore", "31-day", ctx.as_of))
        paths.append(where(config, f"{backup}/last_restore_test"))
    if gaps:
        return _fraction(2 - len(gaps), 2, "; ".join(gaps), paths)
    return _pass(
        f"backups run every {hours} hours; "
        + describe_cadence(state, "test restore", "31-day", ctx.as_of),
        [f"{backup}/frequency_hours", f"{backup}/last_restore_test"],
        turns_on=state.due,
        turns_why="the monthly test restore falls due",
    )


@control(
    id="NPRM-012",
    title="Compliance audit at least every 12 months",
    domain="governance",
    cites=["NPRM 164.308(a)(14)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require a documented audit of compliance with every standard "
    "and implementation specification at least every 12 months. Proposed, not in force.",
    remediation="Audit compliance with the whole Security Rule yearly and record "
    "compliance_audit.last_performed.",
    profiles=PROFILE,
)
def compliance_audit(config: Config, ctx: Context) -> Outcome:
    """A yearly audit turns this report's findings into a documented, dated record."""
    return _dated(
        config,
        ctx,
        "/compliance_audit/last_performed",
        12,
        "compliance audit",
        "the yearly compliance audit falls due",
    )


@control(
    id="NPRM-013",
    title="Business associates verify their safeguards in writing every 12 months",
    domain="governance",
    cites=["NPRM 164.308(b)(1)-(2)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="Beyond the BAA, the NPRM would require written verification at least every 12 "
    "months (an analysis by a qualified person plus a certification) that each business "
    "associate has deployed the technical safeguards. Proposed, not in force.",
    remediation="Obtain each business associate's written security verification yearly and "
    "record business_associates[].security_verified.",
    profiles=PROFILE,
)
def ba_verification(config: Config, ctx: Context) -> Outcome:
    """A signed BAA promises safeguards; the verification shows they exist."""
    associates = ephi_associates(config)
    if not associates:
        return not_applicable(PREFIX + "no business associate handles ePHI", "/business_associates")
    gaps: list[tuple[str, str]] = []
    dues = []
    for pointer, ba in associates:
        name = name_of(ba, pointer)
        state = cadence(ba.get("security_verified"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, name, pointer))
        else:
            gaps.append(
                (
                    f"{name}: "
                    + describe_cadence(state, "security verification", "12-month", ctx.as_of),
                    where(config, f"{pointer}/security_verified"),
                )
            )
    if gaps:
        return _fraction(
            len(associates) - len(gaps),
            len(associates),
            "; ".join(t for t, _ in gaps),
            [p for _, p in gaps],
        )
    due, name, pointer = min(dues)
    return _pass(
        f"every business associate handling ePHI ({len(associates)}) verified its safeguards in "
        f"writing within 12 months; the next ({name}) is due before {due}",
        f"{pointer}/security_verified",
        turns_on=due,
        turns_why=f"{name}'s yearly security verification falls due",
    )


@control(
    id="NPRM-014",
    title="Configuration management with secure baselines and anti-malware",
    domain="technical",
    cites=["NPRM 164.312(c)"],
    basis="proposed",
    severity="high",
    risk="TODO",
    rationale="The NPRM would require secure configuration baselines, anti-malware on all "
    "relevant assets, removal of extraneous software and closed unneeded ports. "
    "Proposed, not in force.",
    remediation="Manage configurations against secure baselines (integrity."
    "configuration_management: true) and deploy anti-malware everywhere "
    "(vulnerability_management.anti_malware: true).",
    profiles=PROFILE,
)
def configuration_management(config: Config, ctx: Context) -> Outcome:
    """Drifted, default-configured systems are the easy targets."""
    parts = {
        "configuration management against secure baselines": "/integrity/configuration_management",
        "anti-malware": "/vulnerability_management/anti_malware",
    }
    missing = not_in_place(config, parts.items())
    if missing:
        return _fraction(
            len(parts) - len(missing),
            len(parts),
            "missing " + join(label for label, _ in missing),
            [at for _, at in missing],
        )
    return _pass(
        "configurations are managed against secure baselines and anti-malware is deployed",
        list(parts.values()),
    )


@control(
    id="NPRM-015",
    title="Policies and documentation reviewed at least every 12 months",
    domain="governance",
    cites=["NPRM 164.316(b)(3)", "NPRM 164.316(a)"],
    basis="proposed",
    severity="medium",
    risk="TODO",
    rationale="The NPRM would require all policies in writing and documentation reviewed at "
    "least every 12 months (and promptly after a change), replacing 'periodically'. "
    "Proposed, not in force.",
    remediation="Set policies.review_frequency_months to 12 or less and review every document "
    "in policies.documents within the last 12 months.",
    profiles=PROFILE,
)
def documentation_yearly(config: Config, ctx: Context) -> Outcome:
    """A 12-month review cycle would become the legal maximum."""
    documents = items(config, "/policies/documents")
    if not documents:
        return _fail("no written policies are listed", where(config, "/policies/documents"))
    gaps: list[tuple[str, str]] = []
    frequency = get(config, "/policies/review_frequency_months")
    if isinstance(frequency, int) and frequency > 12:
        gaps.append(
            (
                f"the policy review cycle is {frequency} months, longer than 12",
                "/policies/review_frequency_months",
            )
        )
    dues = []
    for pointer, document in documents:
        title = name_of(document, pointer)
        state = cadence(document.get("last_reviewed"), ctx.as_of, 12)
        if state.current:
            dues.append((state.due, title))
        else:
            gaps.append(
                (
                    f"{title}: " + describe_cadence(state, "review", "12-month", ctx.as_of),
                    where(config, f"{pointer}/last_reviewed"),
                )
            )
    total = len(documents) + 1
    if gaps:
        return _fraction(
            total - len(gaps), total, "; ".join(t for t, _ in gaps), [p for _, p in gaps]
        )
    due, title = min(dues)
    return _pass(
        f"{all_of(len(documents), 'policy', 'policies')} {were(len(documents))} "
        "reviewed within 12 months; "
        f"the next ({title}) is due before {due}",
        [f"{p}/last_reviewed" for p, _ in documents],
        turns_on=due,
        turns_why=f"the yearly review of {title} falls due",
    )
