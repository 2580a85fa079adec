"""Technical safeguards (45 CFR 164.312) with the telemedicine platform specifics.

Organization-wide settings (access_control, audit_controls, integrity, transmission_security,
encryption) and each platform in `platforms` are checked. Controls over platforms look only at
the platforms in scope for ePHI (`ephi_platforms`: the one definition every control shares),
and fail when any one of them fails, naming each.

Where the rule states a duty and a benchmark adds a number, the two are separate controls:
the legal one asks whether the safeguard exists (an automatic logoff, encryption in transit),
the benchmark judges the number (15 minutes, TLS 1.2) and reads it through `ctx.limit`, so a
documented `tailored` decision moves it. A benchmark is not applicable where its safeguard is
absent: the legal control reports that gap, once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phi_policy.control import (
    Config,
    at_most,
    cadence,
    control,
    describe_cadence,
    each,
    ephi_platforms,
    failed,
    flag,
    get,
    is_on,
    items,
    join,
    mfa_enforced,
    name_of,
    not_applicable,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

LOGOFF = "/access_control/automatic_logoff_minutes"
TLS_OK = ("1.2", "1.3")
ENCRYPTED_VIDEO = ("webrtc_dtls_srtp", "srtp", "proprietary_encrypted")
#: Every class of storage the schema knows (encryption.at_rest.covers): each one counts.
AT_REST_SCOPE = (
    "servers",
    "databases",
    "backups",
    "laptops",
    "workstations",
    "mobile_devices",
    "removable_media",
)
AES_BITS = {"AES-128": 128, "AES-192": 192, "AES-256": 256}
ORG_STORAGE = "organization storage"
ORG_SERVICES = "organization services"
NO_EPHI_PLATFORM = "no platform handles ePHI"


def _name(platform: Mapping[str, Any], base: str) -> str:
    return name_of(platform, f"the platform at {base}")


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


def _none(what: str = NO_EPHI_PLATFORM) -> Outcome:
    return not_applicable(what, "/platforms")


def _video_platforms(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    return [(b, p) for b, p in ephi_platforms(config) if p.get("purpose") == "video_visits"]


def _recording_platforms(config: Config) -> list[tuple[str, Mapping[str, Any]]]:
    return [
        (b, p)
        for b, p in items(config, "/platforms")
        if isinstance(p.get("recording"), Mapping) and p["recording"].get("allowed") is True
    ]


def _minutes(value: float) -> str:
    return f"{value:g} minute" + ("" if value == 1 else "s")


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
    risk="A shared or unidentified login makes every action on ePHI untraceable to a person, so "
    "snooping or a stolen session cannot be detected, scoped or revoked for one user.",
    rationale="Every action on ePHI must be traceable to one person; shared or generic logins "
    "(a front-desk account, a shared telehealth host login) make audit trails meaningless and "
    "access impossible to revoke for one person. Unique user identification is a required "
    "specification, and a shared account is the absence of it.",
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
        return failed(
            "users have unique ids but shared accounts are still in use; remove them (a shared "
            "login identifies no one)",
            shared_at,
        )
    if shared:
        return failed(
            "unique user ids are not enforced and shared accounts are in use",
            [unique_at, shared_at],
        )
    return failed("unique user ids are not enforced for access to ePHI", unique_at)


@control(
    id="TECH-028",
    title="Person or entity authentication: each user proves who they are with their own "
    "credentials",
    domain="technical",
    cites=["164.312(d)"],
    basis="required",
    severity="high",
    risk="Without an authentication mechanism of its own for each user, or with logins shared "
    "between people, anyone who reaches a telehealth system can claim to be a clinician.",
    rationale="Person or entity authentication is a required standard: procedures must verify "
    "that a person seeking access to ePHI is the one claimed. The rule names no method "
    "(passwords, tokens, biometrics or MFA all qualify; MFA is judged as a benchmark by TECH-015 "
    "and TECH-016). A shared login verifies no one. The config shows authentication through a "
    "password policy (access_control.password_policy.min_length) or MFA.",
    remediation="Record how users authenticate (access_control.password_policy, "
    "access_control.mfa) and remove shared logins (access_control.shared_accounts: false).",
)
def person_authentication(config: Config, ctx: Context) -> Outcome:
    """The rule asks that access be verified, not how; a shared password verifies no one."""
    base = "/access_control"
    method = get(config, f"{base}/password_policy/min_length") is not None or any(
        is_on(config, f"{base}/mfa/{key}")
        for key in ("remote_access", "administrative_access", "all_ephi_access")
    )
    problems, paths = [], []
    if not method:
        problems.append("no authentication mechanism (password policy or MFA) is recorded")
        paths.append(where(config, f"{base}/password_policy"))
    if is_on(config, f"{base}/shared_accounts"):
        problems.append("shared logins are in use, so a login does not verify who used it")
        paths.append(f"{base}/shared_accounts")
    if problems:
        return failed("person or entity authentication: " + " and ".join(problems), paths)
    return passed(
        "users authenticate with their own credentials under a recorded password policy or MFA",
        [where(config, f"{base}/password_policy"), where(config, f"{base}/shared_accounts")],
    )


@control(
    id="TECH-002",
    title="Emergency access procedure documented",
    domain="technical",
    cites=["164.312(a)(2)(ii)", "164.308(a)(7)(ii)(C)"],
    basis="required",
    severity="high",
    risk="Without a break-glass procedure, an identity-provider or EHR outage mid-clinic leaves "
    "clinicians unable to reach the ePHI they need for care.",
    rationale="When the identity provider or the EHR fails mid-clinic, clinicians still need "
    "ePHI; a documented emergency access procedure is a required specification. How often to "
    "test it is a benchmark (TECH-029).",
    remediation="Document the emergency (break-glass) access procedure "
    "(access_control.emergency_access.procedure_documented: true).",
)
def emergency_access(config: Config, ctx: Context) -> Outcome:
    """Break-glass access must exist before the outage, not be improvised during it."""
    at = "/access_control/emergency_access/procedure_documented"
    return flag(
        config,
        at,
        "an emergency access procedure is documented",
        "no emergency access procedure is documented",
    )


@control(
    id="TECH-029",
    title="Emergency access procedure tested within the last 12 months (benchmark)",
    domain="technical",
    cites=["164.312(a)(2)(ii)", "164.308(a)(7)(ii)(D)"],
    basis="benchmark",
    severity="medium",
    risk="An untested break-glass procedure tends to fail when needed, but the procedure exists "
    "either way.",
    tailorable="months between emergency access tests",
    rationale="Benchmark: HIPAA sets no test cadence (testing and revision of contingency "
    "plans, 164.308(a)(7)(ii)(D), is addressable and names no interval); a yearly test is a "
    "common convention. Not applicable when no procedure is documented (TECH-002 fails).",
    remediation="Test the emergency access procedure at least yearly and record the date in "
    "access_control.emergency_access.last_tested.",
)
def emergency_access_tested(config: Config, ctx: Context) -> Outcome:
    """A rehearsed procedure is one that works during the outage."""
    if not is_on(config, "/access_control/emergency_access/procedure_documented"):
        return not_applicable(
            "no emergency access procedure is documented to test (TECH-002)",
            where(config, "/access_control/emergency_access/procedure_documented"),
        )
    at = "/access_control/emergency_access/last_tested"
    months = int(ctx.limit(12))
    state = cadence(get(config, at), ctx.as_of, months)
    message = describe_cadence(state, "emergency access test", f"{months}-month", ctx.as_of)
    if state.current:
        return passed(
            message + " (benchmark: a yearly test is a convention; HIPAA sets no cadence)",
            at,
            turns_on=state.due,
            turns_why="the emergency access test falls due",
        )
    return failed(
        message + " (benchmark: a yearly test is a convention; HIPAA sets no cadence)",
        where(config, at),
    )


@control(
    id="TECH-003",
    title="Automatic logoff is configured",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="addressable",
    severity="high",
    risk="With no inactivity logoff at all, every workstation a clinician walks away from stays "
    "open on ePHI for whoever comes by.",
    rationale="Automatic logoff is an addressable specification: electronic procedures end a "
    "session after a predetermined time of inactivity. This control asks that one is set; how "
    "short it is is a benchmark (TECH-026).",
    remediation="Set access_control.automatic_logoff_minutes and enforce it on workstations, "
    "the EHR and the telemedicine platforms, or document an alternative measure in a decision.",
)
def automatic_logoff(config: Config, ctx: Context) -> Outcome:
    """Sessions that stay open when a clinician walks away are the commonest telehealth leak."""
    minutes = get(config, LOGOFF)
    if minutes is None:
        return failed("no automatic logoff is configured", where(config, LOGOFF))
    return passed(f"automatic logoff after {_minutes(minutes)} of inactivity", LOGOFF)


@control(
    id="TECH-026",
    title="Automatic logoff at 15 minutes or less (benchmark)",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="benchmark",
    severity="medium",
    risk="A long timeout leaves an unattended session open a while longer; a logoff exists "
    "either way.",
    tailorable="minutes of inactivity before logoff",
    partial_credit="half credit when the timeout is over the benchmark but at most twice it "
    "(16 to 30 minutes against 15): the session still ends, later",
    rationale="Benchmark: CIS Controls v8 Safeguard 4.3 names 15 minutes (NIST SP 800-63B names "
    "15 at AAL3 and 30 at AAL2); HIPAA sets no number. Not applicable when no logoff is "
    "configured (TECH-003 fails).",
    remediation="Set access_control.automatic_logoff_minutes to 15 or less, or record a "
    "tailored value with its risk-based reason in a decision.",
)
def logoff_benchmark(config: Config, ctx: Context) -> Outcome:
    """The shorter the timeout, the shorter an unattended session stays open."""
    if get(config, LOGOFF) is None:
        return not_applicable("no automatic logoff is configured to judge (TECH-003)",
                              where(config, LOGOFF))
    limit = ctx.limit(15)
    return at_most(
        config,
        LOGOFF,
        limit,
        half_credit_up_to=2 * limit,
        missing="no automatic logoff is configured",
        within=lambda minutes: f"automatic logoff after {_minutes(minutes)} "
        f"(benchmark: {_minutes(limit)})",
        over=lambda minutes: f"automatic logoff is {_minutes(minutes)}; benchmark: "
        f"{_minutes(limit)} or less (CIS Controls v8 4.3 names 15; HIPAA sets no number)",
    )


@control(
    id="TECH-004",
    title="Every telemedicine platform handling ePHI ends idle sessions",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="addressable",
    severity="medium",
    risk="A workstation lock does not end a browser or app session on a vendor platform, so a "
    "platform with no idle timeout keeps ePHI open on any device left signed in.",
    rationale="Automatic logoff is an addressable specification, and a workstation lock does "
    "not end a browser or app session on a vendor platform: each platform handling ePHI needs "
    "its own idle timeout. How short it is is a benchmark (TECH-027).",
    remediation="Set an idle session timeout in each platform's admin console and record it "
    "under platforms[].session_timeout_minutes, or document an alternative measure for that "
    "platform in a decision.",
)
def platform_session_timeout(config: Config, ctx: Context) -> Outcome:
    """Vendor portals often default to sessions that outlive the workstation lock."""
    rows = []
    for base, platform in ephi_platforms(config):
        minutes, at = _field(platform, base, "session_timeout_minutes")
        problem = None if minutes is not None else "no session timeout is recorded"
        rows.append((at, _name(platform, base), problem))
    return each(rows, what="ePHI platforms", none=_none(),
                ok=f"every ePHI platform ends idle sessions: {join(name for _, name, _ in rows)}")


@control(
    id="TECH-027",
    title="Telemedicine platform sessions time out after 15 minutes or less (benchmark)",
    domain="technical",
    cites=["164.312(a)(2)(iii)"],
    basis="benchmark",
    severity="medium",
    risk="A long platform timeout keeps a signed-in session on ePHI open longer on an "
    "unattended device; the session still ends.",
    tailorable="minutes of inactivity before a platform session ends (per platform)",
    rationale="Benchmark: CIS Controls v8 Safeguard 4.3 and NIST SP 800-63B (AAL3) name 15 "
    "minutes; HIPAA sets no number. Each platform is judged at its own tailored value when a "
    "decision sets one (a monitoring wall display in a staffed station, for example). Platforms "
    "with no timeout recorded are TECH-004's.",
    remediation="Set each platform's session_timeout_minutes to 15 or less, or record a "
    "tailored value for that platform with its risk-based reason in a decision.",
)
def platform_timeout_benchmark(config: Config, ctx: Context) -> Outcome:
    """Vendor defaults of hours are common; the benchmark asks for minutes."""
    rows = []
    for base, platform in ephi_platforms(config):
        minutes, at = _field(platform, base, "session_timeout_minutes")
        if minutes is None:
            continue
        name = _name(platform, base)
        limit = ctx.limit(15, instance=name)
        problem = (
            None
            if minutes <= limit
            else f"times out after {_minutes(minutes)} (benchmark: {_minutes(limit)} or less)"
        )
        rows.append((at, name, problem))
    return each(
        rows,
        what="ePHI platforms",
        none=_none("no ePHI platform records a session timeout to judge (TECH-004)"),
        ok="every ePHI platform times out within the benchmark "
        "(CIS Controls v8 4.3 names 15 minutes; HIPAA sets no number): "
        + join(name for _, name, _ in rows),
    )


@control(
    id="TECH-005",
    title="Role-based, least-privilege access to ePHI",
    domain="technical",
    cites=["164.312(a)(1)", "164.308(a)(4)"],
    basis="required",
    severity="high",
    risk="Broad default access turns every compromised or curious account into access to every "
    "patient's record.",
    rationale="The access control standard requires that only persons and programs granted "
    "access rights (164.308(a)(4)) reach ePHI, and the Privacy Rule limits that access to what "
    "each role needs (minimum necessary). Roles with least privilege keep a scheduler out of "
    "clinical notes and limit what one stolen login can see.",
    remediation="Grant access by role (access_control.role_based_access: true) and only what each "
    "role needs (access_control.least_privilege: true).",
)
def role_based_access(config: Config, ctx: Context) -> Outcome:
    """Broad default access turns every compromised account into a full-record breach."""
    checks = [
        ("role-based access", "/access_control/role_based_access"),
        ("least privilege", "/access_control/least_privilege"),
    ]
    missing = [(label, where(config, at)) for label, at in checks if not is_on(config, at)]
    if not missing:
        return passed("access to ePHI is role-based and least-privilege", [at for _, at in checks])
    return failed(
        " and ".join(label for label, _ in missing) + " not enforced for access to ePHI",
        [at for _, at in missing],
    )


# --------------------------------------------------------------------------------------------
# Encryption at rest 164.312(a)(2)(iv)
# --------------------------------------------------------------------------------------------


def _org_at_rest_on(config: Config) -> bool:
    return (
        is_on(config, "/encryption/at_rest/enabled")
        and get(config, "/encryption/at_rest/algorithm") != "none"
    )


def _platform_at_rest_on(platform: Mapping[str, Any], base: str) -> bool:
    enabled, _ = _field(platform, base, "encryption_at_rest", "enabled")
    algorithm, _ = _field(platform, base, "encryption_at_rest", "algorithm")
    return enabled is True and algorithm != "none"


@control(
    id="TECH-006",
    title="ePHI encrypted at rest on every class of storage: servers, databases, backups, "
    "laptops, workstations, mobile devices and removable media",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.402"],
    basis="addressable",
    severity="critical",
    risk="A lost laptop, phone, USB drive or backup holding unencrypted ePHI is a reportable "
    "breach on its own, and unencrypted portable devices are behind many of OCR's largest "
    "resolution agreements.",
    rationale="Encryption and decryption is an addressable specification. ePHI encrypted "
    "consistent with NIST SP 800-111, with the keys kept apart, is 'secured' under HHS's "
    "breach guidance for data at rest (164.402), so its loss is not a reportable breach; HHS's "
    "guidance names FIPS 140-2 validated processes (with NIST SP 800-52, 800-77 and 800-113) "
    "for data in motion, not at rest. Every class of storage counts: each one left out is "
    "named. Whether the modules are FIPS-validated is a benchmark (TECH-030).",
    remediation="Enable encryption at rest (encryption.at_rest.enabled: true) and list every "
    "class of storage it covers in encryption.at_rest.covers (servers, databases, backups, "
    "laptops, workstations, mobile_devices, removable_media); for a class the organization "
    "does not use (no removable media at all), document that in a decision for that instance.",
)
def encryption_at_rest(config: Config, ctx: Context) -> Outcome:
    """Unencrypted devices and backups are the classic, entirely avoidable, reportable breach."""
    if not _org_at_rest_on(config):
        at = where(
            config,
            "/encryption/at_rest/algorithm"
            if is_on(config, "/encryption/at_rest/enabled")
            else "/encryption/at_rest/enabled",
        )
        return failed(
            "encryption at rest is not enabled for ePHI, so no class of storage is encrypted: "
            + join(AT_REST_SCOPE),
            at,
            instances=AT_REST_SCOPE,
        )
    covers = get(config, "/encryption/at_rest/covers", []) or []
    missing = [kind for kind in AT_REST_SCOPE if kind not in covers]
    if missing:
        return failed(
            f"encryption at rest does not cover {len(missing)} of {len(AT_REST_SCOPE)} classes "
            f"of storage: {join(missing)}",
            where(config, "/encryption/at_rest/covers"),
            instances=missing,
        )
    return passed(
        "encryption at rest covers every class of storage: " + join(AT_REST_SCOPE),
        "/encryption/at_rest/covers",
    )


@control(
    id="TECH-007",
    title="Every telemedicine platform handling ePHI encrypts it at rest",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.308(b)(1)"],
    basis="addressable",
    severity="high",
    risk="Recordings, transcripts and images on a vendor's unencrypted storage are exposed to "
    "any breach of that vendor, outside the breach safe harbor.",
    rationale="Visit recordings, chat transcripts and uploaded images live on the vendor's "
    "storage, which the organization's own disk encryption does not reach. Encryption and "
    "decryption is addressable; encrypted vendor storage keeps a vendor-side leak inside the "
    "breach safe harbor. Whether the vendor's module is FIPS-validated is a benchmark "
    "(TECH-030).",
    remediation="Confirm with each vendor (and in its BAA) that ePHI is encrypted at rest and "
    "record it in platforms[].encryption_at_rest (enabled: true, algorithm).",
)
def platform_encryption_at_rest(config: Config, ctx: Context) -> Outcome:
    """Vendor storage holds recordings and transcripts that in-house encryption never reaches."""
    rows = []
    for base, platform in ephi_platforms(config):
        _, at = _field(platform, base, "encryption_at_rest", "enabled")
        ok = _platform_at_rest_on(platform, base)
        rows.append((at, _name(platform, base), None if ok else "does not encrypt ePHI at rest"))
    return each(rows, what="ePHI platforms", none=_none())


@control(
    id="TECH-030",
    title="FIPS-validated cryptographic modules for encryption at rest (benchmark)",
    domain="technical",
    cites=["164.312(a)(2)(iv)"],
    basis="benchmark",
    severity="medium",
    risk="An unvalidated module may implement its cipher wrongly, and makes it harder to show "
    "that encrypted data counted as secured; the data is encrypted either way.",
    rationale="Benchmark: HIPAA names no module standard, and HHS's breach guidance for data at "
    "rest points to NIST SP 800-111 (it names FIPS 140-2 validated processes for data in "
    "motion). FIPS 140-2 or 140-3 validation is a common contractual and audit expectation and "
    "what SP 800-111 recommends; 140-2 certificates move to the CMVP historical list in "
    "September 2026 and may stay in existing systems, so prefer 140-3 for new purchases. "
    "Storage with no encryption at all is TECH-006's and TECH-007's.",
    remediation="Use FIPS 140-2/140-3 validated modules and record fips_validated: true under "
    "encryption.at_rest and each platforms[].encryption_at_rest.",
)
def fips_at_rest(config: Config, ctx: Context) -> Outcome:
    """Validation shows the cipher is implemented as specified, not merely named."""
    rows = []
    if _org_at_rest_on(config):
        algorithm = get(config, "/encryption/at_rest/algorithm")
        fips = is_on(config, "/encryption/at_rest/fips_validated")
        rows.append(
            (
                where(config, "/encryption/at_rest/fips_validated"),
                ORG_STORAGE,
                _fips_problem(fips, algorithm),
            )
        )
    for base, platform in ephi_platforms(config):
        if not _platform_at_rest_on(platform, base):
            continue
        fips, at = _field(platform, base, "encryption_at_rest", "fips_validated")
        algorithm, _ = _field(platform, base, "encryption_at_rest", "algorithm")
        rows.append((at, _name(platform, base), _fips_problem(fips is True, algorithm)))
    return each(
        rows,
        what="encrypted stores",
        none=not_applicable("no encryption at rest is enabled to judge (TECH-006, TECH-007)",
                            "/encryption/at_rest"),
    )


def _fips_problem(fips: bool, algorithm: Any) -> str | None:
    if algorithm == "other":
        return "its algorithm 'other' is not a FIPS-approved AES"
    if not fips:
        return "its modules are not recorded as FIPS-validated"
    return None


@control(
    id="TECH-008",
    title="AES-256 for encryption at rest (benchmark: organizational policy choice)",
    domain="technical",
    cites=["164.312(a)(2)(iv)"],
    basis="benchmark",
    severity="low",
    risk="AES-128 and AES-192 are FIPS-approved and meet the breach safe harbor; 256-bit keys "
    "only add margin, so a shorter key is a policy gap, not an exposure.",
    tailorable="minimum AES key length in bits",
    rationale="Benchmark: AES-256 is an organizational policy choice, not a HIPAA or HHS "
    "requirement (AES-128 and AES-192 are FIPS-approved too). Many organizations and payers "
    "ask for 256-bit keys for margin against future attacks, so this check carries the lowest "
    "weight. Every encrypted store is judged; a decision can tailor the key length.",
    remediation="Where the policy asks for 256-bit keys, set encryption.at_rest.algorithm and "
    "each platforms[].encryption_at_rest.algorithm to AES-256, or record the accepted key "
    "length in a tailored decision.",
)
def aes_256(config: Config, ctx: Context) -> Outcome:
    """A common contractual expectation; it adds margin but is not what makes ePHI 'secured'."""
    stores: list[tuple[str, Any, str]] = []
    if _org_at_rest_on(config):
        stores.append(
            (
                ORG_STORAGE,
                get(config, "/encryption/at_rest/algorithm"),
                where(config, "/encryption/at_rest/algorithm"),
            )
        )
    for base, platform in ephi_platforms(config):
        if _platform_at_rest_on(platform, base):
            algorithm, at = _field(platform, base, "encryption_at_rest", "algorithm")
            stores.append((_name(platform, base), algorithm, at))
    rows = []
    for who, algorithm, at in stores:
        bits = ctx.limit(256, instance=who)
        have = AES_BITS.get(str(algorithm))
        if have is None:
            problem = f"uses {algorithm or 'an unrecorded algorithm'}, not AES"
        elif have < bits:
            problem = f"uses {algorithm} (policy benchmark: AES-{bits:g})"
        else:
            problem = None
        rows.append((at, who, problem))
    outcome = each(
        rows,
        what="encrypted stores",
        none=not_applicable(
            "no encryption at rest is enabled to compare key sizes", "/encryption/at_rest"
        ),
    )
    if outcome.status == "fail":
        return failed(
            outcome.message + " (a policy benchmark: AES-128 and AES-192 are FIPS-approved "
            "too, and HIPAA names no key length)",
            outcome.paths,
            instances=outcome.instances,
        )
    return outcome


@control(
    id="TECH-009",
    title="Encryption keys stored apart from the data they protect",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.402"],
    basis="addressable",
    severity="high",
    risk="Keys kept beside the data decrypt it for whoever takes the server or the backup, so "
    "encrypted ePHI stops counting as secured after a breach.",
    rationale="HHS's breach guidance treats encrypted ePHI as secured only if the decryption "
    "keys were not breached, and asks that keys be kept on a separate device or at a separate "
    "location from the data they protect.",
    remediation="Keep keys in a KMS or HSM apart from the data (encryption.key_management."
    "keys_stored_separately: true).",
)
def key_management(config: Config, ctx: Context) -> Outcome:
    """Encryption whose keys sit beside the data protects nothing once the server is taken."""
    return flag(
        config,
        "/encryption/key_management/keys_stored_separately",
        "encryption keys are stored apart from the data they protect",
        "encryption keys are not stored separately from the data they protect, so encrypted "
        "ePHI would not count as secured after a breach",
    )


@control(
    id="TECH-031",
    title="Key management documented (generation, storage, rotation, destruction)",
    domain="technical",
    cites=["164.312(a)(2)(iv)", "164.316(b)(1)"],
    basis="addressable",
    severity="medium",
    risk="Undocumented key handling leads to lost keys (unreadable ePHI) or keys copied beside "
    "the data; the encryption itself stays in place.",
    rationale="The encryption mechanism includes how its keys are generated, stored, rotated "
    "and destroyed, and the Security Rule asks that the policies and procedures implementing "
    "it be documented (164.316(b)(1)).",
    remediation="Document key management and set encryption.key_management.documented: true.",
)
def key_management_documented(config: Config, ctx: Context) -> Outcome:
    """Keys handled from memory are lost or copied at the worst moment."""
    return flag(
        config,
        "/encryption/key_management/documented",
        "key management is documented",
        "key management (generation, storage, rotation, destruction) is not documented",
    )


@control(
    id="TECH-032",
    title="Encryption keys rotated at least every 24 months (benchmark)",
    domain="technical",
    cites=["164.312(a)(2)(iv)"],
    basis="benchmark",
    severity="low",
    risk="A long-lived key exposes more data if it leaks; the data is encrypted either way.",
    tailorable="months between key rotations",
    rationale="Benchmark: NIST SP 800-57 Part 1 suggests a cryptoperiod of up to about 2 years "
    "for symmetric data-encryption keys; HIPAA sets no rotation period.",
    remediation="Set encryption.key_management.rotation_months to 24 or less, or record a "
    "tailored value in a decision.",
)
def key_rotation(config: Config, ctx: Context) -> Outcome:
    """Rotation bounds how much one leaked key can decrypt."""
    limit = ctx.limit(24)
    return at_most(
        config,
        "/encryption/key_management/rotation_months",
        limit,
        half_credit_up_to=None,
        missing="no key rotation period is set (benchmark: NIST SP 800-57 suggests up to 24 "
        "months; HIPAA sets none)",
        within=lambda months: f"keys rotate every {months} months (benchmark: {limit:g} or less)",
        over=lambda months: f"keys rotate every {months} months; benchmark: {limit:g} or less "
        "(NIST SP 800-57; HIPAA sets no period)",
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
    risk="Without activity records on a system holding ePHI, a breach there can be neither "
    "detected nor scoped, and OCR cites missing audit controls in most large settlements.",
    rationale="Audit controls are a required standard: without records of who opened which record "
    "and joined which visit, a breach can be neither detected nor scoped, and the breach "
    "risk assessment cannot show a low probability of compromise. Each ePHI platform whose kind "
    "of system is missing from the audit scope is named.",
    remediation="Enable audit logging (audit_controls.enabled: true) on every system holding ePHI, "
    "list them in audit_controls.systems (ehr, telemedicine_platform, patient_portal as used) and "
    "set audit_controls.covers_all_ephi_systems: true once none is left out.",
)
def audit_controls(config: Config, ctx: Context) -> Outcome:
    """Telehealth platforms are often left out of the audit scope that covers the EHR."""
    if not is_on(config, "/audit_controls/enabled"):
        return failed("audit controls are not enabled", where(config, "/audit_controls/enabled"))
    systems = get(config, "/audit_controls/systems", []) or []
    uncovered = []
    for base, platform in ephi_platforms(config):
        kind = _AUDIT_SYSTEM.get(str(platform.get("purpose")), "telemedicine_platform")
        if kind not in systems:
            uncovered.append((_name(platform, base), kind))
    problems, paths = [], []
    if uncovered:
        problems.append(
            "audit logging does not cover "
            + join(f"{name} ({kind} is not in audit_controls.systems)" for name, kind in uncovered)
        )
        paths.append(where(config, "/audit_controls/systems"))
    if not is_on(config, "/audit_controls/covers_all_ephi_systems"):
        problems.append("not every ePHI system is confirmed in scope (covers_all_ephi_systems)")
        paths.append(where(config, "/audit_controls/covers_all_ephi_systems"))
    if problems:
        return failed(
            "audit controls are enabled, but " + " and ".join(problems),
            paths,
            instances=[name for name, _ in uncovered],
        )
    return passed(
        f"audit controls are enabled on every ePHI system ({', '.join(map(str, systems))})",
        ["/audit_controls/systems", "/audit_controls/covers_all_ephi_systems"],
    )


@control(
    id="TECH-011",
    title="Audit logging on every telemedicine platform handling ePHI",
    domain="technical",
    cites=["164.312(b)"],
    basis="required",
    severity="high",
    risk="A platform that keeps no logs is a blind spot: visits and message access on it cannot "
    "be reviewed or reconstructed after a breach.",
    rationale="Each vendor platform keeps its own access and session logs; if a platform does not "
    "log (or the organization cannot get the logs), visits and message access on it are "
    "invisible to activity review and breach investigation.",
    remediation="Turn on audit logging in each platform (platforms[].audit_logging: true) and "
    "make sure the BAA lets the organization obtain the logs.",
)
def platform_audit_logging(config: Config, ctx: Context) -> Outcome:
    """A platform without logs is a blind spot in every investigation."""
    rows = []
    for base, platform in ephi_platforms(config):
        logging, at = _field(platform, base, "audit_logging")
        rows.append((at, _name(platform, base), None if logging is True else "keeps no audit log"))
    return each(rows, what="ePHI platforms", none=_none())


@control(
    id="TECH-012",
    title="Audit logs protected from tampering (benchmark)",
    domain="technical",
    cites=["164.312(b)"],
    basis="benchmark",
    severity="medium",
    risk="Logs an intruder or insider can edit or delete no longer prove what happened, though "
    "they are still recorded.",
    rationale="Benchmark: the audit controls standard asks that activity be recorded and "
    "examined and says nothing of protecting the records; NIST SP 800-92 (log management) "
    "recommends protecting log integrity, for example write-once or centrally controlled "
    "storage, so the logs stay trustworthy evidence. Not applicable when audit controls are "
    "off (TECH-010 fails).",
    remediation="Send logs to write-once or centrally controlled storage and set "
    "audit_controls.tamper_protection: true.",
)
def audit_log_protection(config: Config, ctx: Context) -> Outcome:
    """Breach investigations need logs nobody altered."""
    if not is_on(config, "/audit_controls/enabled"):
        return not_applicable(
            "audit controls are not enabled, so there are no logs to protect (TECH-010)",
            where(config, "/audit_controls/enabled"),
        )
    return flag(
        config,
        "/audit_controls/tamper_protection",
        "audit logs are protected from tampering",
        "audit logs are not protected from tampering (benchmark: NIST SP 800-92 write-once or "
        "central storage)",
    )


@control(
    id="TECH-033",
    title="Audit logs retained 6 years (benchmark: a convention)",
    domain="technical",
    cites=["164.312(b)", "164.316(b)(2)(i)"],
    basis="benchmark",
    severity="low",
    risk="Shorter retention limits how far back an investigation can reach; the logs exist "
    "either way.",
    tailorable="years audit logs are kept (minimum)",
    rationale="Benchmark: HIPAA sets no retention period for raw audit logs. 164.316(b)(2)(i) "
    "keeps required documentation (policies, and records of required actions and assessments "
    "such as activity reviews) 6 years; applying those 6 years to raw logs is a common "
    "conservative convention, not an explicit HIPAA rule. Not applicable when audit controls "
    "are off (TECH-010 fails).",
    remediation="Keep audit logs 6 years (audit_controls.retention_years: 6), or record the "
    "period the risk analysis supports in a tailored decision.",
)
def audit_log_retention(config: Config, ctx: Context) -> Outcome:
    """Telehealth breach investigations often reach back years."""
    if not is_on(config, "/audit_controls/enabled"):
        return not_applicable(
            "audit controls are not enabled, so there are no logs to retain (TECH-010)",
            where(config, "/audit_controls/enabled"),
        )
    at = "/audit_controls/retention_years"
    years = get(config, at)
    limit = ctx.limit(6)
    if years is None:
        return failed(
            "no audit log retention period is set (convention: 6 years; HIPAA sets none for "
            "raw logs)",
            where(config, at),
        )
    if years < limit:
        return failed(
            f"audit logs are kept {years} years; the convention is {limit:g} "
            "(not an explicit HIPAA rule)",
            at,
        )
    return passed(f"audit logs are kept {years} years (convention: {limit:g})", at)


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
    risk="With neither a way to detect altered records nor a copy to restore from, tampering or "
    "ransomware silently corrupts or destroys the clinical record.",
    rationale="The integrity standard is required: policies and procedures must protect ePHI "
    "from improper alteration or destruction. The config shows it through integrity checking "
    "of stored ePHI (alteration) and backups of ePHI (destruction). Immutable or offline "
    "backups are a benchmark (TECH-034).",
    remediation="Turn on integrity checking of stored ePHI (integrity.ephi_integrity_checks: "
    "true) and back up ePHI (contingency.backup.enabled: true).",
)
def integrity_protection(config: Config, ctx: Context) -> Outcome:
    """Ransomware and silent record tampering both attack integrity, not just confidentiality."""
    problems, paths = [], []
    if not is_on(config, "/integrity/ephi_integrity_checks"):
        problems.append("nothing detects improper alteration of stored ePHI (no integrity checks)")
        paths.append(where(config, "/integrity/ephi_integrity_checks"))
    if not is_on(config, "/contingency/backup/enabled"):
        problems.append("nothing protects ePHI from destruction (no backup)")
        paths.append(where(config, "/contingency/backup/enabled"))
    if problems:
        return failed(" and ".join(problems), paths)
    return passed(
        "stored ePHI is integrity-checked and backed up",
        ["/integrity/ephi_integrity_checks", "/contingency/backup/enabled"],
    )


@control(
    id="TECH-034",
    title="Backups immutable or offline (benchmark)",
    domain="technical",
    cites=["164.312(c)(1)", "164.308(a)(7)(ii)(A)"],
    basis="benchmark",
    severity="medium",
    risk="Ransomware that reaches online backups can encrypt or delete them too, leaving no good "
    "copy; the backups exist either way.",
    rationale="Benchmark: HIPAA requires a backup plan, not a kind of backup. HHS's ransomware "
    "fact sheet notes that some ransomware removes or disrupts online backups and suggests "
    "considering backups kept offline, out of the network's reach. Not applicable when ePHI "
    "is not backed up (TECH-013 fails).",
    remediation="Keep at least one backup copy immutable (write-once) or offline and set "
    "contingency.backup.immutable: true.",
)
def immutable_backups(config: Config, ctx: Context) -> Outcome:
    """The backup ransomware cannot reach is the one that restores the practice."""
    if not is_on(config, "/contingency/backup/enabled"):
        return not_applicable(
            "ePHI is not backed up, so there is no backup to make immutable (TECH-013)",
            where(config, "/contingency/backup/enabled"),
        )
    return flag(
        config,
        "/contingency/backup/immutable",
        "backups are immutable or offline",
        "backups are not immutable or offline (benchmark: HHS ransomware fact sheet; HIPAA "
        "names no kind of backup)",
    )


@control(
    id="TECH-014",
    title="Mechanism to authenticate ePHI (checksums or digital signatures)",
    domain="technical",
    cites=["164.312(c)(2)"],
    basis="addressable",
    severity="medium",
    risk="Without a mechanism, a changed reading, image or note cannot be told from the "
    "original, though other safeguards still limit who can change it.",
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
# Person or entity authentication 164.312(d): MFA is a benchmark under the rule in force
# --------------------------------------------------------------------------------------------

MFA_NOTE = (
    "benchmark: HIPAA's 164.312(d) requires authentication but names no method; NIST SP "
    "800-63B AAL2 asks for MFA and the 2025 proposed rule would require it"
)


@control(
    id="TECH-015",
    title="Multi-factor authentication for remote and administrative access (benchmark)",
    domain="technical",
    cites=["164.312(d)"],
    basis="benchmark",
    severity="high",
    risk="Phished or reused passwords drive most healthcare breaches; without MFA, one stolen "
    "password opens remote or administrator access to ePHI.",
    rationale="Person or entity authentication is required (TECH-028), but the rule in force "
    "names no method: MFA is a benchmark, not a HIPAA requirement today. Stolen passwords "
    "drive most healthcare breaches and clinicians work remotely, so MFA for remote and "
    "administrative access is the accepted minimum (NIST SP 800-63B AAL2). The 2025 proposed "
    "Security Rule would require MFA (readiness is checked by the proposed-rule controls).",
    remediation="Require MFA for remote access (access_control.mfa.remote_access: true) and "
    "administrative access (access_control.mfa.administrative_access: true), preferably "
    "phishing-resistant.",
)
def mfa_remote_admin(config: Config, ctx: Context) -> Outcome:
    """A password alone does not prove who is logging in from a clinician's home network."""
    rows = [
        (where(config, f"/access_control/mfa/{key}"), label,
         None if is_on(config, f"/access_control/mfa/{key}") else "no MFA is required")
        for key, label in (("remote_access", "remote access"),
                           ("administrative_access", "administrative access"))
    ]
    outcome = each(rows, what="kinds of access", none=_none())
    if outcome.status == "fail":
        return failed(f"{outcome.message} ({MFA_NOTE})", outcome.paths,
                      instances=outcome.instances)
    kind = (
        "phishing-resistant MFA" if is_on(config, "/access_control/mfa/phishing_resistant")
        else "MFA"
    )
    return passed(
        f"{kind} protects remote and administrative access",
        ["/access_control/mfa/remote_access", "/access_control/mfa/administrative_access"],
    )


