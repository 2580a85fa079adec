"""Technical safeguards (45 CFR 164.312) with the telemedicine platform specifics.

Organization-wide settings (access_control, audit_controls, integrity, transmission_security,
encryption) and each platform in `platforms` are checked. Controls over platforms look only at
the platforms that handle ePHI (video visit platforms always carry ePHI), report the worst
platforms by name, and give credit by fraction where a partly covered fleet is better than none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from phi_policy.control import (
    Config,
    at_most,
    by_fraction,
    cadence,
    control,
    failed,
    flag,
    get,
    is_on,
    items,
    not_applicable,
    not_in_place,
    partial,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

LOGOFF = "/access_control/automatic_logoff_minutes"
TLS_OK = ("1.2", "1.3")
ENCRYPTED_VIDEO = ("webrtc_dtls_srtp", "srtp", "proprietary_encrypted")
AT_REST_SCOPE = ("servers", "databases", "backups", "laptops", "mobile_devices")
EPHI_SCOPE = ("platform handling ePHI", "platforms handling ePHI")

# One platform's verdict: (credit 0..1, what was found, the pointer it is about).
Verdict = tuple[float, str, str]


def _platforms(
    config: Config, keep: Callable[[Mapping[str, Any]], bool]
) -> list[tuple[str, Mapping[str, Any]]]:
    """(pointer, platform) for each platform that `keep` selects."""
    return [
        (pointer, platform) for pointer, platform in items(config, "/platforms") if keep(platform)
    ]


def _ephi(platform: Mapping[str, Any]) -> bool:
    return platform.get("handles_ephi") is True or platform.get("purpose") == "video_visits"


def _name(platform: Mapping[str, Any], base: str) -> str:
    return str(platform.get("name") or f"the platform at {base}")


def _field(platform: Mapping[str, Any], base: str, *keys: str) -> tuple[Any, str]:
    """A platform's nested value and the pointer to report (the key, or its nearest parent)."""
    node: Any = platform
    pointer = base
    for key in keys:
        if not isinstance(node, Mapping) or key not in node:
            return None, pointer
        node = node[key]
        pointer = f"{pointer}/{key}"
    return node, pointer


def _over(
    verdicts: list[Verdict], good: str, bad: str, scope: tuple[str, str] = EPHI_SCOPE
) -> Outcome:
    """Combine per-platform verdicts: pass when all hold, else credit is the mean, worst named.

    `scope` is the kind of platform counted, singular and plural.
    """
    holding = [v for v in verdicts if v[0] >= 1.0]
    if len(holding) == len(verdicts):
        details = ", ".join(v[1] for v in verdicts)
        return passed(f"{good} on every {scope[0]} ({details})", [v[2] for v in verdicts])
    short = sorted((v for v in verdicts if v[0] < 1.0), key=lambda v: v[0])
    counted = scope[0] if len(verdicts) == 1 else scope[1]
    message = f"{bad} on {len(short)} of {len(verdicts)} {counted}: " + "; ".join(
        v[1] for v in short
    )
    credit = sum(v[0] for v in verdicts) / len(verdicts)
    paths = [v[2] for v in short]
    if credit <= 0.0:
        return failed(message, paths)
    return partial(credit, message, paths)


def _tls(version: Any) -> str:
    return "not recorded" if version is None else f"TLS {version}"


# --------------------------------------------------------------------------------------------
# Access control 164.312(a)
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-001",
    title="Unique user identification and no shared accounts",
    domain="technical",
    cites=["164.312(a)(2)(i)", "164.312(b)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Every action on ePHI must be traceable to one person; shared or generic logins "
    "(a front-desk account, a shared telehealth host login) make audit trails meaningless and "
    "access impossible to revoke for one person. Unique user identification is a required "
    "specification.",
    remediation="Give every workforce member their own login (access_control.unique_user_ids: "
    "true) and remove shared accounts (access_control.shared_accounts: false).",
)
def unique_user_ids(config: Config, ctx: Context) -> Outcome:
    """A shared login on a telehealth platform breaks accountability for every visit made on it."""
    unique = is_on(config, "/access_control/unique_user_ids")
    shared = is_on(config, "/access_control/shared_accounts")
    unique_at = where(config, "/access_control/unique_user_ids")
    shared_at = where(config, "/access_control/shared_accounts")
    if unique and not shared:
        return passed("every user has a unique id and no shared accounts are in use", unique_at)
    if unique:
        return partial(
            0.5,
            "users have unique ids but shared accounts are still in use; remove them",
            shared_at,
        )
    if shared:
        return failed(
            "unique user ids are not enforced and shared accounts are in use",
            [unique_at, shared_at],
        )
    return failed("unique user ids are not enforced for access to ePHI", unique_at)


