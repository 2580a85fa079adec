"""The starter config that `phi-policy init` writes: answers in, commented YAML text out.

A pure function of the answers and the date, so tests compare text and validate it against
the real schema. Each section opens with a comment saying what it is and which HIPAA
section asks for it. An unknown answer never becomes a claim: a safeguard not confirmed is
written as not in place, an unknown date or number is left commented out, and each carries a
`# TODO:` so the reader knows what to fill in.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Mapping
from typing import Any

import yaml

from phi_policy.config.schema_file import MODELINE, SCHEMA_FILE
from phi_policy.init.questions import DEFAULT_ORG_NAME, NO_EXPIRY, UNKNOWN

WIDTH = 96
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def scalar(value: Any) -> str:
    """A value as one line of YAML (quoted only where YAML would misread it)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, str) and ISO_DATE.fullmatch(value):
        return value  # written plain, like every date in the examples; the loader keeps it a string
    text = yaml.safe_dump([value], default_flow_style=True, width=10**9, allow_unicode=True).strip()
    return text[1:-1]


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def blank(self) -> None:
        self.lines.append("")

    def comment(self, text: str, indent: int = 0) -> None:
        pad = " " * indent + "# "
        self.lines += textwrap.wrap(
            text, WIDTH - len(pad), initial_indent=pad, subsequent_indent=pad
        )

    def section(self, name: str, about: str) -> None:
        self.blank()
        self.comment(about)
        self.lines.append(f"{name}:")

    def open(self, name: str, indent: int) -> None:
        self.lines.append(" " * indent + f"{name}:")

    def key(
        self, name: str, value: Any, indent: int, todo: str | None = None, note: str | None = None
    ) -> None:
        line = " " * indent + f"{name}: {scalar(value)}"
        if todo:
            line += f"  # TODO: {todo}"
        elif note:
            line += f"  # {note}"
        self.lines.append(line)

    def missing(self, name: str, example: str, indent: int, todo: str) -> None:
        """A key left out because its value is unknown, shown commented out with what to write."""
        self.lines.append(" " * indent + f"# {name}: {example}  # TODO: {todo}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def _flag(w: _Writer, name: str, answer: Any, indent: int, todo: str) -> None:
    """A yes/no safeguard: true as answered, false (not in place) with a TODO otherwise."""
    if answer:
        w.key(name, True, indent)
    else:
        w.key(name, False, indent, todo)


def _date(w: _Writer, name: str, answer: Any, indent: int, todo: str) -> None:
    if answer:
        w.key(name, answer, indent)
    else:
        w.missing(name, "YYYY-MM-DD", indent, todo)


def render_config(a: Mapping[str, Any], as_of: dt.date) -> str:
    """The commented starter config for answers `a`, written on `as_of`."""
    w = _Writer()
    w.lines.append(MODELINE)
    w.comment(
        "phi-policy configuration: this organization's telemedicine setup, kept in git so that "
        "its history is the compliance evidence. "
        f"Written by `phi-policy init` on {as_of.isoformat()}."
    )
    w.comment(
        "Every 'TODO:' marks an answer that was not known. It was written conservatively (a "
        "safeguard not in place, a date left out) so the score never claims more than is known: "
        "replace each with what is true, then run `phi-policy validate` and `phi-policy check`."
    )
    w.comment(f"Editors check this file against {SCHEMA_FILE}, the schema beside it that the "
              "first line names; keep the two files together.")
    w.comment("After an upgrade of phi-policy, `phi-policy schema --write . --force` in this "
              "folder replaces the schema with the new version's.")
    w.lines.append("schema_version: 1")
    _organization(w, a)
    _governance(w, a)
    _workforce(w, a)
    _platforms(w, a, as_of)
    _technical(w, a)
    _devices_and_physical(w, a)
    _contingency_and_incidents(w, a)
    _privacy(w, a)
    w.section(
        "decisions",
        "Documented decisions: for an addressable specification, the alternative measure or "
        "why it is not reasonable and appropriate (164.306(d)(3)); for a benchmark, a "
        "risk-based tailored value. Each names its control, the instances it covers, who "
        "approved it and when; it is reviewed 12 months after approval unless review_by says "
        "(a convention). No decision can excuse a required specification.",
    )
    w.lines[-1] += " []"
    return w.text()


def _organization(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "organization",
        "Who the rules apply to: covered entities and their business associates (164.302). "
        "sponsors_group_health_plan turns on 164.314(b); clearinghouse_functions turns on "
        "164.308(a)(4)(ii)(A).",
    )
    name = a.get("org_name") or DEFAULT_ORG_NAME
    placeholder = name == DEFAULT_ORG_NAME
    w.key("name", name, 2, "your organization's legal name" if placeholder else None)
    w.key("type", a.get("org_type", "covered_entity"), 2)
    w.key("entity_kind", "provider", 2, note="provider | health_plan | clearinghouse | other")
    w.key("size", a.get("org_size", "small"), 2)
    w.key("sites", a.get("sites", 1), 2)
    states = a.get("states") or []
    w.key(
        "states",
        states,
        2,
        None if states else "the 2-letter codes of the states where you see patients",
    )
    w.key("sponsors_group_health_plan", False, 2)
    w.key("clearinghouse_functions", False, 2)
    services = ["video_visits"] if a.get("video_platform") else []
    w.key(
        "telehealth_services",
        services,
        2,
        "list the services you offer: video_visits, audio_only, "
        "secure_messaging, remote_monitoring, e_prescribing, store_and_forward",
    )


def _official(w: _Writer, key: str, name: str | None, cite: str) -> None:
    if name:
        w.open(key, 2)
        w.key("name", name, 4)
    else:
        w.lines.append(f"  # {key}:  # TODO: name the {key.replace('_', ' ')} ({cite})")
        w.lines.append("  #   name: Full Name")


def _governance(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "officials",
        "Assigned security responsibility, 164.308(a)(2): one named security official. The "
        "Privacy Rule asks for a privacy official too (164.530(a)).",
    )
    if not a.get("security_official") and not a.get("privacy_official"):
        w.lines[-1] += " {}"
    _official(w, "security_official", a.get("security_official"), "164.308(a)(2)")
    _official(w, "privacy_official", a.get("privacy_official"), "164.530(a)")
    w.section(
        "policies",
        "Policies and procedures, 164.316(a), and their documentation, 164.316(b): kept 6 years, "
        "available to the workforce, reviewed and updated.",
    )
    w.key("review_frequency_months", 12, 2)
    w.key(
        "documents",
        [],
        2,
        "list each written policy: {topic: information_security, title: ..., "
        "version: ..., last_reviewed: YYYY-MM-DD}",
    )
    w.open("documentation", 2)
    w.missing(
        "retention_years", "6", 4, "how many years policies and records are kept (164.316(b)(2)(i))"
    )
    _flag(w, "available_to_workforce", False, 4, "confirm (164.316(b)(2)(ii))")
    _flag(w, "version_controlled", False, 4, "confirm (164.316(b)(2)(iii))")
    w.section(
        "risk_analysis",
        "Risk analysis and risk management, 164.308(a)(1)(ii)(A)-(B): an accurate and thorough "
        "assessment of the risks to all ePHI, repeated periodically and after significant changes.",
    )
    _date(w, "last_performed", a.get("risk_analysis_date"), 2, "date of the last risk analysis")
    w.key("frequency_months", 12, 2)
    _flag(
        w, "covers_all_ephi", False, 2, "confirm the analysis covers all ePHI, telehealth included"
    )
    w.open("risk_management_plan", 2)
    _flag(w, "documented", False, 4, "confirm a written risk management plan")
    w.section(
        "evaluation",
        "Evaluation, 164.308(a)(8): periodic technical and nontechnical evaluation of the "
        "safeguards, and after environmental or operational changes.",
    )
    w.missing("last_performed", "YYYY-MM-DD", 2, "date of the last evaluation")
    w.key("frequency_months", 12, 2)
    w.section(
        "vulnerability_management",
        "Protection from malicious software, 164.308(a)(5)(ii)(B); scans and patching support "
        "risk management, 164.308(a)(1)(ii)(B).",
    )
    _flag(w, "anti_malware", False, 2, "confirm anti-malware on every system with ePHI")


def _workforce(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "workforce",
        "Workforce security, 164.308(a)(3); sanction policy, 164.308(a)(1)(ii)(C); security "
        "awareness and training, 164.308(a)(5).",
    )
    _flag(w, "authorization_supervision", False, 2, "confirm (164.308(a)(3)(ii)(A))")
    _flag(w, "clearance_procedure", False, 2, "confirm (164.308(a)(3)(ii)(B))")
    w.open("termination", 2)
    _flag(w, "procedure_documented", False, 4, "confirm (164.308(a)(3)(ii)(C))")
    _flag(w, "sanctions_policy", False, 2, "confirm (164.308(a)(1)(ii)(C))")
    w.open("training", 2)
    w.key("frequency_months", a.get("training_frequency_months") or 12, 4)
    _date(
        w,
        "last_completed",
        a.get("training_last_completed"),
        4,
        "date the last training cycle ended",
    )
    _flag(w, "security_reminders", False, 4, "confirm (164.308(a)(5)(ii)(A))")


def _platforms(w: _Writer, a: Mapping[str, Any], as_of: dt.date) -> None:
    name = a.get("video_platform")
    vendor = a.get("video_vendor") or name
    w.section(
        "platforms",
        "Every system that creates, receives, keeps or sends ePHI for telehealth: access "
        "control 164.312(a)(1), audit controls 164.312(b), transmission security 164.312(e)(1).",
    )
    if not name:
        w.lines[-1] += " []"
        w.comment(
            "TODO: list your video, portal, messaging and EHR platforms "
            "(name, vendor, purpose, handles_ephi).",
            2,
        )
    else:
        w.lines.append(f"  - name: {scalar(name)}")
        w.key("vendor", vendor, 4)
        w.key("purpose", "video_visits", 4)
        w.key("handles_ephi", True, 4)
        w.key("business_associate", vendor, 4)
        w.open("video", 4)
        _flag(
            w,
            "end_to_end_encryption",
            a.get("video_e2ee"),
            6,
            "confirm end-to-end encryption of visits",
        )
        _tls(w, a, 4)
        w.comment(
            "TODO: add mfa, audit_logging, session_timeout_minutes and encryption_at_rest.", 4
        )
    w.section(
        "business_associates",
        "Business associate contracts, 164.308(b)(1) and 164.314(a): a signed BAA with every "
        "vendor that handles ePHI (a pure conduit needs none).",
    )
    if not name:
        w.lines[-1] += " []"
        w.comment("TODO: list every vendor that handles ePHI, with its BAA status.", 2)
        return
    w.lines.append(f"  - name: {scalar(vendor)}")
    w.key("handles_ephi", True, 4)
    w.open("baa", 4)
    if not a.get("video_baa_signed"):
        w.key("status", "none", 6, "sign a BAA before this vendor handles ePHI (164.308(b)(1))")
        return
    w.key("status", "signed", 6)
    expires = a.get("video_baa_expires")
    if expires == NO_EXPIRY:
        w.comment("No expiry: the BAA runs until terminated.", 6)
    elif expires:
        w.key("expires", expires, 6)
    else:
        w.key(
            "expires",
            as_of.isoformat(),
            6,
            "the real expiry date; until then it counts as expiring today",
        )


def _tls(w: _Writer, a: Mapping[str, Any], indent: int) -> None:
    version = a.get("tls_min_version", UNKNOWN)
    if version in (None, UNKNOWN):
        w.key(
            "tls_min_version",
            "1.0",
            indent,
            "confirm the minimum TLS version (1.2 or higher expected)",
        )
    else:
        w.key("tls_min_version", version, indent)


def _technical(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "access_control",
        "Access control, 164.312(a)(1): unique user ids (a)(2)(i), emergency access (a)(2)(ii), "
        "automatic logoff (a)(2)(iii); person or entity authentication, 164.312(d).",
    )
    _flag(
        w, "unique_user_ids", False, 2, "confirm every user has their own login (164.312(a)(2)(i))"
    )
    minutes = a.get("logoff_minutes")
    if minutes:
        w.key("automatic_logoff_minutes", minutes, 2)
    else:
        w.missing(
            "automatic_logoff_minutes",
            "15",
            2,
            "inactivity timeout in minutes (164.312(a)(2)(iii))",
        )
    w.open("mfa", 2)
    _flag(w, "remote_access", a.get("mfa_remote"), 4, "require MFA for remote access")
    _flag(
        w, "administrative_access", a.get("mfa_admin"), 4, "require MFA for administrative access"
    )
    w.section(
        "audit_controls",
        "Audit controls, 164.312(b), and information system activity review, 164.308(a)(1)(ii)(D).",
    )
    _flag(w, "enabled", False, 2, "confirm audit logging on systems with ePHI")
    w.section(
        "integrity",
        "Integrity, 164.312(c)(1): protect ePHI from improper alteration or destruction; "
        "integrity controls in transit, 164.312(e)(2)(i).",
    )
    _flag(w, "ephi_integrity_checks", False, 2, "confirm (164.312(c)(2))")
    _flag(w, "transmission_integrity", False, 2, "confirm (164.312(e)(2)(i))")
    w.section(
        "transmission_security",
        "Transmission security, 164.312(e)(1): ePHI encrypted in transit (e)(2)(ii); NIST SP "
        "800-52r2 expects TLS 1.2 or higher.",
    )
    _tls(w, a, 2)
    w.section(
        "encryption",
        "Encryption of ePHI at rest, 164.312(a)(2)(iv) (addressable). ePHI encrypted as HHS "
        "guidance describes is 'secured': losing it is not a reportable breach (164.402).",
    )
    w.open("at_rest", 2)
    algorithm = a.get("at_rest_algorithm", UNKNOWN)
    if algorithm in (None, UNKNOWN):
        w.key("enabled", False, 4, "confirm whether ePHI is encrypted at rest, and with what")
    elif algorithm == "none":
        w.key("enabled", False, 4)
        w.key("algorithm", "none", 4)
    else:
        w.key("enabled", True, 4)
        w.key("algorithm", algorithm, 4)
        _flag(w, "fips_validated", a.get("at_rest_fips"), 4, "confirm FIPS 140 validated modules")


def _devices_and_physical(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "byod",
        "Personal devices: device and media controls 164.310(d)(1), workstation security "
        "164.310(c). allowed: false makes the BYOD controls not applicable.",
    )
    allowed = bool(a.get("byod_allowed"))
    w.key("allowed", allowed, 2)
    if allowed:
        _flag(w, "mdm_required", a.get("byod_mdm"), 2, "require mobile device management")
        _flag(w, "remote_wipe", a.get("byod_remote_wipe"), 2, "make lost devices wipeable")
        _flag(
            w,
            "containerization",
            a.get("byod_containerization"),
            2,
            "keep ePHI in a managed container",
        )
    w.section(
        "physical",
        "Facility access controls 164.310(a)(1), workstation use and security 164.310(b)-(c), "
        "device and media disposal and re-use 164.310(d)(2)(i)-(ii).",
    )
    w.open("facility", 2)
    _flag(
        w,
        "security_plan",
        a.get("facility_plan"),
        4,
        "write a facility security plan (164.310(a)(2)(ii))",
    )
    w.open("workstations", 2)
    _flag(w, "use_policy", False, 4, "confirm a workstation use policy (164.310(b))")
    w.open("device_media", 2)
    disposal = a.get("disposal_method", UNKNOWN)
    if disposal in (None, UNKNOWN):
        w.key(
            "disposal_method",
            "none",
            4,
            "how media are sanitized: nist_800_88_clear, nist_800_88_purge, "
            "nist_800_88_destroy or vendor_certified (164.310(d)(2)(i))",
        )
    else:
        w.key("disposal_method", disposal, 4)


def _contingency_and_incidents(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "contingency",
        "Contingency plan, 164.308(a)(7): data backup (ii)(A), disaster recovery (ii)(B), "
        "emergency mode operation (ii)(C), testing and revision (ii)(D).",
    )
    w.open("backup", 2)
    _flag(
        w,
        "enabled",
        a.get("backups"),
        4,
        "take retrievable exact copies of ePHI (164.308(a)(7)(ii)(A))",
    )
    if a.get("backups"):
        _date(
            w,
            "last_restore_test",
            a.get("backup_last_restore_test"),
            4,
            "date of the last test restore",
        )
    w.open("disaster_recovery", 2)
    _flag(w, "plan_documented", False, 4, "confirm a disaster recovery plan (164.308(a)(7)(ii)(B))")
    w.open("emergency_mode", 2)
    _flag(w, "plan_documented", False, 4, "confirm an emergency mode plan (164.308(a)(7)(ii)(C))")
    w.open("testing", 2)
    _date(
        w,
        "last_test",
        a.get("contingency_last_test"),
        4,
        "date the contingency plan was last tested",
    )
    w.key("frequency_months", 12, 4)
    w.section(
        "incident_response",
        "Security incident procedures, 164.308(a)(6), and breach notification, 164.400-414: "
        "individuals are told within 60 days of discovery (164.404(b)).",
    )
    _flag(
        w,
        "plan_documented",
        a.get("ir_plan"),
        2,
        "write an incident response plan (164.308(a)(6)(ii))",
    )
    w.open("breach_notification", 2)
    _flag(w, "procedure_documented", False, 4, "confirm a breach notification procedure (164.404)")


def _privacy(w: _Writer, a: Mapping[str, Any]) -> None:
    w.section(
        "privacy",
        "Privacy Rule: notice of privacy practices 164.520, individual rights 164.524-164.528, "
        "minimum necessary 164.502(b).",
    )
    w.open("notice_of_privacy_practices", 2)
    published = a.get("npp_published")
    _flag(w, "published", published, 4, "publish a notice of privacy practices (164.520)")
    _flag(
        w,
        "telehealth_terms",
        published and a.get("npp_telehealth"),
        4,
        "say how telehealth visits use PHI",
    )
    w.open("minimum_necessary", 2)
    _flag(w, "policy", False, 4, "confirm a minimum necessary policy (164.502(b))")
    w.section(
        "patient_identity",
        "Knowing who is on the other end of a telehealth visit before disclosing PHI (164.514(h)); "
        "stronger checks before prescribing controlled substances.",
    )
    methods = a.get("id_methods") or []
    if methods:
        w.key("verification_required", True, 2)
        w.key("methods", methods, 2)
    else:
        w.key("verification_required", False, 2, "how is a patient's identity verified at a visit?")
        w.key("methods", [], 2)
    w.open("controlled_substances", 2)
    prescribes = bool(a.get("controlled_substances"))
    w.key("prescribes", prescribes, 4)
    if prescribes:
        _flag(
            w,
            "enhanced_verification",
            a.get("cs_enhanced"),
            4,
            "verify identity more strictly before prescribing",
        )