@control(
    id="TECH-016",
    title="MFA on every telemedicine platform handling ePHI (benchmark)",
    domain="technical",
    cites=["164.312(d)"],
    basis="benchmark",
    severity="high",
    risk="Telehealth platforms are reachable from the internet by design, so one phished "
    "clinician password on a platform without MFA exposes every visit and message on it.",
    rationale="Clinician accounts on video, messaging and portal platforms are remote access by "
    "nature; each needs MFA, directly or through an SSO identity provider that enforces it. "
    "Benchmark: the rule in force requires authentication (164.312(d)) but names no method; "
    "the 2025 proposed rule would require MFA. Every ePHI platform counts and each one without "
    "MFA is named.",
    remediation="Enforce MFA for the workforce on each platform (or at the SSO identity provider "
    "it trusts) and set platforms[].workforce_mfa: true (or mfa: true, for every user).",
)
def platform_mfa(config: Config, ctx: Context) -> Outcome:
    """Vendor platforms are internet-facing by design, so passwords alone are not enough."""
    rows = []
    for base, platform in ephi_platforms(config):
        mfa, key = mfa_enforced(platform, "workforce")
        at = f"{base}/{key}" if key in platform else base
        if mfa:
            problem = None
        elif platform.get("sso") is True:
            problem = "uses SSO without MFA recorded (SSO alone is not MFA)"
        else:
            problem = "has no MFA"
        rows.append((at, _name(platform, base), problem))
    outcome = each(rows, what="ePHI platforms", none=_none())
    if outcome.status == "fail":
        return failed(f"{outcome.message} ({MFA_NOTE})", outcome.paths,
                      instances=outcome.instances)
    return outcome


