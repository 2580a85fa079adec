"""The regulation sections that controls cite, as data.

The facts (citation, title, kind, required or addressable) come from the HIPAA Security
Rule (45 CFR 164 Subpart C, Appendix A), the Breach Notification Rule (Subpart D), the
Privacy Rule (Subpart E) and the January 2025 Security Rule NPRM (90 FR 898, proposed only).
They live in the package so that `controls coverage` works in any installation; a test
checks them against the reference catalogue the project was built from. The tables are in
`security_rule` and `other_rules`; this module puts them together and looks a citation up.
"""

from __future__ import annotations

from phi_policy.catalog.other_rules import (
    BREACH_RULE,
    BREACH_RULE_MORE,
    GENERAL_PROVISIONS,
    NPRM_2025,
    OTHER_LAW,
    PRIVACY_RULE,
    PRIVACY_RULE_MORE,
)
from phi_policy.catalog.sections import Section, Source
from phi_policy.catalog.security_rule import SECURITY_RULE, SECURITY_RULE_MORE

__all__ = [
    "ALL_SECTIONS",
    "BREACH_RULE",
    "BREACH_RULE_MORE",
    "GENERAL_PROVISIONS",
    "NPRM_2025",
    "OTHER_LAW",
    "PRIVACY_RULE",
    "PRIVACY_RULE_MORE",
    "SECURITY_RULE",
    "SECURITY_RULE_MORE",
    "Section",
    "Source",
    "lookup",
]

ALL_SECTIONS: tuple[Section, ...] = (
    SECURITY_RULE
    + SECURITY_RULE_MORE
    + BREACH_RULE
    + BREACH_RULE_MORE
    + PRIVACY_RULE
    + PRIVACY_RULE_MORE
    + GENERAL_PROVISIONS
    + NPRM_2025
    + OTHER_LAW
)
_BY_CITATION: dict[str, Section] = {s.citation: s for s in ALL_SECTIONS}


def lookup(citation: str) -> Section | None:
    """The section a citation string names ("164.312(a)(2)(iii)", "NPRM 164.312(h)(2)(i)")."""
    return _BY_CITATION.get(citation.removeprefix("45 CFR ").strip())
