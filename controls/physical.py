"""Physical safeguards (45 CFR 164.310): facilities, workstations, devices and media, BYOD.

Facility controls do not apply to a fully virtual organization (organization.sites: 0), whose
hosting facilities are its business associates'. BYOD controls do not apply when byod.allowed
is false. A 164.310 standard's own control asks whether the standard is addressed at all; each
implementation specification has its own control, so one missing specification is counted
once. Benchmark numbers (a 5-minute screen lock, a 30-day patch age) are controls of their own,
read through `ctx.limit` so that a documented `tailored` decision moves them, and are not
applicable where the safeguard they measure is absent.
"""

from __future__ import annotations

from phi_policy.control import (
    Config,
    at_most,
    control,
    failed,
    flag,
    get,
    is_on,
    join,
    not_applicable,
    not_in_place,
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
    """One reading for PHYS-008 and PHYS-009: NIST SP 800-88 clear, purge or destroy, done in
    house or by a certified destruction vendor (whose certificates state the method)."""
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
    risk="With nothing limiting who enters, servers, network closets and clinic workstations "
    "are open to visitors and intruders who can take or tap them.",
    rationale="The facility access standard is required: policies and procedures must limit "
    "physical access to ePHI systems and the facilities housing them while authorized access "
    "stays possible. Its four specifications are addressable and judged one by one (PHYS-002 "
    "to PHYS-005); this control fails when the standard is not addressed at all, with neither "
    "a facility security plan nor access control and validation procedures in place.",
    remediation="Adopt a facility security plan (physical.facility.security_plan: true) and "
    "control and validate access by role (physical.facility.access_control_validation: true).",
)
def facility_access(config: Config, ctx: Context) -> Outcome:
    """The standard as a whole: is physical access limited by any plan or procedure at all."""
    virtual = _virtual(config)
    if virtual is not None:
        return virtual
    in_place = [label for key, label in FACILITY_SAFEGUARDS if is_on(config, f"{FACILITY}/{key}")]
    limiting = [
        key for key in ("security_plan", "access_control_validation")
        if is_on(config, f"{FACILITY}/{key}")
    ]
    if not limiting:
        return failed(
            "nothing limits physical access to ePHI systems: there is neither a facility security "
            "plan nor access control and validation procedures",
            sorted({where(config, f"{FACILITY}/security_plan"),
                    where(config, f"{FACILITY}/access_control_validation")}),
        )
    return passed(
        f"physical access to ePHI systems is limited ({join(in_place)} in place; each facility "
        "safeguard is judged by PHYS-002 to PHYS-005)",
        FACILITY,
    )