# --------------------------------------------------------------------------------------------
# Transmission security 164.312(e)
# --------------------------------------------------------------------------------------------

TX = "/transmission_security"
PATIENT_REQUEST = f"{TX}/unencrypted_at_patient_request"


def _honoured(config: Config, channel: str) -> bool | None:
    """Whether unencrypted `channel` is a recorded, warned patient request (164.524(c)(2),
    164.522(b)): True when it is, False when the channel is listed but the warning or the
    record is missing, None when the channel is not listed."""
    if channel not in (get(config, f"{PATIENT_REQUEST}/channels") or []):
        return None
    return is_on(config, f"{PATIENT_REQUEST}/risk_warning_given") and is_on(
        config, f"{PATIENT_REQUEST}/choice_recorded"
    )


@control(
    id="TECH-017",
    title="ePHI not sent by SMS, unencrypted e-mail or personal e-mail, except to patients who "
    "asked after a warning",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(e)(1)", "164.524(c)(2)", "164.522(b)"],
    basis="addressable",
    severity="high",
    risk="Texts and unencrypted or personal e-mail carry ePHI in the clear, outside any BAA and "
    "audit trail, and a misdirected message is a breach.",
    rationale="Encryption in transit is an addressable specification (164.312(e)(2)(ii)) under "
    "the required transmission security standard. SMS and unencrypted e-mail cross public "
    "networks in the clear, and personal mailboxes sit outside any BAA and audit trail. A "
    "patient may still ask to receive their own ePHI by unencrypted e-mail or text (right of "
    "access in the form requested, 164.524(c)(2); confidential communications, 164.522(b)); HHS "
    "lets the organization honour that after warning of the risk (Omnibus Rule preamble, "
    "78 FR 5634). A channel used only that way, with the warning given and the choice "
    "recorded (transmission_security.unencrypted_at_patient_request), is not a failure. "
    "Personal e-mail accounts of the workforce never are.",
    remediation="Prohibit ePHI over SMS (transmission_security.sms_for_ephi: false) and personal "
    "e-mail (personal_email_for_ephi: false) and encrypt e-mail carrying ePHI "
    "(email_encryption: true); where patients ask for unencrypted e-mail or texts, warn them, "
    "record their choice and list the channel under "
    "transmission_security.unencrypted_at_patient_request.",
)
def messaging_channels(config: Config, ctx: Context) -> Outcome:
    """Texting a lab result from a personal phone is the everyday telehealth shortcut that leaks."""
    rows = []
    honoured = []
    unwarned = "is listed as a patient request, but the risk warning or the recorded choice is " \
        "missing"
    sms_at = where(config, f"{TX}/sms_for_ephi")
    if is_on(config, f"{TX}/sms_for_ephi"):
        state = _honoured(config, "sms")
        if state:
            honoured.append("SMS")
        rows.append((sms_at, "SMS", None if state else
                     unwarned if state is False else "ePHI is sent by SMS"))
    else:
        rows.append((sms_at, "SMS", None))
    email_at = where(config, f"{TX}/email_encryption")
    if is_on(config, f"{TX}/email_encryption"):
        rows.append((email_at, "e-mail", None))
    else:
        state = _honoured(config, "email")
        if state:
            honoured.append("e-mail")
        rows.append((email_at, "e-mail", None if state else
                     unwarned if state is False else "e-mail carrying ePHI is not encrypted"))
    personal_at = where(config, f"{TX}/personal_email_for_ephi")
    rows.append((personal_at, "personal e-mail",
                 "the workforce sends ePHI from personal e-mail accounts"
                 if is_on(config, f"{TX}/personal_email_for_ephi") else None))
    outcome = each(rows, what="channels", none=_none())
    if outcome.status == "fail":
        return outcome
    note = (
        f"; unencrypted {join(honoured)} goes only to patients who asked after a risk warning, "
        "with the choice recorded (164.524(c)(2), 164.522(b))"
        if honoured else ""
    )
    return passed(
        "ePHI is not sent by SMS or personal e-mail, and e-mail carrying it is encrypted" + note
        if not honoured
        else "no workforce channel sends ePHI unencrypted" + note,
        [f"{TX}/email_encryption", f"{TX}/sms_for_ephi"] + ([PATIENT_REQUEST] if honoured else []),
    )


