"""Physical safeguards (45 CFR 164.310): facilities, workstations, devices and media, BYOD.

Facility controls do not apply to a fully virtual organization (organization.sites: 0), whose
hosting facilities are its business associates'. BYOD controls do not apply when byod.allowed
is false. Each 164.310 standard has a control of its own that reports the state of its
implementation specifications as a whole; each specification also has its own control.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    at_most,
    by_fraction,
    control,
    failed,
    flag,
    get,
    is_on,
    not_applicable,
    not_in_place,
    partial,
    passed,
    where,
)
from phi_policy.model import Context, Outcome

FACILITY = "/physical/facility"
WORKSTATIONS = "/physical/workstations"
MEDIA = "/physical/device_media"
BYOD = "/byod"
NIST_800_88 = {
    "nist_800_88_clear": "NIST SP 800-88 clear",
    "nist_800_88_purge": "NIST SP 800-88 purge",
    "nist_800_88_destroy": "NIST SP 800-88 destroy",
}

#: (key under /physical/facility, what it is) for the 164.310(a)(2) specifications.
FACILITY_SAFEGUARDS = (
    ("contingency_operations", "contingency operations"),
    ("security_plan", "facility security plan"),
    ("access_control_validation", "access control and validation"),
    ("maintenance_records", "maintenance records"),
)


def _virtual(config: Config) -> Outcome | None:
    """not_applicable for a fully virtual organization (no sites of its own), else None."""
    if get(config, "/organization/sites") == 0:
        return not_applicable(
            "the organization has no physical sites (sites: 0); its hosting facilities are "
            "covered through business associate agreements",
            "/organization/sites",
        )
    return None


def _no_byod(config: Config) -> Outcome | None:
    """not_applicable when personal devices may not be used, else None."""
    if not is_on(config, f"{BYOD}/allowed"):
        return not_applicable(
            "personal devices are not allowed (byod.allowed is false)",
            where(config, f"{BYOD}/allowed"),
        )
    return None


def _disposal_ok(method: object) -> bool:
    return isinstance(method, str) and (method in NIST_800_88 or method == "vendor_certified")


# --------------------------------------------------------------------------------------------
# Facility access controls 164.310(a)
# --------------------------------------------------------------------------------------------


@control(
    id="PHYS-001",
    title="Facility access controls limit physical access to ePHI systems",
    domain="physical",
    cites=["164.310(a)(1)", "164.310(a)(2)(ii)", "164.310(a)(2)(iii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The facility access standard is required even though its four specifications are "
    "addressable: servers, network closets and clinic workstations must be out of reach of "
    "visitors and intruders while authorized staff can still get in.",
    remediation="Put the four facility safeguards in place and record them under "
    "physical.facility (contingency_operations, security_plan, access_control_validation, "
    "maintenance_records), or document an alternative for any one of them in a waiver.",
)
def facility_access(config: Config, ctx: Context) -> Outcome:
    """The standard as a whole: how many of its facility safeguards are in place."""
    virtual = _virtual(config)
    if virtual is not None:
        return virtual
    missing = not_in_place(
        config, [(label, f"{FACILITY}/{key}") for key, label in FACILITY_SAFEGUARDS]
    )
    total = len(FACILITY_SAFEGUARDS)
    if not missing:
        return passed(f"all {total} facility access safeguards are in place", FACILITY)
    return by_fraction(
        total - len(missing),
        total,
        f"{total - len(missing)} of {total} facility access safeguards are in place; missing: "
        + ", ".join(label for label, _ in missing),
        sorted({at for _, at in missing}),
    )


@control(
    id="PHYS-002",
    title="Facility access for contingency operations",
    domain="physical",
    cites=["164.310(a)(2)(i)", "164.308(a)(7)(ii)(B)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="When disaster recovery or emergency mode starts, the people restoring data must be "
    "able to enter the building and server rooms, out of hours and with badge systems down.",
    remediation="Write procedures granting facility access to restore data under the disaster "
    "recovery and emergency mode plans, and set physical.facility.contingency_operations: true.",
)
def contingency_operations(config: Config, ctx: Context) -> Outcome:
    """A recovery plan fails at the door if nobody arranged who may enter in an emergency."""
    return _virtual(config) or flag(
        config,
        f"{FACILITY}/contingency_operations",
        "procedures allow facility access to restore data in an emergency",
        "no procedure allows facility access to restore data under the disaster recovery and "
        "emergency mode plans",
    )


@control(
    id="PHYS-003",
    title="Facility security plan",
    domain="physical",
    cites=["164.310(a)(2)(ii)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="A written plan (locks, alarms, camera coverage, secured server rooms) is how the "
    "facility and its equipment are protected from unauthorized access, tampering and theft.",
    remediation="Write a facility security plan covering every site and set "
    "physical.facility.security_plan: true.",
)
def facility_security_plan(config: Config, ctx: Context) -> Outcome:
    """Without a plan, physical protection depends on each site's habits."""
    return _virtual(config) or flag(
        config,
        f"{FACILITY}/security_plan",
        "a facility security plan protects the sites and equipment",
        "no facility security plan protects the sites and equipment from unauthorized access, "
        "tampering and theft",
    )


