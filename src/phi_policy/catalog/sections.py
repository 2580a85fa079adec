"""What a cited section of the regulation is, and the two ways the data tables spell one.

The tables (`security_rule`, `other_rules`) are written as short tuples so that the rule reads
as the rule does; `safeguard` and `cited` turn them into `Section`s, deriving what the order
already says (a specification belongs to the standard above it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Source = Literal["security_rule", "breach_rule", "privacy_rule", "nprm_2025", "other_law"]
Requirement = Literal["required", "addressable"]
#: Shorthands of the Security Rule table: a required or an addressable specification.
R: Requirement = "required"
A: Requirement = "addressable"


@dataclass(frozen=True)
class Section:
    """One citable paragraph of the regulation."""

    citation: str
    title: str
    source: Source
    kind: Literal["standard", "implementation_spec", "section"] = "section"
    requirement: Requirement | None = None
    safeguard: str | None = None
    parent: str | None = None


def safeguard(
    name: str, entries: Iterable[tuple[str, str] | tuple[str, str, Requirement]]
) -> tuple[Section, ...]:
    """One safeguard of the Security Rule: (citation, title) is a standard (always required);
    (citation, title, R or A) an implementation specification of the standard above it."""
    sections: list[Section] = []
    standard: str | None = None
    for entry in entries:
        if len(entry) == 2:
            standard = entry[0]
            sections.append(Section(entry[0], entry[1], "security_rule", "standard", R, name))
        else:
            if standard is None:
                raise ValueError(f"{entry[0]}: a specification needs a standard above it")
            sections.append(Section(entry[0], entry[1], "security_rule", "implementation_spec",
                                    entry[2], name, standard))
    return tuple(sections)


def cited(source: Source, entries: Iterable[tuple[str, str]]) -> tuple[Section, ...]:
    """Sections of one source cited as they stand: (citation, title)."""
    return tuple(Section(citation, title, source) for citation, title in entries)