@control(
    id="TECH-035",
    title="A secure messaging channel is provided for clinicians and patients (benchmark)",
    domain="technical",
    cites=["164.312(e)(1)"],
    basis="benchmark",
    severity="medium",
    risk="Without a sanctioned secure channel, staff drift to texting and personal e-mail to "
    "reach patients and colleagues.",
    rationale="Benchmark: HIPAA names no tool, but an encrypted, access-controlled and logged "
    "messaging channel is the usual way to keep telehealth conversations off SMS and personal "
    "e-mail (TECH-017 judges those channels).",
    remediation="Provide a secure messaging tool and set transmission_security.secure_messaging: "
    "true.",
)
def secure_messaging(config: Config, ctx: Context) -> Outcome:
    """People text when nothing better is at hand."""
    return flag(
        config,
        f"{TX}/secure_messaging",
        "a secure messaging channel is provided",
        "no secure messaging channel is provided (benchmark; HIPAA names no tool)",
    )


def _tls_rows(config: Config) -> list[tuple[str, str, Any]]:
    """(pointer, instance, TLS version or None): the organization's services, then each ePHI
    platform."""
    rows = [(where(config, f"{TX}/tls_min_version"), ORG_SERVICES,
             get(config, f"{TX}/tls_min_version"))]
    for base, platform in ephi_platforms(config):
        version, at = _field(platform, base, "tls_min_version")
        rows.append((at, _name(platform, base), version))
    return rows