@control(
    id="PHYS-002",
    title="Facility access for contingency operations",
    domain="physical",
    cites=["164.310(a)(2)(i)", "164.308(a)(7)(ii)(B)"],
    basis="addressable",
    severity="medium",
    risk="If no one arranged who may enter in an emergency, restoring ePHI stalls at a locked "
    "door or a dead badge system.",
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
    risk="Without a written plan, locks, alarms and secured server rooms depend on each site's "
    "habits and gaps go unnoticed.",
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
    risk="Tailgating visitors and former staff with live badges can reach areas where devices "
    "holding ePHI can be taken.",
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
    risk="Unrecorded repairs to locks and doors are a documentation gap that makes a physical "
    "intrusion harder to reconstruct.",
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
    risk="Without rules for where and how devices reach ePHI, visits happen on shared family "
    "laptops and in rooms where others can see and hear.",
    rationale="Workstation use is a required standard: policies must specify the functions, "
    "the manner and the physical surroundings of workstations that reach ePHI. Clinicians who "
    "see patients from home work in a class of surroundings of its own (a private room, no "
    "family use of the device, screens out of view, no public Wi-Fi), so the policy must cover "
    "it.",
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
    return failed(" and ".join(m[0] for m in missing), [m[1] for m in missing])


@control(
    id="PHYS-007",
    title="Workstation security (locks, privacy screens, positioning)",
    domain="physical",
    cites=["164.310(c)"],
    basis="required",
    severity="medium",
    risk="A screen facing a waiting room or an unsecured clinic laptop discloses or loses ePHI "
    "without any hacking.",
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
    risk="With no control over devices and media at all, laptops, drives and backup media "
    "holding ePHI come and go untracked and leave with their data on them.",
    rationale="The device and media controls standard is required: policies and procedures must "
    "govern how hardware and media holding ePHI come in, move and leave. Its specifications are "
    "judged one by one (disposal PHYS-009, re-use PHYS-010, accountability PHYS-011, backup "
    "before moves PHYS-012); this control fails when the standard is not addressed at all. A "
    "certified vendor's destruction counts as a disposal method here as in PHYS-009.",
    remediation="Keep an inventory (physical.device_media.inventory), sanitize per NIST SP 800-88 "
    "(disposal_method, reuse_sanitization) and back up before moving equipment "
    "(backup_before_move).",
)
def device_media(config: Config, ctx: Context) -> Outcome:
    """The standard as a whole: is any device and media safeguard in place at all."""
    checks = (
        ("inventory and movement records", f"{MEDIA}/inventory",
         is_on(config, f"{MEDIA}/inventory")),
        ("a disposal method", f"{MEDIA}/disposal_method",
         _disposal_ok(get(config, f"{MEDIA}/disposal_method"))),
        ("sanitization before re-use", f"{MEDIA}/reuse_sanitization",
         is_on(config, f"{MEDIA}/reuse_sanitization")),
        ("backup before moving equipment", f"{MEDIA}/backup_before_move",
         is_on(config, f"{MEDIA}/backup_before_move")),
    )
    in_place = [label for label, _, ok in checks if ok]
    if not in_place:
        return failed(
            "no device and media safeguard is in place: no inventory, no NIST SP 800-88 or "
            "certified disposal, no sanitization before re-use and no backup before moves",
            sorted({where(config, at) for _, at, _ in checks}),
        )
    return passed(
        f"device and media controls are in place ({join(in_place)}; each specification is "
        "judged by PHYS-009 to PHYS-012)",
        MEDIA,
    )


@control(
    id="PHYS-009",
    title="Disposal of ePHI media per NIST SP 800-88 (clear, purge or destroy)",
    domain="physical",
    cites=["164.310(d)(2)(i)", "164.402"],
    basis="required",
    severity="high",
    risk="Resold copiers and recycled laptops still holding patient data are a recurring OCR "
    "case; every disposed device is a potential breach.",
    rationale="Disposal is a required specification. HHS guidance counts media as secured only if "
    "cleared, purged or destroyed consistent with NIST SP 800-88 (Rev. 1 cited by HHS; Rev. 2 "
    "appeared in 2025); a deleted file or a formatted drive is not. A certified destruction "
    "vendor that sanitizes or destroys under NIST SP 800-88 counts the same as doing it in "
    "house (the same reading as PHYS-008); keep its certificates of destruction.",
    remediation="Set physical.device_media.disposal_method to nist_800_88_clear, "
    "nist_800_88_purge or nist_800_88_destroy, or vendor_certified when a destruction vendor "
    "does it; require certificates stating the NIST SP 800-88 method.",
)
def disposal(config: Config, ctx: Context) -> Outcome:
    """Resold copiers and recycled laptops still full of patient data are a recurring OCR case."""
    at = f"{MEDIA}/disposal_method"
    method = get(config, at)
    if isinstance(method, str) and method in NIST_800_88:
        return passed(f"media holding ePHI are disposed of by {NIST_800_88[method]}", at)
    if method == "vendor_certified":
        return passed(
            "media holding ePHI are destroyed by a certified vendor under NIST SP 800-88; keep "
            "its certificates of destruction",
            at,
        )
    if method is None:
        return failed("no disposal method is set for media holding ePHI", where(config, at))
    return failed(
        f"the disposal method is {method}; use a NIST SP 800-88 clear, purge or destroy method "
        "or a certified destruction vendor",
        at,
    )


@control(
    id="PHYS-010",
    title="Media sanitized before re-use",
    domain="physical",
    cites=["164.310(d)(2)(ii)"],
    basis="required",
    severity="high",
    risk="A reissued laptop or a returned drive carries the previous user's ePHI to whoever "
    "gets it next, inside or outside the organization.",
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
    risk="Without an inventory a lost device goes unnoticed and a breach cannot be scoped, "
    "though other safeguards still protect the data on it.",
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
    risk="Equipment lost or damaged in a move can take data with it, but regular backups "
    "usually hold a copy anyway.",
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
    title="Personal devices enrolled in MDM, containerized and remotely wipeable (benchmark)",
    domain="physical",
    cites=["164.310(d)(2)(iii)", "164.310(d)(1)"],
    basis="benchmark",
    severity="medium",
    risk="An unmanaged personal phone with the telehealth app cannot be tracked, separated from "
    "personal apps or wiped when lost; device encryption (PHYS-014) still protects it.",
    rationale="Benchmark: HIPAA names no mobile device management. The nearest specification, "
    "accountability for hardware and media (164.310(d)(2)(iii)), is addressable; CMS's "
    "remote-use guidance and common practice ask for MDM enrolment, a work container that keeps "
    "ePHI apart from personal apps, and remote wipe when a device is lost or its owner leaves. "
    "Each missing element is named.",
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
    return failed(
        "personal devices are allowed without " + join(label for label, _ in missing)
        + " (benchmark: CMS remote-use guidance; HIPAA names no MDM)",
        [at for _, at in missing],
        instances=[label for label, _ in missing],
    )


@control(
    id="PHYS-014",
    title="Encryption required on personal devices",
    domain="physical",
    cites=["164.312(a)(2)(iv)", "164.310(d)(1)"],
    basis="addressable",
    severity="critical",
    risk="Phones are lost far more often than laptops and cache messages, images and app data; "
    "a lost unencrypted one holding ePHI is a reportable breach on its own.",
    rationale="Encryption and decryption is addressable. A lost unencrypted phone with cached "
    "ePHI is a reportable breach; an encrypted one falls under the breach safe harbor. "
    "Full-device encryption is standard on current phones but must be enforced (passcode set) "
    "to be on.",
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
    title="Screen lock enforced on personal devices",
    domain="physical",
    cites=["164.312(a)(2)(iii)", "164.310(c)"],
    basis="addressable",
    severity="medium",
    risk="A personal phone that never locks exposes the telehealth app to anyone who picks it "
    "up in a café or at home.",
    rationale="Automatic logoff is addressable: a device left idle must lock. This control asks "
    "that personal devices have an enforced screen lock; how short it is is a benchmark "
    "(PHYS-019).",
    remediation="Enforce a screen lock through MDM and record it in byod.screen_lock_minutes.",
)
def byod_screen_lock(config: Config, ctx: Context) -> Outcome:
    """Mobile devices are used in public, where an unlocked screen is seen by strangers."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    at = f"{BYOD}/screen_lock_minutes"
    minutes = get(config, at)
    if minutes is None:
        return failed("no screen lock is enforced on personal devices", where(config, at))
    return passed(f"personal devices lock after {minutes} minutes of inactivity", at)


@control(
    id="PHYS-019",
    title="Personal devices lock after 5 minutes or less (benchmark)",
    domain="physical",
    cites=["164.312(a)(2)(iii)"],
    basis="benchmark",
    severity="low",
    risk="A longer lock delay leaves an unattended phone open a little longer; it locks either "
    "way.",
    tailorable="minutes of inactivity before a personal device locks",
    partial_credit="half credit when the lock delay is over the benchmark but at most three "
    "times it (6 to 15 minutes against 5): the device still locks, later",
    rationale="Benchmark: CIS Controls v8 Safeguard 4.3 names 2 minutes for mobile devices; this "
    "catalog accepts up to 5; HIPAA sets no number. Not applicable when no screen lock is "
    "enforced (PHYS-015 fails).",
    remediation="Set byod.screen_lock_minutes to 5 or less (2 is the CIS suggestion for mobile), "
    "or record a tailored value in a decision.",
)
def byod_screen_lock_benchmark(config: Config, ctx: Context) -> Outcome:
    """Phones are used in public; the sooner they lock, the less a stranger sees."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    at = f"{BYOD}/screen_lock_minutes"
    if get(config, at) is None:
        return not_applicable("no screen lock is enforced to judge (PHYS-015)", where(config, at))
    limit = ctx.limit(5)
    return at_most(
        config,
        at,
        limit,
        half_credit_up_to=3 * limit,
        missing="no screen lock is enforced on personal devices",
        within=lambda minutes: f"personal devices lock after {minutes} minutes "
        f"(benchmark: {limit:g})",
        over=lambda minutes: f"personal devices lock after {minutes} minutes; benchmark: "
        f"{limit:g} or less (CIS Controls v8 4.3 suggests 2 for mobile; HIPAA sets no number)",
    )


@control(
    id="PHYS-016",
    title="Personal devices must run a patched operating system",
    domain="physical",
    cites=["164.308(a)(5)(ii)(B)", "164.308(a)(1)(ii)(B)"],
    basis="addressable",
    severity="medium",
    risk="Personal phones on old OS builds carry publicly known, actively exploited flaws into "
    "the telehealth app's sandbox.",
    rationale="Protection from malicious software (164.308(a)(5)(ii)(B)) is addressable, and "
    "risk management (164.308(a)(1)(ii)(B), required) must reduce known risks such as "
    "unpatched operating systems. This control asks that a maximum OS patch age is enforced "
    "on personal devices; how many days is a benchmark (PHYS-020).",
    remediation="Block devices whose OS patch level is too old through MDM compliance rules and "
    "record the limit in byod.os_patch_max_age_days.",
)
def byod_patching(config: Config, ctx: Context) -> Outcome:
    """Old OS builds on personal phones carry publicly known, actively exploited flaws."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    at = f"{BYOD}/os_patch_max_age_days"
    days = get(config, at)
    if days is None:
        return failed("no maximum OS patch age is enforced on personal devices",
                      where(config, at))
    return passed(f"personal devices must run an OS patched within {days} days", at)


@control(
    id="PHYS-020",
    title="Personal devices run an OS patched within 30 days (benchmark)",
    domain="physical",
    cites=["164.308(a)(5)(ii)(B)"],
    basis="benchmark",
    severity="medium",
    risk="A longer patch window keeps known-exploited flaws on personal phones longer; patching "
    "is enforced either way.",
    tailorable="days a personal device may go without the latest OS security update",
    partial_credit="half credit when the allowed patch age is over the benchmark but at most "
    "twice it (31 to 60 days against 30): patches still arrive, later",
    rationale="Benchmark: HIPAA sets no number. 30 days matches common MDM compliance policies "
    "and the high-risk patch window the 2025 proposed rule would set. Not applicable when no "
    "patch age is enforced (PHYS-016 fails).",
    remediation="Set byod.os_patch_max_age_days to 30 or less, or record a tailored value in a "
    "decision.",
)
def byod_patching_benchmark(config: Config, ctx: Context) -> Outcome:
    """The patch window is how long a published flaw stays open on a clinician's phone."""
    absent = _no_byod(config)
    if absent is not None:
        return absent
    at = f"{BYOD}/os_patch_max_age_days"
    if get(config, at) is None:
        return not_applicable("no OS patch age is enforced to judge (PHYS-016)",
                              where(config, at))
    limit = ctx.limit(30)
    return at_most(
        config,
        at,
        limit,
        half_credit_up_to=2 * limit,
        missing="no maximum OS patch age is enforced on personal devices",
        within=lambda days: f"personal devices must run an OS patched within {days} days "
        f"(benchmark: {limit:g})",
        over=lambda days: f"personal devices may run an OS patched {days} days ago; benchmark: "
        f"{limit:g} or less (HIPAA sets no number)",
    )


@control(
    id="PHYS-017",
    title="Jailbroken or rooted personal devices are detected and blocked (benchmark)",
    domain="physical",
    cites=["164.308(a)(5)(ii)(B)", "164.310(d)(1)"],
    basis="benchmark",
    severity="medium",
    risk="A rooted phone lets any app read the telehealth app's data, bypassing the container "
    "and encryption guarantees.",
    rationale="Benchmark: HIPAA names no such check; protection from malicious software "
    "(164.308(a)(5)(ii)(B)) is addressable and names no means. Jailbreaking or rooting removes "
    "the OS sandbox and encryption guarantees the work container relies on, and MDM can detect "
    "it and cut access (a common MDM compliance rule).",
    remediation="Enable jailbreak and root detection in the MDM compliance policy and set "
    "byod.jailbreak_detection: true.",
)
def byod_jailbreak(config: Config, ctx: Context) -> Outcome:
    """A rooted phone lets any app read the telehealth app's data."""
    return _no_byod(config) or flag(
        config,
        f"{BYOD}/jailbreak_detection",
        "jailbroken or rooted personal devices are detected",
        "jailbroken or rooted personal devices are not detected (benchmark: a common MDM rule)",
    )


@control(
    id="PHYS-018",
    title="No ePHI stored locally on personal devices (benchmark)",
    domain="physical",
    cites=["164.310(d)(1)", "164.312(a)(2)(iv)"],
    basis="benchmark",
    severity="medium",
    risk="Local copies on personal devices (downloads, photos, cached files) leave with the "
    "device or its owner and sync to personal clouds.",
    rationale="Benchmark: HIPAA does not forbid ePHI on personal devices; it asks that they be "
    "protected like any other device (device and media controls, encryption). CMS remote-use "
    "guidance asks that ePHI not be stored on devices the organization does not control: "
    "viewing through the platform without local copies means a lost or departed personal "
    "device takes no ePHI with it. Local copies kept only inside an encrypted, managed "
    "container can be recorded as an alternative in a decision.",
    remediation="Block downloads, screenshots and local caching on personal devices and set "
    "byod.ephi_local_storage_allowed: false, or record the encrypted managed container as an "
    "alternative in a decision.",
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
        return failed(
            "ePHI may be stored on personal devices, though only in an encrypted container "
            "(benchmark: CMS remote-use guidance; record the container as an alternative in a "
            "decision, or disallow local storage)",
            at,
        )
    return failed(
        "ePHI may be stored on personal devices outside an encrypted container (benchmark: CMS "
        "remote-use guidance)",
        at,
    )