@control(
    id="PHYS-004",
    title="Facility access control and validation (badges, visitor logs)",
    domain="physical",
    cites=["164.310(a)(2)(iii)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Each person's access to the facility should follow their role and be validated "
    "(badges, visitor sign-in and escort), including vendors and testers, so that only those "
    "authorized reach areas with ePHI systems.",
    remediation="Control and validate facility access by role (badges, visitor logs, escorts) "
    "and set physical.facility.access_control_validation: true.",
)
def facility_access_validation(config: Config, ctx: Context) -> Outcome:
    """Tailgating visitors and ex-staff with live badges are how devices walk out of clinics."""
    return _virtual(config) or flag(
        config,
        f"{FACILITY}/access_control_validation",
        "facility access is controlled by role and validated (badges, visitor logs)",
        "facility access is not controlled and validated by role (badges, visitor logs)",
    )


@control(
    id="PHYS-005",
    title="Maintenance records for security-related facility repairs",
    domain="physical",
    cites=["164.310(a)(2)(iv)"],
    basis="addressable",
    severity="low",
    risk="TODO",
    rationale="Records of repairs and changes to doors, locks, walls and hardware show that "
    "physical protections were restored after work and help reconstruct a physical intrusion.",
    remediation="Keep records of repairs and modifications to security-related physical "
    "components and set physical.facility.maintenance_records: true.",
)
def maintenance_records(config: Config, ctx: Context) -> Outcome:
    """A lock replaced without a record is a lock nobody can vouch for."""
    return _virtual(config) or flag(
        config,
        f"{FACILITY}/maintenance_records",
        "repairs to security-related physical components are recorded",
        "repairs and changes to security-related physical components (locks, doors, walls) are "
        "not recorded",
    )


# --------------------------------------------------------------------------------------------
# Workstations 164.310(b), (c)
# --------------------------------------------------------------------------------------------


@control(
    id="PHYS-006",
    title="Workstation use policy, including telehealth from home",
    domain="physical",
    cites=["164.310(b)", "164.530(c)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Workstation use is a required standard: staff must know which devices may reach "
    "ePHI and how. Clinicians who see patients from home need rules of their own (a private "
    "room, no family use of the device, screens out of view, no public Wi-Fi).",
    remediation="Adopt a workstation use policy (physical.workstations.use_policy: true) with a "
    "remote telehealth section (physical.workstations.remote_work_policy: true).",
)
def workstation_use(config: Config, ctx: Context) -> Outcome:
    """A kitchen-table visit on a shared family laptop is the telehealth workstation risk."""
    missing = not_in_place(
        config,
        [
            ("no workstation use policy", f"{WORKSTATIONS}/use_policy"),
            ("no policy for telehealth work from home", f"{WORKSTATIONS}/remote_work_policy"),
        ],
    )
    if not missing:
        return passed(
            "workstation use is governed by policy, including telehealth work from home",
            [f"{WORKSTATIONS}/use_policy", f"{WORKSTATIONS}/remote_work_policy"],
        )
    return by_fraction(
        2 - len(missing), 2, " and ".join(m[0] for m in missing), [m[1] for m in missing]
    )


@control(
    id="PHYS-007",
    title="Workstation security (locks, privacy screens, positioning)",
    domain="physical",
    cites=["164.310(c)"],
    basis="required",
    severity="medium",
    risk="TODO",
    rationale="Workstation security is a required standard: physical safeguards (cable locks, "
    "privacy screens, positioning away from waiting rooms) keep workstations that reach ePHI "
    "from being used or viewed by the unauthorized.",
    remediation="Apply physical safeguards to every workstation that accesses ePHI and set "
    "physical.workstations.security_measures: true.",
)
def workstation_security(config: Config, ctx: Context) -> Outcome:
    """A screen facing the waiting room discloses ePHI without any hacking at all."""
    return flag(
        config,
        f"{WORKSTATIONS}/security_measures",
        "workstations that access ePHI are physically secured",
        "workstations that access ePHI have no physical safeguards "
        "(locks, privacy screens, positioning)",
    )


# --------------------------------------------------------------------------------------------
# Device and media controls 164.310(d)
# --------------------------------------------------------------------------------------------


@control(
    id="PHYS-008",
    title="Device and media controls govern hardware and media holding ePHI",
    domain="physical",
    cites=["164.310(d)(1)", "164.310(d)(2)(i)", "164.310(d)(2)(ii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="The standard is required: every laptop, phone, drive and backup medium that holds "
    "ePHI must be tracked into, within and out of the organization, and wiped or destroyed at "
    "the end.",
    remediation="Keep an inventory (physical.device_media.inventory), sanitize per NIST SP 800-88 "
    "(disposal_method, reuse_sanitization) and back up before moving equipment "
    "(backup_before_move).",
)
def device_media(config: Config, ctx: Context) -> Outcome:
    """The standard as a whole: how many of its device and media safeguards are in place."""
    checks = (
        (
            "inventory and movement records",
            f"{MEDIA}/inventory",
            is_on(config, f"{MEDIA}/inventory"),
        ),
        (
            "a disposal method",
            f"{MEDIA}/disposal_method",
            _disposal_ok(get(config, f"{MEDIA}/disposal_method")),
        ),
        (
            "sanitization before re-use",
            f"{MEDIA}/reuse_sanitization",
            is_on(config, f"{MEDIA}/reuse_sanitization"),
        ),
        (
            "backup before moving equipment",
            f"{MEDIA}/backup_before_move",
            is_on(config, f"{MEDIA}/backup_before_move"),
        ),
    )
    missing = [(label, where(config, at)) for label, at, ok in checks if not ok]
    if not missing:
        return passed(f"all {len(checks)} device and media safeguards are in place", MEDIA)
    met = len(checks) - len(missing)
    return by_fraction(
        met,
        len(checks),
        f"{met} of {len(checks)} device and media safeguards are in place; missing: "
        + ", ".join(label for label, _ in missing),
        sorted({at for _, at in missing}),
    )


@control(
    id="PHYS-009",
    title="Disposal of ePHI media per NIST SP 800-88 (clear, purge or destroy)",
    domain="physical",
    cites=["164.310(d)(2)(i)", "164.402"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Disposal is a required specification. HHS guidance counts media as secured only if "
    "cleared, purged or destroyed consistent with NIST SP 800-88 (Rev. 1 cited by HHS; Rev. 2 "
    "appeared in 2025); a deleted file or a formatted drive is not.",
    remediation="Set physical.device_media.disposal_method to nist_800_88_clear, "
    "nist_800_88_purge or nist_800_88_destroy; when a vendor destroys media, require "
    "certificates stating the NIST SP 800-88 method.",
)
def disposal(config: Config, ctx: Context) -> Outcome:
    """Resold copiers and recycled laptops still full of patient data are a recurring OCR case."""
    at = f"{MEDIA}/disposal_method"
    method = get(config, at)
    if isinstance(method, str) and method in NIST_800_88:
        return passed(f"media holding ePHI are disposed of by {NIST_800_88[method]}", at)
    if method == "vendor_certified":
        return partial(
            0.5,
            "media are disposed of by a certified vendor; confirm and record that its method "
            "follows NIST SP 800-88",
            at,
        )
    if method is None:
        return failed("no disposal method is set for media holding ePHI", where(config, at))
    return failed(
        f"the disposal method is {method}; use a NIST SP 800-88 clear, purge or destroy method", at
    )


@control(
    id="PHYS-010",
    title="Media sanitized before re-use",
    domain="physical",
    cites=["164.310(d)(2)(ii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Media re-use is a required specification: a laptop passed to a new hire or a drive "
    "returned to the pool must have its ePHI removed first.",
    remediation="Sanitize electronic media before re-use (NIST SP 800-88 clear or purge) and set "
    "physical.device_media.reuse_sanitization: true.",
)
def media_reuse(config: Config, ctx: Context) -> Outcome:
    """A reissued laptop should not carry the previous clinician's downloaded records."""
    return flag(
        config,
        f"{MEDIA}/reuse_sanitization",
        "media are sanitized before re-use",
        "media are not sanitized before re-use, so ePHI can pass to the next user",
    )


@control(
    id="PHYS-011",
    title="Accountability: inventory and movement records for hardware and media",
    domain="physical",
    cites=["164.310(d)(2)(iii)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="An organization cannot protect, wipe or report what it does not know it has; a "
    "record of each device and medium and who holds it makes a loss detectable and scoping a "
    "breach possible.",
    remediation="Keep an inventory of hardware and media with ePHI and a record of their "
    "movements and holders; set physical.device_media.inventory: true.",
)
def accountability(config: Config, ctx: Context) -> Outcome:
    """Lost devices are discovered, and breaches scoped, only against an inventory."""
    return flag(
        config,
        f"{MEDIA}/inventory",
        "hardware and media with ePHI are inventoried with movement records",
        "no inventory or movement record is kept for hardware and media holding ePHI",
    )


@control(
    id="PHYS-012",
    title="Retrievable copy of ePHI made before equipment is moved",
    domain="physical",
    cites=["164.310(d)(2)(iv)"],
    basis="addressable",
    severity="low",
    risk="TODO",
    rationale="Equipment relocated between clinics or sent for repair can be lost or damaged in "
    "transit; an exact, retrievable copy of its ePHI made beforehand keeps the data available.",
    remediation="Back up ePHI before moving equipment and set "
    "physical.device_media.backup_before_move: true.",
)
def backup_before_move(config: Config, ctx: Context) -> Outcome:
    """A server dropped on the way to the new clinic should not take the only copy with it."""
    return flag(
        config,
        f"{MEDIA}/backup_before_move",
        "a retrievable copy of ePHI is made before equipment is moved",
        "no retrievable copy of ePHI is made before equipment is moved",
    )


# --------------------------------------------------------------------------------------------
# BYOD and mobile devices
# --------------------------------------------------------------------------------------------


@control(
    id="PHYS-013",
    title="Personal devices enrolled in MDM, containerized and remotely wipeable",
    domain="physical",
    cites=["164.310(d)(1)", "164.310(d)(2)(iii)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="Device and media controls apply to personal phones and tablets that reach ePHI. "
    "MDM enrolment is what makes them accountable, a work container keeps ePHI apart from "
    "personal apps, and remote wipe removes it when a device is lost or its owner leaves "
    "(CMS remote-use guidance).",
    remediation="Require MDM enrolment (byod.mdm_required: true), a managed work container "
    "(byod.containerization: true) and remote wipe (byod.remote_wipe: true), or set "
    "byod.allowed: false.",
)
def byod_managed(config: Config, ctx: Context) -> Outcome:
    """An unmanaged personal phone with the telehealth app is invisible until it is lost."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    checks = (
        ("MDM enrolment", "mdm_required"),
        ("containerization", "containerization"),
        ("remote wipe", "remote_wipe"),
    )
    missing = not_in_place(config, [(label, f"{BYOD}/{key}") for label, key in checks])
    if not missing:
        return passed(
            "personal devices are MDM-enrolled, containerized and remotely wipeable",
            [f"{BYOD}/{key}" for _, key in checks],
        )
    return by_fraction(
        len(checks) - len(missing),
        len(checks),
        "personal devices are allowed without " + " and ".join(label for label, _ in missing),
        [at for _, at in missing],
    )


@control(
    id="PHYS-014",
    title="Encryption required on personal devices",
    domain="physical",
    cites=["164.312(a)(2)(iv)", "164.310(d)(1)"],
    basis="addressable",
    severity="high",
    risk="TODO",
    rationale="A lost unencrypted phone with cached ePHI is a reportable breach; an encrypted one "
    "falls under the breach safe harbor. Full-device encryption is standard on current phones "
    "but must be enforced (passcode set) to be on.",
    remediation="Require device encryption through MDM compliance policy and set "
    "byod.device_encryption_required: true.",
)
def byod_encryption(config: Config, ctx: Context) -> Outcome:
    """Phones are lost far more often than laptops, and usually with cached messages."""
    return _no_byod(config) or flag(
        config,
        f"{BYOD}/device_encryption_required",
        "personal devices must be encrypted",
        "personal devices may reach ePHI without device encryption",
    )


@control(
    id="PHYS-015",
    title="Screen lock on personal devices after 5 minutes or less",
    domain="physical",
    cites=["164.312(a)(2)(iii)", "164.310(c)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="A phone left unlocked on a café table exposes the telehealth app. HIPAA sets no "
    "number: 5 minutes is this catalog's ceiling for personal devices, and CIS Controls v8 4.3 "
    "suggests 2 minutes for mobile devices.",
    remediation="Enforce a screen lock of 5 minutes or less (2 is the CIS suggestion for mobile) "
    "through MDM and set byod.screen_lock_minutes.",
)
def byod_screen_lock(config: Config, ctx: Context) -> Outcome:
    """Mobile devices are used in public, where an unlocked screen is seen by strangers."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    return at_most(
        config,
        f"{BYOD}/screen_lock_minutes",
        5,
        half_credit_up_to=15,
        missing="no screen lock is enforced on personal devices",
        within=lambda minutes: f"personal devices lock after {minutes} minutes",
        over=lambda minutes: f"personal devices lock after {minutes} minutes; the ceiling is 5 "
        "(CIS suggests 2 for mobile)",
    )


@control(
    id="PHYS-016",
    title="Personal devices run an OS patched within 30 days",
    domain="physical",
    cites=["164.308(a)(5)(ii)(B)", "164.310(c)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Unpatched mobile operating systems are the main route for malware onto the devices "
    "that hold the telehealth app. HIPAA sets no number: 30 days matches the high-risk patch "
    "window of the 2025 NPRM (proposed) and common MDM compliance policies.",
    remediation="Block devices whose OS patch level is older than 30 days through MDM compliance "
    "rules and set byod.os_patch_max_age_days to 30 or less.",
)
def byod_patching(config: Config, ctx: Context) -> Outcome:
    """Old OS builds on personal phones carry publicly known, actively exploited flaws."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    return at_most(
        config,
        f"{BYOD}/os_patch_max_age_days",
        30,
        half_credit_up_to=60,
        missing="no maximum OS patch age is enforced on personal devices",
        within=lambda days: f"personal devices must run an OS patched within {days} days",
        over=lambda days: f"personal devices may run an OS patched {days} days ago; "
        "the benchmark is 30 or less",
    )


@control(
    id="PHYS-017",
    title="Jailbroken or rooted personal devices are detected and blocked",
    domain="physical",
    cites=["164.308(a)(5)(ii)(B)", "164.310(d)(1)"],
    basis="addressable",
    severity="medium",
    risk="TODO",
    rationale="Jailbreaking or rooting removes the OS sandbox and encryption guarantees that the "
    "work container relies on, and is a common malware vector; MDM can detect it and cut access.",
    remediation="Enable jailbreak and root detection in the MDM compliance policy and set "
    "byod.jailbreak_detection: true.",
)
def byod_jailbreak(config: Config, ctx: Context) -> Outcome:
    """A rooted phone lets any app read the telehealth app's data."""
    return _no_byod(config) or flag(
        config,
        f"{BYOD}/jailbreak_detection",
        "jailbroken or rooted personal devices are detected",
        "jailbroken or rooted personal devices are not detected",
    )


@control(
    id="PHYS-018",
    title="No ePHI stored locally on personal devices",
    domain="physical",
    cites=["164.310(d)(1)", "164.312(a)(2)(iv)"],
    basis="required",
    severity="high",
    risk="TODO",
    rationale="CMS remote-use guidance asks that ePHI not be stored on devices the organization "
    "does not control. Viewing through the platform without local copies (downloads, photos, "
    "cached files) means a lost or departed personal device takes no ePHI with it.",
    remediation="Block downloads, screenshots and local caching on personal devices and set "
    "byod.ephi_local_storage_allowed: false; until then, at least keep local data inside an "
    "encrypted, wipeable container.",
)
def byod_local_storage(config: Config, ctx: Context) -> Outcome:
    """Patient photos in a personal camera roll sync to personal cloud accounts."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    at = f"{BYOD}/ephi_local_storage_allowed"
    if not is_on(config, at):
        return passed("ePHI may not be stored locally on personal devices", where(config, at))
    if is_on(config, f"{BYOD}/containerization") and is_on(
        config, f"{BYOD}/device_encryption_required"
    ):
        return partial(
            0.5,
            "ePHI may be stored on personal devices, though only in an encrypted container; "
            "disallow local storage",
            at,
        )
    return failed("ePHI may be stored on personal devices outside an encrypted container", at)