@control(
    id="TECH-018",
    title="ePHI encrypted in transit by the organization's services and every ePHI platform",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(e)(1)"],
    basis="addressable",
    severity="critical",
    risk="ePHI crossing the internet unencrypted can be read or altered by anyone on the path "
    "(a patient's home Wi-Fi, a hotel network), and its interception is a breach.",
    rationale="Encryption in transit is an addressable specification under the required "
    "transmission security standard; for telehealth, where every visit crosses public "
    "networks, it is the reasonable choice. The organization's services and every ePHI "
    "platform must show TLS (transmission_security.tls_min_version, platforms[]."
    "tls_min_version); each one that does not is named. The TLS version is judged as a "
    "benchmark by TECH-019, video media by TECH-022.",
    remediation="Serve ePHI only over TLS and record the minimum version in "
    "transmission_security.tls_min_version and each platforms[].tls_min_version.",
)
def encryption_in_transit(config: Config, ctx: Context) -> Outcome:
    """One unencrypted hop is enough to expose a visit."""
    rows = [
        (at, who, None if version is not None else "no encryption in transit (TLS) is recorded")
        for at, who, version in _tls_rows(config)
    ]
    return each(rows, what="services and ePHI platforms", none=_none())


@control(
    id="TECH-019",
    title="TLS 1.2 or higher for the organization's services and every ePHI platform "
    "(benchmark)",
    domain="technical",
    cites=["164.312(e)(2)(ii)"],
    basis="benchmark",
    severity="high",
    risk="A service or platform still accepting TLS 1.0 or 1.1 lets an attacker on the network "
    "downgrade and attack ePHI in transit.",
    rationale="Benchmark: HIPAA names no protocol version. HHS's breach guidance points to NIST "
    "SP 800-52 for data in motion, and SP 800-52r2 requires TLS 1.2 and asks for TLS 1.3 "
    "support; TLS 1.0 and 1.1 are deprecated (RFC 8996). Each vendor terminates its own TLS, "
    "so every ePHI platform counts beside the organization's own services, and each below 1.2 "
    "is named. A service with no TLS recorded is TECH-018's.",
    remediation="Disable TLS 1.0/1.1 everywhere: set transmission_security.tls_min_version and "
    'each platforms[].tls_min_version to "1.2" or "1.3".',
)
def tls_minimum(config: Config, ctx: Context) -> Outcome:
    """Old TLS versions let an attacker on the patient's Wi-Fi read or alter ePHI in transit."""
    rows = [
        (at, who, None if version in TLS_OK else
         f"accepts TLS {version} (benchmark: NIST SP 800-52r2 requires 1.2 or higher)")
        for at, who, version in _tls_rows(config)
        if version is not None
    ]
    return each(
        rows,
        what="services and ePHI platforms",
        none=not_applicable("no TLS version is recorded to judge (TECH-018)", TX),
        ok="TLS 1.2 or higher everywhere: "
        + join(f"{who} {version}" for _, who, version in _tls_rows(config) if version),
    )


