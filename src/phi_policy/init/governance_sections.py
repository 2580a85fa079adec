"""The starter config's administrative sections: organization, officials, policies, workforce.

Besides who the organization is, `organization` carries the applicability keys (Part 2 records,
AI scribes, minors, behavioral health): each declared as answered, or left out with the
question to answer when unknown (config.declarations says why no default is safe for them).
"""

from __future__ import annotations

from typing import Literal

from phi_policy.config.declarations import declaration
from phi_policy.init.answers import DEFAULT_ORG_NAME, Answers
from phi_policy.init.yaml_lines import Writer


def organization(w: Writer, a: Answers) -> None:
    """Who the organization is, and which of the areas some practices have apply to it."""
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
    if a.get("audio_only"):
        services.append("audio_only")
    w.key(
        "telehealth_services",
        services,
        2,
        "list the services you offer: video_visits, audio_only, "
        "secure_messaging, remote_monitoring, e_prescribing, store_and_forward",
    )
    _applicability(w, a)


#: The applicability keys under `organization`, each with the answer that declares it.
APPLICABILITY: tuple[tuple[str, Literal[
    "holds_part2_records", "uses_ai_scribes", "treats_minors", "behavioral_health"
]], ...] = (
    ("/organization/holds_part2_records", "holds_part2_records"),
    ("/organization/uses_ai_scribes", "uses_ai_scribes"),
    ("/organization/treats_minors", "treats_minors"),
    ("/organization/behavioral_health", "behavioral_health"),
)


def _applicability(w: Writer, a: Answers) -> None:
    w.comment(
        "Applicability: each answer decides whether a group of controls applies at all. One "
        "left out leaves its controls unscored, listed under 'to declare'.",
        2,
    )
    for pointer, answer in APPLICABILITY:
        declared(w, pointer, a.get(answer), 2)


def declared(w: Writer, pointer: str, value: bool | None, indent: int) -> None:
    """An applicability key as answered, naming the controls it decides; unknown, commented out
    with the question to answer, since guessing either way would misstate what applies."""
    item = declaration(pointer)
    name = pointer.rsplit("/", 1)[-1]
    ids = ", ".join(item.controls)
    if value is None:
        w.comment(f"{item.question} Until it is answered, its controls ({ids}) stay unscored.",
                  indent)
        w.missing(name, "false", indent, "answer true or false")
    else:
        w.key(name, value, indent, note=f"{ids} {'apply' if value else 'do not apply'}")


def _official(w: Writer, key: str, name: str | None, cite: str) -> None:
    if name:
        w.open(key, 2)
        w.key("name", name, 4)
    else:
        w.lines.append(f"  # {key}:  # TODO: name the {key.replace('_', ' ')} ({cite})")
        w.lines.append("  #   name: Full Name")


def governance(w: Writer, a: Answers) -> None:
    """Officials, policies, risk analysis, evaluation and anti-malware: the administrative core."""
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
    w.flag("available_to_workforce", False, 4, "confirm (164.316(b)(2)(ii))")
    w.flag("version_controlled", False, 4, "confirm (164.316(b)(2)(iii))")
    w.section(
        "risk_analysis",
        "Risk analysis and risk management, 164.308(a)(1)(ii)(A)-(B): an accurate and thorough "
        "assessment of the risks to all ePHI, repeated periodically and after significant changes.",
    )
    w.date("last_performed", a.get("risk_analysis_date"), 2, "date of the last risk analysis")
    w.key("frequency_months", 12, 2)
    w.flag("covers_all_ephi", False, 2, "confirm the analysis covers all ePHI, telehealth included"
    )
    w.open("risk_management_plan", 2)
    w.flag("documented", False, 4, "confirm a written risk management plan")
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
    w.flag("anti_malware", False, 2, "confirm anti-malware on every system with ePHI")


def workforce(w: Writer, a: Answers) -> None:
    """Workforce security, sanctions and training; only the training cadence and date are asked."""
    w.section(
        "workforce",
        "Workforce security, 164.308(a)(3); sanction policy, 164.308(a)(1)(ii)(C); security "
        "awareness and training, 164.308(a)(5).",
    )
    w.flag("authorization_supervision", False, 2, "confirm (164.308(a)(3)(ii)(A))")
    w.flag("clearance_procedure", False, 2, "confirm (164.308(a)(3)(ii)(B))")
    w.open("termination", 2)
    w.flag("procedure_documented", False, 4, "confirm (164.308(a)(3)(ii)(C))")
    w.flag("sanctions_policy", False, 2, "confirm (164.308(a)(1)(ii)(C))")
    w.open("training", 2)
    w.key("frequency_months", a.get("training_frequency_months") or 12, 4)
    w.date(
        "last_completed",
        a.get("training_last_completed"),
        4,
        "date the last training cycle ended",
    )
    w.flag("security_reminders", False, 4, "confirm (164.308(a)(5)(ii)(A))")