@control(
    id="TECH-002",
    title="Emergency access procedure documented and tested in the last 12 months",
    domain="technical",
    cites=["164.312(a)(2)(ii)", "164.308(a)(7)(ii)(C)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="When the identity provider or the EHR fails mid-clinic, clinicians still need "
    "ePHI; a documented break-glass procedure is required. HIPAA sets no test cadence: a yearly "
    "test is a common convention, since an untested procedure tends to fail when needed.",
    remediation="Document the emergency (break-glass) access procedure "
    "(access_control.emergency_access.procedure_documented: true), test it at least yearly and "
    "record the date in access_control.emergency_access.last_tested.",
)
def emergency_access(config: Config, ctx: Context) -> Outcome:
    """Break-glass access that nobody has rehearsed is unlikely to work during an outage."""
    documented_at = where(config, "/access_control/emergency_access/procedure_documented")
    tested_at = where(config, "/access_control/emergency_access/last_tested")
    if not is_on(config, "/access_control/emergency_access/procedure_documented"):
        return failed("no emergency access procedure is documented", documented_at)
    state = cadence(get(config, "/access_control/emergency_access/last_tested"), ctx.as_of, 12)
    if state.state == "missing":
        return partial(
            0.5, "the emergency access procedure is documented but has never been tested", tested_at
        )
    if state.state == "future":
        return failed(
            f"the emergency access test date {state.last} is in the future (as of {ctx.as_of}); "
            "record the date of the last test actually performed",
            tested_at,
        )
    if state.state == "overdue":
        return partial(
            0.5,
            f"the emergency access procedure was last tested on {state.last}, more than 12 months "
            f"ago (due {state.due})",
            tested_at,
        )
    return passed(
        f"the emergency access procedure is documented and was tested on {state.last}",
        tested_at,
        turns_on=state.due,
        turns_why="yearly emergency access test falls due",
    )


@control(
    id="TECH-003",
    title="Automatic logoff after 15 minutes or less of inactivity",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="An unattended clinician session exposes ePHI to whoever walks by. HIPAA sets no "
    "number; 15 minutes is the widely cited benchmark (CIS Controls v8 4.3, NIST 800-63B AAL3).",
    remediation="Set access_control.automatic_logoff_minutes to 15 or less and enforce it on "
    "workstations, the EHR and the telemedicine platforms.",
)
def automatic_logoff(config: Config, ctx: Context) -> Outcome:
    """Sessions that stay open when a clinician walks away are the commonest telehealth leak."""
    return at_most(
        config,
        LOGOFF,
        15,
        half_credit_up_to=30,
        missing="no automatic logoff is configured",
        within=lambda minutes: f"automatic logoff after {minutes} minutes",
        over=lambda minutes: f"automatic logoff is {minutes} minutes; the benchmark is 15 or less",
    )


@control(
    id="TECH-004",
    title="Telemedicine platform sessions time out after 15 minutes or less",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="A workstation lock does not end a browser or app session on a vendor platform; "
    "each platform handling ePHI needs its own idle timeout. HIPAA sets no number: 15 minutes "
    "is the benchmark (CIS Controls v8 4.3, NIST 800-63B AAL3), not a HIPAA figure.",
    remediation="Set each platform's session_timeout_minutes to 15 or less in the vendor's admin "
    "console, and record it under platforms[].session_timeout_minutes.",
)
def platform_session_timeout(config: Config, ctx: Context) -> Outcome:
    """Vendor portals often default to hours-long sessions that outlive the workstation lock."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        minutes, at = _field(platform, base, "session_timeout_minutes")
        name = _name(platform, base)
        if minutes is None:
            verdicts.append((0.0, f"{name} has no session timeout recorded", at))
        elif minutes <= 15:
            verdicts.append((1.0, f"{name} {minutes} minutes", at))
        else:
            verdicts.append((0.0, f"{name} times out after {minutes} minutes", at))
    return _over(
        verdicts, "session timeout of 15 minutes or less", "session timeout above 15 minutes"
    )


@control(
    id="TECH-005",
    title="Role-based, least-privilege access to ePHI",
    domain="technical",
    cites=["164.312(a)(1)", "164.308(a)(4)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The access control standard requires that only authorized people and programs reach "
    "ePHI. Roles with least privilege keep a scheduler out of clinical notes and limit what one "
    "stolen login can see.",
    remediation="Grant access by role (access_control.role_based_access: true) and only what each "
    "role needs (access_control.least_privilege: true).",
)
def role_based_access(config: Config, ctx: Context) -> Outcome:
    """Broad default access turns every compromised account into a full-record breach."""
    missing = not_in_place(
        config,
        [
            ("role-based access", "/access_control/role_based_access"),
            ("least privilege", "/access_control/least_privilege"),
        ],
    )
    if not missing:
        return passed(
            "access to ePHI is role-based and least-privilege",
            ["/access_control/role_based_access", "/access_control/least_privilege"],
        )
    names = " and ".join(m[0] for m in missing)
    return by_fraction(
        2 - len(missing), 2, f"{names} not enforced for access to ePHI", [m[1] for m in missing]
    )


# --------------------------------------------------------------------------------------------
# Encryption at rest 164.312(a)(2)(iv)
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-006",
    title="Encryption at rest with FIPS-validated modules for servers, databases, backups, "
    "laptops and mobile devices",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.402"],
    basis="addressable",
    severity="critical",
    risk="TODO",
    rationale="A lost laptop or a stolen backup is a reportable breach unless the ePHI on it was "
    "encrypted as HHS guidance describes (NIST SP 800-111, keys kept apart): encryption is the "
    "breach safe harbor of 164.402. FIPS 140-2/140-3 validated modules are what that guidance "
    "relies on; 140-2 certificates move to the CMVP historical list in September 2026 and may "
    "stay in existing systems, so prefer 140-3 for new purchases.",
    remediation="Enable encryption at rest (encryption.at_rest.enabled: true) with a "
    "FIPS-validated "
    "module (fips_validated: true) and list every class of storage it covers in "
    "encryption.at_rest.covers: servers, databases, backups, laptops, mobile_devices.",
)
def encryption_at_rest(config: Config, ctx: Context) -> Outcome:
    """Unencrypted devices and backups are the classic, entirely avoidable, reportable breach."""
    enabled = is_on(config, "/encryption/at_rest/enabled")
    algorithm = get(config, "/encryption/at_rest/algorithm")
    if not enabled or algorithm == "none":
        at = where(
            config,
            "/encryption/at_rest/enabled" if not enabled else "/encryption/at_rest/algorithm",
        )
        return failed("encryption at rest is not enabled for ePHI", at)
    covers = get(config, "/encryption/at_rest/covers", []) or []
    missing = [kind for kind in AT_REST_SCOPE if kind not in covers]
    fips = is_on(config, "/encryption/at_rest/fips_validated") and algorithm != "other"
    problems, paths = [], []
    if missing:
        problems.append(f"it does not cover {', '.join(missing)}")
        paths.append(where(config, "/encryption/at_rest/covers"))
    if not fips:
        problems.append(
            "its algorithm 'other' is not a FIPS-approved AES"
            if algorithm == "other"
            else "its modules are not FIPS-validated"
        )
        paths.append(where(config, "/encryption/at_rest/fips_validated"))
    met = len(AT_REST_SCOPE) - len(missing) + (1 if fips else 0)
    if not problems:
        return passed(
            f"encryption at rest ({algorithm or 'AES'}, FIPS-validated) covers "
            + ", ".join(AT_REST_SCOPE),
            ["/encryption/at_rest/covers", "/encryption/at_rest/fips_validated"],
        )
    return by_fraction(
        met,
        len(AT_REST_SCOPE) + 1,
        "encryption at rest is on, but " + " and ".join(problems),
        paths,
    )


@control(
    id="TECH-007",
    title="Every telemedicine platform handling ePHI encrypts it at rest with a FIPS-validated "
    "module",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.308(b)(1)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="Visit recordings, chat transcripts and uploaded images live on the vendor's "
    "storage; "
    "the organization's own disk encryption does not reach them. Encrypted, FIPS-validated "
    "storage keeps a vendor-side leak inside the breach safe harbor.",
    remediation="Confirm with each vendor (and in its BAA) that ePHI is encrypted at rest with a "
    "FIPS-validated module, and record it in platforms[].encryption_at_rest (enabled: true, "
    "fips_validated: true).",
)
def platform_encryption_at_rest(config: Config, ctx: Context) -> Outcome:
    """Vendor storage holds recordings and transcripts that in-house encryption never reaches."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        name = _name(platform, base)
        enabled, enabled_at = _field(platform, base, "encryption_at_rest", "enabled")
        algorithm, _ = _field(platform, base, "encryption_at_rest", "algorithm")
        fips, fips_at = _field(platform, base, "encryption_at_rest", "fips_validated")
        if enabled is not True or algorithm == "none":
            verdicts.append((0.0, f"{name} does not encrypt ePHI at rest", enabled_at))
        elif fips is not True or algorithm == "other":
            verdicts.append(
                (0.5, f"{name} encrypts at rest without a FIPS-validated module", fips_at)
            )
        else:
            verdicts.append((1.0, f"{name} {algorithm or 'AES'}", fips_at))
    return _over(
        verdicts,
        "FIPS-validated encryption at rest",
        "missing or unvalidated encryption at rest",
    )


@control(
    id="TECH-008",
    title="AES-256 for encryption at rest (organizational policy choice)",
    domain="technical",
    cites=["164.312(a)(2)(iv)"],
    basis="addressable",
    severity="low",
    risk="TODO",
    rationale="AES-256 is a policy choice, not a HIPAA or HHS requirement: AES-128 and AES-192 are "
    "FIPS-approved too and meet the breach safe harbor. Many organizations and payers ask for "
    "256-bit keys for margin against future attacks, so this check carries the lowest weight.",
    remediation="Where the policy asks for 256-bit keys, set encryption.at_rest.algorithm and each "
    "platforms[].encryption_at_rest.algorithm to AES-256, or accept AES-128/192 in a waiver.",
)
def aes_256(config: Config, ctx: Context) -> Outcome:
    """A common contractual expectation; it adds margin but is not what makes ePHI 'secured'."""
    stores: list[tuple[str, Any, str]] = []
    if (
        is_on(config, "/encryption/at_rest/enabled")
        and get(config, "/encryption/at_rest/algorithm") != "none"
    ):
        stores.append(
            (
                "organization storage",
                get(config, "/encryption/at_rest/algorithm"),
                where(config, "/encryption/at_rest/algorithm"),
            )
        )
    for base, platform in _platforms(config, _ephi):
        enabled, _ = _field(platform, base, "encryption_at_rest", "enabled")
        algorithm, at = _field(platform, base, "encryption_at_rest", "algorithm")
        if enabled is True and algorithm != "none":
            stores.append((_name(platform, base), algorithm, at))
    if not stores:
        return not_applicable(
            "no encryption at rest is enabled to compare key sizes", "/encryption/at_rest"
        )
    short = [(who, alg, at) for who, alg, at in stores if alg != "AES-256"]
    if not short:
        return passed(
            "encryption at rest uses AES-256 everywhere it is enabled", [at for _, _, at in stores]
        )
    details = "; ".join(f"{who} uses {alg or 'an unrecorded algorithm'}" for who, alg, _ in short)
    return by_fraction(
        len(stores) - len(short),
        len(stores),
        f"the AES-256 policy is not met: {details} (AES-128 and AES-192 are FIPS-approved too)",
        [at for _, _, at in short],
    )


@control(
    id="TECH-009",
    title="Encryption keys managed under a documented process and stored apart from the data",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.402"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="HHS guidance treats encrypted ePHI as secured only if the decryption keys were not "
    "breached, and asks that keys be kept on a separate device or location from the data. A "
    "documented process and a defined rotation period (NIST SP 800-57 suggests up to 2 years "
    "for symmetric data-encryption keys; a convention, not a HIPAA number) keep that true.",
    remediation="Keep keys in a KMS or HSM apart from the data (encryption.key_management."
    "keys_stored_separately: true), document key management (documented: true) and set "
    "rotation_months to 24 or less.",
)
def key_management(config: Config, ctx: Context) -> Outcome:
    """Encryption whose keys sit beside the data protects nothing once the server is taken."""
    base = "/encryption/key_management"
    if not is_on(config, f"{base}/keys_stored_separately"):
        return failed(
            "encryption keys are not stored separately from the data they protect, so encrypted "
            "ePHI would not count as secured after a breach",
            where(config, f"{base}/keys_stored_separately"),
        )
    problems, paths = [], []
    if not is_on(config, f"{base}/documented"):
        problems.append("key management is not documented")
        paths.append(where(config, f"{base}/documented"))
    rotation = get(config, f"{base}/rotation_months")
    if rotation is None:
        problems.append("no key rotation period is set")
        paths.append(where(config, f"{base}/rotation_months"))
    elif rotation > 24:
        problems.append(f"keys rotate every {rotation} months; the benchmark is 24 or less")
        paths.append(f"{base}/rotation_months")
    if not problems:
        return passed(
            "keys are stored separately, key management is documented and keys rotate every "
            f"{rotation} months",
            [f"{base}/keys_stored_separately", f"{base}/rotation_months"],
        )
    return partial(
        (3 - len(problems)) / 3, "keys are stored separately, but " + " and ".join(problems), paths
    )


# --------------------------------------------------------------------------------------------
# Audit controls 164.312(b)
# --------------------------------------------------------------------------------------------

_AUDIT_SYSTEM = {"ehr": "ehr", "patient_portal": "patient_portal"}


@control(
    id="TECH-010",
    title="Audit controls enabled on every ePHI system, telemedicine platforms included",
    domain="technical",
    cites=["164.312(b)", "164.308(a)(1)(ii)(D)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Audit controls are a required standard: without records of who opened which record "
    "and joined which visit, a breach can be neither detected nor scoped, and the breach "
    "risk assessment cannot show a low probability of compromise.",
    remediation="Enable audit logging (audit_controls.enabled: true) on every system holding ePHI, "
    "list them in audit_controls.systems (ehr, telemedicine_platform, patient_portal as used) and "
    "set audit_controls.covers_all_ephi_systems: true once none is left out.",
)
def audit_controls(config: Config, ctx: Context) -> Outcome:
    """Telehealth platforms are often left out of the audit scope that covers the EHR."""
    if not is_on(config, "/audit_controls/enabled"):
        return failed("audit controls are not enabled", where(config, "/audit_controls/enabled"))
    systems = get(config, "/audit_controls/systems", []) or []
    needed = sorted(
        {
            _AUDIT_SYSTEM.get(str(p.get("purpose")), "telemedicine_platform")
            for _, p in _platforms(config, _ephi)
        }
    )
    missing = [s for s in needed if s not in systems]
    problems, paths = [], []
    if missing:
        problems.append(f"audit logging does not cover {', '.join(missing)}")
        paths.append(where(config, "/audit_controls/systems"))
    if not is_on(config, "/audit_controls/covers_all_ephi_systems"):
        problems.append("not every ePHI system is confirmed in scope (covers_all_ephi_systems)")
        paths.append(where(config, "/audit_controls/covers_all_ephi_systems"))
    total = len(needed) + 1
    if not problems:
        return passed(
            f"audit controls are enabled on every ePHI system ({', '.join(systems)})",
            ["/audit_controls/systems", "/audit_controls/covers_all_ephi_systems"],
        )
    met = (
        total
        - len(missing)
        - (0 if is_on(config, "/audit_controls/covers_all_ephi_systems") else 1)
    )
    return by_fraction(
        met, total, "audit controls are enabled, but " + " and ".join(problems), paths
    )


@control(
    id="TECH-011",
    title="Audit logging on every telemedicine platform handling ePHI",
    domain="technical",
    cites=["164.312(b)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Each vendor platform keeps its own access and session logs; if a platform does not "
    "log (or the organization cannot get the logs), visits and message access on it are "
    "invisible to activity review and breach investigation.",
    remediation="Turn on audit logging in each platform (platforms[].audit_logging: true) and "
    "make sure the BAA lets the organization obtain the logs.",
)
def platform_audit_logging(config: Config, ctx: Context) -> Outcome:
    """A platform without logs is a blind spot in every investigation."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        logging, at = _field(platform, base, "audit_logging")
        name = _name(platform, base)
        if logging is True:
            verdicts.append((1.0, name, at))
        else:
            verdicts.append((0.0, f"{name} keeps no audit log", at))
    return _over(verdicts, "audit logging", "no audit logging")


@control(
    id="TECH-012",
    title="Audit logs protected from tampering and retained 6 years (convention)",
    domain="technical",
    cites=["164.312(b)", "164.316(b)(2)(i)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Logs an intruder can edit prove nothing. HIPAA sets no explicit retention period "
    "for raw audit logs; keeping them 6 years is a common conservative convention borrowed from "
    "the 6-year documentation rule (164.316(b)(2)(i)), not an explicit HIPAA requirement.",
    remediation="Send logs to write-once or centrally controlled storage "
    "(audit_controls.tamper_protection: true) and keep them 6 years "
    "(audit_controls.retention_years: 6), or document a shorter period in the risk analysis.",
)
def audit_log_protection(config: Config, ctx: Context) -> Outcome:
    """Telehealth breach investigations often reach back years, and need logs nobody altered."""
    if not is_on(config, "/audit_controls/enabled"):
        return failed(
            "audit controls are not enabled, so no logs are protected or retained",
            where(config, "/audit_controls/enabled"),
        )
    problems, paths = [], []
    if not is_on(config, "/audit_controls/tamper_protection"):
        problems.append("audit logs are not protected from tampering")
        paths.append(where(config, "/audit_controls/tamper_protection"))
    years = get(config, "/audit_controls/retention_years")
    if years is None:
        problems.append("no audit log retention period is set")
        paths.append(where(config, "/audit_controls/retention_years"))
    elif years < 6:
        problems.append(
            f"audit logs are kept {years} years; 6 is the common convention "
            "(not an explicit HIPAA rule)"
        )
        paths.append("/audit_controls/retention_years")
    if not problems:
        return passed(
            f"audit logs are tamper-protected and kept {years} years",
            ["/audit_controls/tamper_protection", "/audit_controls/retention_years"],
        )
    return by_fraction(2 - len(problems), 2, "; ".join(problems), paths)


# --------------------------------------------------------------------------------------------
# Integrity 164.312(c)
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-013",
    title="ePHI protected from improper alteration or destruction",
    domain="technical",
    cites=["164.312(c)(1)", "164.308(a)(7)(ii)(A)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The integrity standard is required. Integrity checks detect altered records, and "
    "immutable (write-once or offline) backups are what keep ransomware from destroying the "
    "only good copy; HHS treats ransomware encryption of ePHI as a presumed breach.",
    remediation="Turn on integrity checking of stored ePHI (integrity.ephi_integrity_checks: true) "
    "and keep immutable backups (contingency.backup.immutable: true).",
)
def integrity_protection(config: Config, ctx: Context) -> Outcome:
    """Ransomware and silent record tampering both attack integrity, not just confidentiality."""
    problems, paths = [], []
    if not is_on(config, "/integrity/ephi_integrity_checks"):
        problems.append("stored ePHI has no integrity checks")
        paths.append(where(config, "/integrity/ephi_integrity_checks"))
    if not is_on(config, "/contingency/backup/immutable"):
        problems.append("backups are not immutable")
        paths.append(where(config, "/contingency/backup/immutable"))
    if not problems:
        return passed(
            "stored ePHI is integrity-checked and backups are immutable",
            ["/integrity/ephi_integrity_checks", "/contingency/backup/immutable"],
        )
    return by_fraction(2 - len(problems), 2, " and ".join(problems), paths)


@control(
    id="TECH-014",
    title="Mechanism to authenticate ePHI (checksums or digital signatures)",
    domain="technical",
    cites=["164.312(c)(2)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Store-and-forward images, remote monitoring readings and signed notes must be "
    "provably unaltered; checksums, hashes or signatures are the mechanism the specification "
    "asks for.",
    remediation="Use database or storage integrity features, hashes or signatures on ePHI and set "
    "integrity.ephi_integrity_checks: true.",
)
def integrity_mechanism(config: Config, ctx: Context) -> Outcome:
    """Without a mechanism, a changed reading or image is indistinguishable from the original."""
    return flag(
        config,
        "/integrity/ephi_integrity_checks",
        "a mechanism authenticates stored ePHI",
        "no mechanism (checksum, hash or signature) shows that stored ePHI has not been altered",
    )


# --------------------------------------------------------------------------------------------
# Person or entity authentication 164.312(d)
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-015",
    title="Multi-factor authentication for remote and administrative access",
    domain="technical",
    cites=["164.312(d)"],
    basis="benchmark",
    severity="critical",
    risk="TODO",
    rationale="Person or entity authentication is required; the rule names no method, but stolen "
    "passwords drive most healthcare breaches and clinicians work remotely. MFA for remote and "
    "administrative access is the accepted minimum (NIST 800-63B AAL2) and would become "
    "mandatory under the 2025 NPRM (proposed, not final).",
    remediation="Require MFA for remote access (access_control.mfa.remote_access: true) and "
    "administrative access (access_control.mfa.administrative_access: true), preferably "
    "phishing-resistant.",
)
def mfa_remote_admin(config: Config, ctx: Context) -> Outcome:
    """A password alone does not prove who is logging in from a clinician's home network."""
    missing = not_in_place(
        config,
        [
            ("remote access", "/access_control/mfa/remote_access"),
            ("administrative access", "/access_control/mfa/administrative_access"),
        ],
    )
    if not missing:
        kind = (
            "phishing-resistant MFA"
            if is_on(config, "/access_control/mfa/phishing_resistant")
            else "MFA"
        )
        return passed(
            f"{kind} protects remote and administrative access",
            ["/access_control/mfa/remote_access", "/access_control/mfa/administrative_access"],
        )
    names = " and ".join(m[0] for m in missing)
    return by_fraction(
        2 - len(missing), 2, f"MFA is not required for {names}", [m[1] for m in missing]
    )


@control(
    id="TECH-016",
    title="MFA on every telemedicine platform handling ePHI",
    domain="technical",
    cites=["164.312(d)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Clinician accounts on video, messaging and portal platforms are reachable from the "
    "internet; each needs MFA (directly or through SSO that enforces it), or one phished "
    "password exposes every visit on that platform.",
    remediation="Enforce MFA on each platform (or at the SSO identity provider it trusts) and set "
    "platforms[].mfa: true.",
)
def platform_mfa(config: Config, ctx: Context) -> Outcome:
    """Vendor platforms are internet-facing by design, so passwords alone are not enough."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        mfa, at = _field(platform, base, "mfa")
        name = _name(platform, base)
        if mfa is True:
            verdicts.append((1.0, name, at))
        elif platform.get("sso") is True:
            verdicts.append(
                (0.0, f"{name} uses SSO without MFA recorded (SSO alone is not MFA)", at)
            )
        else:
            verdicts.append((0.0, f"{name} has no MFA", at))
    return _over(verdicts, "MFA", "no MFA")


# --------------------------------------------------------------------------------------------
# Transmission security 164.312(e)
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-017",
    title="ePHI never sent by SMS or personal e-mail; secure messaging and encrypted e-mail in use",
    domain="technical",
    cites=["164.312(e)(1)", "164.312(e)(2)(ii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Transmission security is a required standard. SMS and personal mailboxes are "
    "unencrypted, unlogged and outside any BAA; telehealth teams need a secure messaging channel "
    "and encrypted e-mail instead (a patient may still ask for unencrypted e-mail after being "
    "warned, which is a documented exception, not a channel for staff).",
    remediation="Prohibit ePHI over SMS (transmission_security.sms_for_ephi: false) and personal "
    "e-mail (personal_email_for_ephi: false); provide secure messaging (secure_messaging: true) "
    "and "
    "encrypted e-mail (email_encryption: true).",
)
def messaging_channels(config: Config, ctx: Context) -> Outcome:
    """Texting a lab result from a personal phone is the everyday telehealth shortcut that leaks."""
    base = "/transmission_security"
    problems = []
    if is_on(config, f"{base}/sms_for_ephi"):
        problems.append(("ePHI is sent by SMS", f"{base}/sms_for_ephi"))
    if is_on(config, f"{base}/personal_email_for_ephi"):
        problems.append(("ePHI is sent from personal e-mail", f"{base}/personal_email_for_ephi"))
    if not is_on(config, f"{base}/secure_messaging"):
        problems.append(
            ("no secure messaging channel is provided", where(config, f"{base}/secure_messaging"))
        )
    if not is_on(config, f"{base}/email_encryption"):
        problems.append(
            ("e-mail carrying ePHI is not encrypted", where(config, f"{base}/email_encryption"))
        )
    if not problems:
        return passed(
            "ePHI travels by secure messaging and encrypted e-mail, never SMS or personal e-mail",
            [f"{base}/secure_messaging", f"{base}/email_encryption"],
        )
    return by_fraction(
        4 - len(problems), 4, "; ".join(p[0] for p in problems), [p[1] for p in problems]
    )


@control(
    id="TECH-018",
    title="TLS 1.2 or higher for all ePHI in transit",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(e)(1)"],
    basis="addressable",
    severity="critical",
    risk="TODO",
    rationale="HHS breach guidance points to NIST SP 800-52 for data in motion; SP 800-52r2 "
    "requires TLS 1.2 and asks for TLS 1.3 support. TLS 1.0 and 1.1 are deprecated (RFC 8996). "
    "HIPAA itself names no protocol version.",
    remediation="Disable TLS 1.0/1.1 everywhere and set transmission_security.tls_min_version to "
    '"1.2" or "1.3".',
)
def tls_minimum(config: Config, ctx: Context) -> Outcome:
    """Old TLS versions let an attacker on the patient's Wi-Fi read or alter ePHI in transit."""
    at = "/transmission_security/tls_min_version"
    version = get(config, at)
    if version is None:
        return failed("no minimum TLS version is set for ePHI in transit", where(config, at))
    if version in TLS_OK:
        return passed(f"the minimum TLS version is {version}", at)
    return failed(f"the minimum TLS version is {version}; set it to 1.2 or higher", at)


@control(
    id="TECH-019",
    title="TLS 1.2 or higher on every telemedicine platform handling ePHI",
    domain="technical",
    cites=["164.312(e)(2)(ii)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="Each vendor terminates its own TLS; one platform still accepting TLS 1.0/1.1 "
    "undermines the organization-wide minimum. SP 800-52r2 requires TLS 1.2 at least.",
    remediation="Ask each vendor to disable TLS below 1.2 and record platforms[].tls_min_version "
    'as "1.2" or "1.3".',
)
def platform_tls(config: Config, ctx: Context) -> Outcome:
    """A vendor endpoint that still negotiates TLS 1.0 is the weakest link of the whole visit."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        version, at = _field(platform, base, "tls_min_version")
        name = _name(platform, base)
        if version in TLS_OK:
            verdicts.append((1.0, f"{name} TLS {version}", at))
        else:
            verdicts.append((0.0, f"{name} minimum TLS is {_tls(version)}", at))
    return _over(verdicts, "TLS 1.2 or higher", "TLS below 1.2 or unrecorded")


@control(
    id="TECH-020",
    title="Integrity controls on ePHI in transit",
    domain="technical",
    cites=["164.312(e)(2)(i)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="ePHI in transit must not be modified undetected; authenticated encryption (TLS "
    "with AEAD cipher suites) or message authentication codes give that guarantee.",
    remediation="Use TLS/HMAC-protected transport for all ePHI flows and set "
    "integrity.transmission_integrity: true.",
)
def transmission_integrity(config: Config, ctx: Context) -> Outcome:
    """A tampered prescription or dosage in transit is a patient-safety event, not just a leak."""
    return flag(
        config,
        "/integrity/transmission_integrity",
        "ePHI in transit is integrity-protected",
        "ePHI in transit has no integrity protection (TLS/HMAC)",
    )


@control(
    id="TECH-021",
    title="Remote access to ePHI systems through a VPN or equivalent secure channel",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(d)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Clinicians and staff reach internal systems from home and public networks; HHS "
    "breach guidance names IPsec and TLS VPNs (NIST SP 800-77, 800-113) for data in motion. A "
    "zero-trust access broker can be an equivalent alternative, documented in a waiver.",
    remediation="Route remote access to internal ePHI systems through a VPN "
    "(transmission_security.vpn_for_remote_access: true) or document an equivalent secure "
    "channel in a waiver.",
)
def remote_access_vpn(config: Config, ctx: Context) -> Outcome:
    """Home and hotel networks are hostile; remote sessions need their own protected channel."""
    return flag(
        config,
        "/transmission_security/vpn_for_remote_access",
        "remote access to ePHI systems goes through a VPN",
        "remote access to ePHI systems does not go through a VPN or equivalent",
    )


# --------------------------------------------------------------------------------------------
# Telemedicine platforms
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-022",
    title="Video visits end-to-end encrypted over an encrypted media protocol",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(e)(1)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="Video is the most sensitive telehealth stream. HIPAA requires no particular "
    "protocol, but unencrypted media is indefensible, and end-to-end encryption keeps even the "
    "vendor's media servers from seeing the visit (DTLS-SRTP in WebRTC is the common design).",
    remediation="Use a platform with encrypted media (platforms[].video.protocol: "
    "webrtc_dtls_srtp, srtp or proprietary_encrypted) and end-to-end encryption enabled "
    "(video.end_to_end_encryption: "
    "true).",
)
def video_encryption(config: Config, ctx: Context) -> Outcome:
    """A video visit shows the patient, their home and their condition: keep it unreadable."""
    found = _platforms(config, lambda p: p.get("purpose") == "video_visits")
    if not found:
        return not_applicable("no platform is used for video visits", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        name = _name(platform, base)
        protocol, protocol_at = _field(platform, base, "video", "protocol")
        e2ee, e2ee_at = _field(platform, base, "video", "end_to_end_encryption")
        if protocol == "unencrypted":
            verdicts.append((0.0, f"{name} sends video unencrypted", protocol_at))
        elif protocol in ENCRYPTED_VIDEO and e2ee is True:
            verdicts.append((1.0, f"{name} {protocol}, end-to-end", e2ee_at))
        elif protocol in ENCRYPTED_VIDEO:
            verdicts.append(
                (0.5, f"{name} encrypts video ({protocol}) but not end to end", e2ee_at)
            )
        elif e2ee is True:
            verdicts.append(
                (
                    0.5,
                    f"{name} claims end-to-end encryption but records no media protocol",
                    protocol_at,
                )
            )
        else:
            verdicts.append(
                (
                    0.0,
                    f"{name} records neither an encrypted protocol nor end-to-end encryption",
                    protocol_at,
                )
            )
    return _over(
        verdicts,
        "end-to-end encrypted video",
        "video not end-to-end encrypted",
        ("video visit platform", "video visit platforms"),
    )


@control(
    id="TECH-023",
    title="No public-facing video or broadcast products for patient care",
    domain="technical",
    cites=["164.312(a)(1)", "164.530(c)"],
    basis="required",
    severity="critical",
    risk="TODO",
    rationale="Public-facing products (Facebook Live, Twitch, TikTok and similar) let anyone "
    "watch. "
    "They were never acceptable, not even under the COVID-19 enforcement discretion, which ended "
    "with its transition period on 2023-08-09; today every telehealth product must fully comply "
    "with HIPAA, including a BAA.",
    remediation="Stop using the public-facing product for care, move visits to a non-public "
    "platform under a BAA, and set platforms[].public_facing: false.",
)
def no_public_facing(config: Config, ctx: Context) -> Outcome:
    """Broadcasting a visit is an impermissible disclosure to everyone watching."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI or video visits", "/platforms")
    public = [(base, p) for base, p in found if p.get("public_facing") is True]
    if not public:
        return passed(
            "no platform used for ePHI or video visits is public-facing",
            [_field(p, base, "public_facing")[1] for base, p in found],
        )
    names = ", ".join(_name(p, base) for base, p in public)
    return failed(
        f"public-facing products are used for patient care: {names}; they were never acceptable",
        [f"{base}/public_facing" for base, _ in public],
    )


@control(
    id="TECH-024",
    title="Visit recordings encrypted and made only with patient consent",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.530(c)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="A recorded visit is a durable copy of the most sensitive ePHI the organization "
    "holds; it must be encrypted where stored. Many states require all-party consent to record, "
    "and patients expect to be asked, so recording without consent is a privacy failure even "
    "where HIPAA would permit it.",
    remediation="Where platforms[].recording.allowed is true, encrypt recordings "
    "(recording.encrypted: true) and require documented patient consent (recording."
    "consent_required: true), or disable recording.",
)
def recordings(config: Config, ctx: Context) -> Outcome:
    """Recordings outlive the visit and are copied, shared and forgotten on vendor storage."""
    found = _platforms(
        config,
        lambda p: isinstance(p.get("recording"), Mapping) and p["recording"].get("allowed") is True,
    )
    if not found:
        return not_applicable("no platform allows session recording", "/platforms")
    verdicts: list[Verdict] = []
    for base, platform in found:
        name = _name(platform, base)
        encrypted, encrypted_at = _field(platform, base, "recording", "encrypted")
        consent, consent_at = _field(platform, base, "recording", "consent_required")
        gaps = []
        if encrypted is not True:
            gaps.append(("recordings are not encrypted", encrypted_at))
        if consent is not True:
            gaps.append(("recording does not require patient consent", consent_at))
        if not gaps:
            verdicts.append((1.0, name, f"{base}/recording"))
        else:
            verdicts.append(
                ((2 - len(gaps)) / 2, f"{name}: " + " and ".join(g[0] for g in gaps), gaps[0][1])
            )
    return _over(
        verdicts,
        "encrypted, consented recording",
        "unprotected recording",
        ("platform allowing recording", "platforms allowing recording"),
    )


@control(
    id="TECH-025",
    title="No third-party tracking technologies on authenticated telehealth pages and apps",
    domain="technical",
    cites=["164.502(e)", "164.530(c)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="OCR's bulletin on online tracking technologies (Dec 2022, updated Mar 2024) treats "
    "pixels and SDKs on authenticated portals and telehealth apps that send PHI to a vendor "
    "without a BAA as impermissible disclosures. AHA v. Becerra (2024) vacated only the part "
    "about unauthenticated public pages; the authenticated-page guidance stands.",
    remediation="Remove third-party pixels and SDKs from authenticated pages and apps "
    "(platforms[].tracking_technologies: false), or use only tracking vendors that have signed a "
    "BAA.",
)
def no_tracking(config: Config, ctx: Context) -> Outcome:
    """Analytics pixels in a patient portal quietly disclose who is being treated, and for what."""
    found = _platforms(config, _ephi)
    if not found:
        return not_applicable("no platform handles ePHI", "/platforms")
    tracked = [(base, p) for base, p in found if p.get("tracking_technologies") is True]
    if not tracked:
        return passed(
            "no platform handling ePHI carries third-party tracking technologies",
            [_field(p, base, "tracking_technologies")[1] for base, p in found],
        )
    names = ", ".join(_name(p, base) for base, p in tracked)
    return failed(
        f"third-party tracking technologies run on authenticated pages of {names}; remove them "
        "unless each tracking vendor has signed a BAA",
        [f"{base}/tracking_technologies" for base, _ in tracked],
    )