@control(
    id="TECH-020",
    title="Integrity controls on ePHI in transit",
    domain="technical",
    cites=["164.312(e)(2)(i)"],
    basis="addressable",
    severity="medium",
    risk="A prescription or dosage altered in transit is a patient-safety event; encrypted "
    "transport usually protects integrity too, so the gap is narrow.",
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
    id="TECH-038",
    title="Transmission security: ePHI sent over networks is guarded by some technical measure",
    domain="technical",
    cites=["164.312(e)(1)"],
    basis="required",
    severity="high",
    risk="With no technical measure at all on the wire, every telehealth exchange can be read "
    "or altered in transit; the measures that would normally close this (encryption, a VPN) "
    "are checked by their own controls.",
    rationale="The transmission security standard is required: guard against unauthorized "
    "access to ePHI transmitted over an electronic communications network. Its two "
    "implementation specifications (integrity controls, encryption) are addressable and "
    "checked by TECH-018, TECH-019 and TECH-020; this control checks only that some measure "
    "is recorded at all: TLS on the organization's services or a VPN for remote access.",
    remediation="Record the organization's transmission measures: "
    "transmission_security.tls_min_version (e.g. \"1.2\") and, for remote access, "
    "transmission_security.vpn_for_remote_access: true.",
)
def transmission_guarded(config: Config, ctx: Context) -> Outcome:
    """The standard demands some guard on the wire, whichever way the entity chooses."""
    tls = get(config, f"{TX}/tls_min_version")
    vpn = is_on(config, f"{TX}/vpn_for_remote_access")
    if tls is not None or vpn:
        measures = [f"TLS {tls} minimum" if tls is not None else "", "a VPN for remote access"
                    if vpn else ""]
        return passed("ePHI in transit is guarded by " + join(m for m in measures if m),
                      f"{TX}/tls_min_version" if tls is not None else f"{TX}/vpn_for_remote_access")
    return failed(
        "no transmission security measure is recorded: neither a TLS minimum version nor a VPN "
        "for remote access",
        where(config, f"{TX}/tls_min_version"),
    )


