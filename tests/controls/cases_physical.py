"""Cases for controls/physical.py (PHYS-001..PHYS-020), as patches to the strong base config.

Cases marked "old logic" fail (or pass) where the control before issue 10 gave another answer.
"""

from __future__ import annotations

from tests.controls.harness import DELETE, Case

FACILITY = "/physical/facility"
MEDIA = "/physical/device_media"
VIRTUAL = {"/organization/sites": 0}
NO_BYOD = {"/byod/allowed": False}

CASES = [
    # PHYS-001 facility access controls standard
    Case(
        "PHYS-001",
        "all-four",
        "pass",
        paths=(FACILITY,),
        message="physical access to ePHI systems is limited (contingency operations, facility "
        "security plan, access control and validation and maintenance records in place",
    ),
    Case(
        "PHYS-001",
        "no-maintenance-records-is-phys-005s",  # old logic: 0.75 credit, double-counting
        "pass",
        {f"{FACILITY}/maintenance_records": False},
    ),
    Case(
        "PHYS-001",
        "badges-without-a-plan",
        "pass",
        {f"{FACILITY}/security_plan": False},
    ),
    Case(
        "PHYS-001",
        "nothing-limits-access",
        "fail",
        {f"{FACILITY}/security_plan": False, f"{FACILITY}/access_control_validation": DELETE},
        paths=(f"{FACILITY}/security_plan", FACILITY),
        message="nothing limits physical access to ePHI systems",
    ),
    Case(
        "PHYS-001",
        "facility-section-absent",
        "fail",
        {FACILITY: DELETE},
        paths=("/physical",),
        message="there is neither a facility security plan nor access control and validation",
    ),
    Case(
        "PHYS-001",
        "fully-virtual",
        "not_applicable",
        VIRTUAL,
        paths=("/organization/sites",),
        message="the organization has no physical sites (sites: 0)",
    ),
    Case("PHYS-001", "one-site", "pass", {"/organization/sites": 1}),
    # PHYS-002 contingency operations
    Case("PHYS-002", "base", "pass", paths=(f"{FACILITY}/contingency_operations",)),
    Case(
        "PHYS-002",
        "off",
        "fail",
        {f"{FACILITY}/contingency_operations": False},
        paths=(f"{FACILITY}/contingency_operations",),
        message="no procedure allows facility access to restore data",
    ),
    Case("PHYS-002", "fully-virtual", "not_applicable", VIRTUAL),
    # PHYS-003 facility security plan
    Case("PHYS-003", "base", "pass", paths=(f"{FACILITY}/security_plan",)),
    Case(
        "PHYS-003",
        "absent",
        "fail",
        {f"{FACILITY}/security_plan": DELETE},
        paths=(FACILITY,),
        message="no facility security plan protects the sites",
    ),
    Case("PHYS-003", "fully-virtual", "not_applicable", VIRTUAL),
    # PHYS-004 access control and validation
    Case("PHYS-004", "base", "pass", paths=(f"{FACILITY}/access_control_validation",)),
    Case(
        "PHYS-004",
        "off",
        "fail",
        {f"{FACILITY}/access_control_validation": False},
        paths=(f"{FACILITY}/access_control_validation",),
        message="facility access is not controlled and validated by role",
    ),
    Case("PHYS-004", "fully-virtual", "not_applicable", VIRTUAL),
    # PHYS-005 maintenance records
    Case("PHYS-005", "base", "pass", paths=(f"{FACILITY}/maintenance_records",)),
    Case(
        "PHYS-005",
        "physical-section-absent",
        "fail",
        {"/physical": DELETE},
        paths=("/physical",),
        message="are not recorded",
    ),
    Case("PHYS-005", "fully-virtual", "not_applicable", VIRTUAL),
    # PHYS-006 workstation use, incl. telehealth from home
    Case(
        "PHYS-006",
        "base",
        "pass",
        paths=("/physical/workstations/use_policy", "/physical/workstations/remote_work_policy"),
    ),
    Case(
        "PHYS-006",
        "no-remote-policy",  # old logic: half credit
        "fail",
        {"/physical/workstations/remote_work_policy": False},
        paths=("/physical/workstations/remote_work_policy",),
        message="no policy for telehealth work from home",
    ),
    Case(
        "PHYS-006",
        "no-policies",
        "fail",
        {"/physical/workstations": DELETE},
        paths=("/physical",),
        message="no workstation use policy and no policy for telehealth work from home",
    ),
    Case("PHYS-006", "fully-virtual-still-applies", "pass", VIRTUAL),
    # PHYS-007 workstation security
    Case("PHYS-007", "base", "pass", paths=("/physical/workstations/security_measures",)),
    Case(
        "PHYS-007",
        "off",
        "fail",
        {"/physical/workstations/security_measures": False},
        paths=("/physical/workstations/security_measures",),
        message="workstations that access ePHI have no physical safeguards",
    ),
    # PHYS-008 device and media controls standard
    Case("PHYS-008", "all-four", "pass", paths=(MEDIA,)),
    Case(
        "PHYS-008",
        "no-disposal-method-is-phys-009s",  # old logic: 0.75 credit, double-counting
        "pass",
        {f"{MEDIA}/disposal_method": "none"},
        message="device and media controls are in place (inventory and movement records, "
        "sanitization before re-use and backup before moving equipment",
    ),
    Case(
        "PHYS-008",
        "vendor-disposal-counts",  # the same reading as PHYS-009
        "pass",
        {
            f"{MEDIA}/disposal_method": "vendor_certified",
            f"{MEDIA}/inventory": False,
            f"{MEDIA}/reuse_sanitization": False,
            f"{MEDIA}/backup_before_move": False,
        },
        message="device and media controls are in place (a disposal method;",
    ),
    Case(
        "PHYS-008",
        "nothing",
        "fail",
        {MEDIA: {}},
        paths=(MEDIA,),
        message="no device and media safeguard is in place",
    ),
    Case(
        "PHYS-008",
        "only-an-unsanctioned-disposal",
        "fail",
        {MEDIA: {"disposal_method": "none"}},
        paths=(f"{MEDIA}/disposal_method", MEDIA),
    ),
    # PHYS-009 disposal
    Case(
        "PHYS-009",
        "purge",
        "pass",
        paths=(f"{MEDIA}/disposal_method",),
        message="NIST SP 800-88 purge",
    ),
    Case("PHYS-009", "destroy", "pass", {f"{MEDIA}/disposal_method": "nist_800_88_destroy"}),
    Case(
        "PHYS-009",
        "vendor-certified",  # old logic: half credit, while PHYS-008 counted it in full
        "pass",
        {f"{MEDIA}/disposal_method": "vendor_certified"},
        paths=(f"{MEDIA}/disposal_method",),
        message="destroyed by a certified vendor under NIST SP 800-88",
    ),
    Case(
        "PHYS-009",
        "none",
        "fail",
        {f"{MEDIA}/disposal_method": "none"},
        paths=(f"{MEDIA}/disposal_method",),
        message="the disposal method is none",
    ),
    Case(
        "PHYS-009",
        "absent",
        "fail",
        {f"{MEDIA}/disposal_method": DELETE},
        paths=(MEDIA,),
        message="no disposal method is set",
    ),
    # PHYS-010 media re-use
    Case("PHYS-010", "base", "pass", paths=(f"{MEDIA}/reuse_sanitization",)),
    Case(
        "PHYS-010",
        "off",
        "fail",
        {f"{MEDIA}/reuse_sanitization": False},
        paths=(f"{MEDIA}/reuse_sanitization",),
        message="media are not sanitized before re-use",
    ),
    # PHYS-011 accountability
    Case("PHYS-011", "base", "pass", paths=(f"{MEDIA}/inventory",)),
    Case(
        "PHYS-011",
        "absent",
        "fail",
        {f"{MEDIA}/inventory": DELETE},
        paths=(MEDIA,),
        message="no inventory or movement record",
    ),
    # PHYS-012 backup before moving equipment
    Case("PHYS-012", "base", "pass", paths=(f"{MEDIA}/backup_before_move",)),
    Case(
        "PHYS-012",
        "off",
        "fail",
        {f"{MEDIA}/backup_before_move": False},
        paths=(f"{MEDIA}/backup_before_move",),
        message="no retrievable copy of ePHI is made before equipment is moved",
    ),
    # PHYS-013 BYOD managed
    Case(
        "PHYS-013",
        "base",
        "pass",
        paths=("/byod/mdm_required", "/byod/containerization", "/byod/remote_wipe"),
    ),
    Case(
        "PHYS-013",
        "no-remote-wipe",  # old logic: 2/3 credit
        "fail",
        {"/byod/remote_wipe": False},
        paths=("/byod/remote_wipe",),
        message="personal devices are allowed without remote wipe (benchmark: CMS remote-use "
        "guidance; HIPAA names no MDM)",
        instances=("remote wipe",),
    ),
    Case(
        "PHYS-013",
        "unmanaged",
        "fail",
        {"/byod/mdm_required": False, "/byod/containerization": DELETE, "/byod/remote_wipe": False},
        paths=("/byod/mdm_required", "/byod", "/byod/remote_wipe"),
        message="without MDM enrolment, containerization and remote wipe",
        instances=("MDM enrolment", "containerization", "remote wipe"),
    ),
    Case(
        "PHYS-013",
        "byod-not-allowed",
        "not_applicable",
        NO_BYOD,
        paths=("/byod/allowed",),
        message="personal devices are not allowed",
    ),
    # PHYS-014 BYOD encryption
    Case("PHYS-014", "base", "pass", paths=("/byod/device_encryption_required",)),
    Case(
        "PHYS-014",
        "off",
        "fail",
        {"/byod/device_encryption_required": False},
        paths=("/byod/device_encryption_required",),
        message="personal devices may reach ePHI without device encryption",
    ),
    Case("PHYS-014", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-015 BYOD screen lock enforced (addressable)
    Case("PHYS-015", "2-minutes", "pass", paths=("/byod/screen_lock_minutes",)),
    Case(
        "PHYS-015",
        "16-minutes-still-a-lock",  # old logic: fail; the number is PHYS-019's
        "pass",
        {"/byod/screen_lock_minutes": 16},
        message="personal devices lock after 16 minutes of inactivity",
    ),
    Case(
        "PHYS-015",
        "absent",
        "fail",
        {"/byod/screen_lock_minutes": DELETE},
        paths=("/byod",),
        message="no screen lock is enforced",
    ),
    Case("PHYS-015", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-019 BYOD screen lock benchmark (5 minutes, tailorable)
    Case("PHYS-019", "2-minutes", "pass", paths=("/byod/screen_lock_minutes",)),
    Case("PHYS-019", "5-minutes", "pass", {"/byod/screen_lock_minutes": 5}),
    Case(
        "PHYS-019",
        "6-minutes",
        "partial",
        {"/byod/screen_lock_minutes": 6},
        credit=0.5,
        paths=("/byod/screen_lock_minutes",),
        message="personal devices lock after 6 minutes; benchmark: 5 or less (CIS Controls v8 "
        "4.3 suggests 2 for mobile; HIPAA sets no number)",
    ),
    Case("PHYS-019", "15-minutes", "partial", {"/byod/screen_lock_minutes": 15}, credit=0.5),
    Case(
        "PHYS-019",
        "16-minutes",
        "fail",
        {"/byod/screen_lock_minutes": 16},
        paths=("/byod/screen_lock_minutes",),
        message="lock after 16 minutes",
    ),
    Case(
        "PHYS-019",
        "tailored-10-minutes",
        "pass",
        {"/byod/screen_lock_minutes": 10},
        limits=((None, 10),),
        message="(benchmark: 10)",
    ),
    Case(
        "PHYS-019",
        "absent-is-phys-015s",
        "not_applicable",
        {"/byod/screen_lock_minutes": DELETE},
        message="(PHYS-015)",
    ),
    Case("PHYS-019", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-016 BYOD OS patch age enforced (addressable)
    Case("PHYS-016", "30-days", "pass", paths=("/byod/os_patch_max_age_days",)),
    Case(
        "PHYS-016",
        "90-days-still-enforced",  # old logic: fail; the number is PHYS-020's
        "pass",
        {"/byod/os_patch_max_age_days": 90},
    ),
    Case(
        "PHYS-016",
        "absent",
        "fail",
        {"/byod/os_patch_max_age_days": DELETE},
        paths=("/byod",),
        message="no maximum OS patch age is enforced",
    ),
    Case("PHYS-016", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-020 BYOD OS patch age benchmark (30 days, tailorable)
    Case("PHYS-020", "30-days", "pass", paths=("/byod/os_patch_max_age_days",)),
    Case(
        "PHYS-020",
        "31-days",
        "partial",
        {"/byod/os_patch_max_age_days": 31},
        credit=0.5,
        paths=("/byod/os_patch_max_age_days",),
        message="may run an OS patched 31 days ago; benchmark: 30 or less (HIPAA sets no number)",
    ),
    Case("PHYS-020", "60-days", "partial", {"/byod/os_patch_max_age_days": 60}, credit=0.5),
    Case(
        "PHYS-020",
        "61-days",
        "fail",
        {"/byod/os_patch_max_age_days": 61},
        paths=("/byod/os_patch_max_age_days",),
    ),
    Case(
        "PHYS-020",
        "tailored-45-days",
        "pass",
        {"/byod/os_patch_max_age_days": 45},
        limits=((None, 45),),
    ),
    Case(
        "PHYS-020",
        "absent-is-phys-016s",
        "not_applicable",
        {"/byod/os_patch_max_age_days": DELETE},
        message="(PHYS-016)",
    ),
    Case("PHYS-020", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-017 jailbreak detection
    Case("PHYS-017", "base", "pass", paths=("/byod/jailbreak_detection",)),
    Case(
        "PHYS-017",
        "off",
        "fail",
        {"/byod/jailbreak_detection": False},
        paths=("/byod/jailbreak_detection",),
        message="jailbroken or rooted personal devices are not detected (benchmark",
    ),
    Case("PHYS-017", "byod-not-allowed", "not_applicable", NO_BYOD),
    # PHYS-018 no local ePHI storage
    Case("PHYS-018", "base", "pass", paths=("/byod/ephi_local_storage_allowed",)),
    Case(
        "PHYS-018",
        "absent-means-not-allowed",
        "pass",
        {"/byod/ephi_local_storage_allowed": DELETE},
        paths=("/byod",),
    ),
    Case(
        "PHYS-018",
        "allowed-in-container",  # old logic: half credit
        "fail",
        {"/byod/ephi_local_storage_allowed": True},
        paths=("/byod/ephi_local_storage_allowed",),
        message="though only in an encrypted container (benchmark: CMS remote-use guidance; "
        "record the container as an alternative in a decision",
    ),
    Case(
        "PHYS-018",
        "allowed-uncontained",
        "fail",
        {"/byod/ephi_local_storage_allowed": True, "/byod/containerization": False},
        paths=("/byod/ephi_local_storage_allowed",),
        message="ePHI may be stored on personal devices outside an encrypted container",
    ),
    Case("PHYS-018", "byod-not-allowed", "not_applicable", NO_BYOD),
]
