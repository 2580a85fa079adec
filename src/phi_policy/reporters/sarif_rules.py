"""SARIF rules: one per control, its level, help and tags honest about the law.

A rule carries the control's id, a CamelCase name, help with the legal basis, the citations
and the remediation, and its severity as a level and as GitHub's `security-severity`.

Levels are honest about the law. An `error` is a gap in what HIPAA itself demands: a required
or addressable specification of critical or high severity. A benchmark (a best-practice
number) and another law's requirement (DEA, state law) are never HIPAA violations, so they
stop at `warning` (critical, high) or `note` (medium, low); a proposed-rule (NPRM) readiness
gap is always a `note`. `security-severity` still follows the gap's risk (its severity),
since a benchmark gap can be as dangerous as a required one; `problem.severity` follows the
level. Every rule carries its `basis` as a property and a tag, and its full description says
it in words ("benchmark, not a HIPAA requirement").
"""

from __future__ import annotations

import re
from typing import Any

from phi_policy.model import BASIS_WORDS, Citation, Result
from phi_policy.reporters.markdown import escape as md

NPRM_NOTE = "Proposed rule (NPRM 2025, not in force)"
#: The rule of a fleet's invalid config: none of its controls could run.
INVALID_RULE = "phi-policy/invalid-config"

#: Level by severity, for a gap in what HIPAA demands (basis required or addressable).
LEVELS: dict[str, str] = {"critical": "error", "high": "error", "medium": "warning", "low": "note"}
#: Level by severity for a benchmark or another law's requirement: never a HIPAA `error`.
NON_HIPAA_LEVELS: dict[str, str] = {
    "critical": "warning", "high": "warning", "medium": "note", "low": "note"
}
#: GitHub ranks security alerts by this number: >= 9.0 critical, >= 7.0 high, >= 4.0 medium.
SECURITY_SEVERITY: dict[str, str] = {
    "critical": "9.0",
    "high": "7.0",
    "medium": "5.0",
    "low": "3.0",
}
#: GitHub's `problem.severity` for each SARIF level.
PROBLEM_SEVERITY: dict[str, str] = {
    "error": "error",
    "warning": "warning",
    "note": "recommendation",
}

_WORD = re.compile(r"[A-Za-z0-9]+")


def camel(title: str) -> str:
    """"Automatic logoff after 15 minutes" -> "AutomaticLogoffAfter15Minutes" (a rule name)."""
    return "".join(word[0].upper() + word[1:] for word in _WORD.findall(title))


def _cite(c: Citation) -> str:
    """"164.312(a)(2)(iii) Automatic logoff (HIPAA Security Rule)".

    The citation's own required/addressable flag is left out: the control's basis is said
    once, above the citations, and a benchmark that cites a required standard (MFA under
    164.312(d)) must not read as required by it.
    """
    return f"{c.section} {c.title}".strip() + (f" ({c.framework})" if c.framework else "")


def _tags(r: Result) -> list[str]:
    law = "other law" if r.basis == "other_law" else "HIPAA"
    tags = ["security", law, r.domain, r.severity, r.basis]
    if r.proposed:
        tags.append("NPRM 2025")
    tags.extend(c.section for c in r.citations)
    return list(dict.fromkeys(tags))


def _basis_line(r: Result) -> str:
    """"Legal basis: benchmark, not a HIPAA requirement. Severity: medium."."""
    return f"Legal basis: {BASIS_WORDS[r.basis]}. Severity: {r.severity}."


def _help(r: Result) -> dict[str, str]:
    cites = [_cite(c) for c in r.citations]
    text = [r.title, "", _basis_line(r), ""]
    text.extend(f"Cites: {cite}" for cite in cites)
    text.extend(["", f"How to fix: {r.remediation}"])
    markdown = [f"**{md(r.title)}**", "", md(_basis_line(r)), "", "Cites:", ""]
    markdown.extend(f"- {md(cite)}" for cite in cites)
    markdown.extend(["", f"**How to fix:** {md(r.remediation)}"])
    if r.proposed:
        text.extend(["", f"{NPRM_NOTE}: a readiness check, not a violation of the current rule."])
        markdown.extend(
            ["", f"_{NPRM_NOTE}: a readiness check, not a violation of the current rule._"]
        )
    return {"text": "\n".join(text), "markdown": "\n".join(markdown)}


def _full_description(r: Result) -> str:
    """"<title>. Benchmark, not a HIPAA requirement; cites 164.312(a)(2)(iii) Automatic logoff."
    (the basis in words, so that no rule reads as a HIPAA requirement when it is not one)."""
    words = BASIS_WORDS[r.basis]
    text = f"{r.title.rstrip('.')}. {words[0].upper()}{words[1:]}"
    sections = "; ".join(f"{c.section} {c.title}".strip() for c in r.citations)
    return f"{text}; cites {sections}." if sections else f"{text}."


def rule(r: Result) -> dict[str, Any]:
    """The rule of `r`'s control; any result of that control serves, as they share it."""
    rule_level = level(r)
    return {
        "id": r.control_id,
        "name": camel(r.title),
        "shortDescription": {"text": r.title},
        "fullDescription": {"text": _full_description(r)},
        "help": _help(r),
        "defaultConfiguration": {"level": rule_level},
        "properties": {
            "tags": _tags(r),
            "precision": "very-high",
            "problem.severity": PROBLEM_SEVERITY[rule_level],
            "security-severity": SECURITY_SEVERITY[r.severity],
            "domain": r.domain,
            "severity": r.severity,
            "basis": r.basis,
            "weight": r.weight,
            "proposed": r.proposed,
        },
    }


def level(r: Result) -> str:
    """The level of a rule and its results (module docstring): `error` only for a critical or
    high gap in what HIPAA demands."""
    if r.proposed:
        return "note"
    if r.basis in ("benchmark", "other_law"):
        return NON_HIPAA_LEVELS[r.severity]
    return LEVELS[r.severity]


def invalid_rule() -> dict[str, Any]:
    """The rule a fleet's invalid configs are results of, so that each one raises an alert."""
    text = ("The config did not load or does not follow the phi-policy schema, so none of "
            "its controls could be evaluated.")
    fix = "Run `phi-policy validate` on the config and fix every problem it lists."
    return {
        "id": INVALID_RULE,
        "name": "InvalidConfig",
        "shortDescription": {"text": "The config is valid"},
        "fullDescription": {"text": text},
        "help": {"text": f"{text}\n\nHow to fix: {fix}",
                 "markdown": f"{md(text)}\n\n**How to fix:** {md(fix)}"},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["configuration"], "precision": "very-high",
                       "problem.severity": "error"},
    }