@control(
    id="TECH-021",
    title="Remote access to ePHI systems through a VPN or equivalent encrypted channel",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(d)"],
    basis="addressable",
    severity="medium",
    risk="Remote sessions from home and public networks to internal systems travel over hostile "
    "networks; most also ride on TLS, so the gap is partial.",
    rationale="Clinicians and staff reach internal systems from home and public networks; HHS "
    "breach guidance names IPsec and TLS VPNs (NIST SP 800-77, 800-113) for data in motion. A "
    "zero-trust access broker can be an equivalent alternative, recorded as a documented "
    "decision.",
    remediation="Route remote access to internal ePHI systems through a VPN "
    "(transmission_security.vpn_for_remote_access: true), or document the equivalent channel "
    "in an `alternative` decision.",
)
def remote_access_vpn(config: Config, ctx: Context) -> Outcome:
    """Home and hotel networks are hostile; remote sessions need their own protected channel."""
    return flag(
        config,
        f"{TX}/vpn_for_remote_access",
        "remote access to ePHI systems goes through a VPN",
        "remote access to ePHI systems does not go through a VPN or equivalent",
    )


# --------------------------------------------------------------------------------------------
# Telemedicine platforms
# --------------------------------------------------------------------------------------------


@control(
    id="TECH-022",
    title="Video visits use encrypted media on every video platform",
    domain="technical",
    cites=["164.312(e)(2)(ii)", "164.312(e)(1)"],
    basis="addressable",
    severity="critical",
    risk="Unencrypted video sends the patient's face, home and condition across the internet "
    "in the clear, readable by anyone on the path.",
    rationale="Video is the most sensitive telehealth stream and always crosses public "
    "networks. Encryption in transit is addressable, and for video it is the only reasonable "
    "choice: the platform must use an encrypted media protocol (DTLS-SRTP in WebRTC, SRTP, or "
    "a vendor's encrypted transport). End-to-end encryption is a benchmark (TECH-036). Every "
    "video platform counts and each one that fails is named.",
    remediation="Use a platform with encrypted media (platforms[].video.protocol: "
    "webrtc_dtls_srtp, srtp or proprietary_encrypted).",
)
def video_encryption(config: Config, ctx: Context) -> Outcome:
    """A video visit shows the patient, their home and their condition: keep it unreadable."""
    rows = []
    for base, platform in _video_platforms(config):
        protocol, protocol_at = _field(platform, base, "video", "protocol")
        e2ee, _ = _field(platform, base, "video", "end_to_end_encryption")
        if protocol == "unencrypted":
            problem: str | None = "sends video unencrypted"
        elif protocol in ENCRYPTED_VIDEO or e2ee is True:
            problem = None
        else:
            problem = "records no encrypted media protocol"
        rows.append((protocol_at, _name(platform, base), problem))
    return each(
        rows,
        what="video visit platforms",
        none=_none("no platform is used for video visits"),
    )


@control(
    id="TECH-036",
    title="Video visits end-to-end encrypted (benchmark)",
    domain="technical",
    cites=["164.312(e)(1)"],
    basis="benchmark",
    severity="medium",
    risk="Without end-to-end encryption the vendor's media servers (under a BAA) can see the "
    "visit; the media is still encrypted on the network.",
    rationale="Benchmark: HIPAA does not name end-to-end encryption, and a platform under a BAA "
    "may decrypt media on its servers. End-to-end encryption keeps even the vendor's servers "
    "from seeing the visit, which is a stronger design. Platforms sending video unencrypted "
    "are TECH-022's.",
    remediation="Enable end-to-end encryption where the platform offers it "
    "(platforms[].video.end_to_end_encryption: true).",
)
def video_e2ee(config: Config, ctx: Context) -> Outcome:
    """End to end, only the participants hold the keys."""
    rows = []
    for base, platform in _video_platforms(config):
        protocol, _ = _field(platform, base, "video", "protocol")
        if protocol == "unencrypted":
            continue
        e2ee, at = _field(platform, base, "video", "end_to_end_encryption")
        rows.append((at, _name(platform, base),
                     None if e2ee is True else "video is not end-to-end encrypted"))
    return each(
        rows,
        what="video visit platforms",
        none=_none("no video platform with encrypted media to judge"),
    )


@control(
    id="TECH-023",
    title="No public-facing video or broadcast products for patient care",
    domain="technical",
    cites=["164.312(a)(1)", "164.312(e)(1)", "164.530(c)"],
    basis="required",
    severity="critical",
    risk="A public-facing product lets anyone watch the visit: an impermissible disclosure to "
    "the public that no safeguard behind it can repair.",
    rationale="Access control (164.312(a)(1)) lets only authorized persons reach ePHI, "
    "transmission security (164.312(e)(1), required) guards ePHI sent over a network against "
    "unauthorized access, and the Privacy Rule requires safeguards against disclosure "
    "(164.530(c)); a product anyone can join or watch (Facebook Live, Twitch, TikTok and "
    "similar) meets none of them. OCR never allowed "
    "public-facing products, not even under its COVID-19 telehealth enforcement discretion, "
    "which ended with its transition period on 2023-08-09; since then every telehealth product "
    "must fully comply with HIPAA, including a BAA.",
    remediation="Stop using the public-facing product for care, move visits to a non-public "
    "platform under a BAA, and set platforms[].public_facing: false.",
)
def no_public_facing(config: Config, ctx: Context) -> Outcome:
    """Broadcasting a visit is an impermissible disclosure to everyone watching."""
    rows = []
    for base, platform in ephi_platforms(config):
        public, at = _field(platform, base, "public_facing")
        rows.append((at, _name(platform, base),
                     "is public-facing (anyone can join or watch)" if public is True else None))
    return each(rows, what="ePHI platforms", none=_none("no platform handles ePHI"))


@control(
    id="TECH-024",
    title="Visit recordings encrypted at rest",
    domain="technical",
    cites=["164.312(a)(2)(iv)"],
    basis="addressable",
    severity="high",
    risk="A recorded visit is a durable copy of the most sensitive ePHI held; unencrypted, one "
    "storage leak exposes every recorded visit.",
    rationale="A recorded visit is ePHI and outlives the visit on vendor storage; encryption and "
    "decryption is addressable, and for recordings it is the reasonable choice. Every platform "
    "allowing recording counts. Consent to record is state law, judged apart (TECH-037).",
    remediation="Where platforms[].recording.allowed is true, encrypt recordings "
    "(recording.encrypted: true), or disable recording.",
)
def recordings(config: Config, ctx: Context) -> Outcome:
    """Recordings outlive the visit and are copied, shared and forgotten on vendor storage."""
    rows = []
    for base, platform in _recording_platforms(config):
        encrypted, at = _field(platform, base, "recording", "encrypted")
        rows.append((at, _name(platform, base),
                     None if encrypted is True else "recordings are not encrypted"))
    return each(
        rows,
        what="platforms allowing recording",
        none=_none("no platform allows session recording"),
    )


@control(
    id="TECH-037",
    title="Visits recorded only with the patient's documented consent (state law)",
    domain="technical",
    cites=["State recording consent law"],
    basis="other_law",
    severity="high",
    risk="Recording a visit without consent can break all-party-consent wiretap laws, which "
    "carry criminal and civil liability in many states.",
    rationale="Other law, not HIPAA: HIPAA does not require consent to record a visit. Many "
    "state wiretap and recording laws require all-party consent, and patients expect to be "
    "asked. Reported apart from the HIPAA score; each state's statute is not checked.",
    remediation="Where platforms[].recording.allowed is true, obtain and document patient "
    "consent before recording (recording.consent_required: true), or disable recording.",
)
def recording_consent(config: Config, ctx: Context) -> Outcome:
    """In an all-party-consent state, an unannounced recording can be a crime."""
    rows = []
    for base, platform in _recording_platforms(config):
        consent, at = _field(platform, base, "recording", "consent_required")
        rows.append((at, _name(platform, base),
                     None if consent is True else "recording does not require patient consent"))
    return each(
        rows,
        what="platforms allowing recording",
        none=_none("no platform allows session recording"),
    )


@control(
    id="TECH-025",
    title="No third-party tracking technologies on authenticated telehealth pages and apps",
    domain="technical",
    cites=["164.502(e)", "164.530(c)"],
    basis="required",
    severity="high",
    risk="Pixels and SDKs on a portal or telehealth app quietly send who is being treated, and "
    "for what, to ad-tech vendors without a BAA.",
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
    rows = []
    for base, platform in ephi_platforms(config):
        tracked, at = _field(platform, base, "tracking_technologies")
        rows.append((at, _name(platform, base),
                     "runs third-party tracking on authenticated pages; remove it unless each "
                     "tracking vendor has signed a BAA" if tracked is True else None))
    return each(rows, what="ePHI platforms", none=_none())
