"""The checks a control's declared metadata must pass before the control joins the catalog.

Every problem is reported, each prefixed with the file and line of the declaration, so that a
broken pack fails loudly and names the place instead of producing a quietly wrong score. What
passes is narrowed to the model's Literal types by `narrow`, which returns the model's own
value: the checks, not a cast, vouch for a Domain, Severity or Basis.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from phi_policy.catalog import regulation
from phi_policy.catalog.vocabulary import (
    FRAMEWORKS,
    OTHER_LAW_FRAMEWORK,
    PROFILES,
    PROPOSED_FRAMEWORK,
)
from phi_policy.control import ControlSpec
from phi_policy.engine.scoring import BASIS_FACTORS, SEVERITY_WEIGHTS
from phi_policy.model import BASES, DOMAINS, SEVERITIES, Citation

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$")

Term = TypeVar("Term", bound=str)


def narrow(value: str | None, allowed: tuple[Term, ...]) -> Term:
    """`value` as the member of `allowed` equal to it, typed as `allowed`'s Literal.

    A ControlSpec holds plain strings (a pack author may write anything); `check_spec` has
    said which of them are members, and this returns the member itself, so the Literal type
    is true rather than asserted. A value that is not one is a bug in the caller.
    """
    for term in allowed:
        if term == value:
            return term
    raise ValueError(f"{value!r} is not one of {', '.join(allowed)}; check_spec lets none through")


def resolve_citation(cite: str | Citation) -> Citation | None:
    """A citation string as a structured Citation; None when the section is unknown."""
    if isinstance(cite, Citation):
        return cite
    section = regulation.lookup(cite)
    if section is None:
        return None
    return Citation(
        FRAMEWORKS[section.source], section.citation, section.title, section.requirement
    )


def check_spec(spec: ControlSpec, where: str) -> tuple[list[Citation], list[str]]:
    """The declaration's citations, resolved, and every problem with it prefixed with `where`:
    all of them at once, so that one run shows a pack author everything to fix."""
    problems: list[str] = []
    if not ID_PATTERN.match(spec.id):
        problems.append(f"id {spec.id!r} does not match {ID_PATTERN.pattern} (e.g. 'TECH-003')")
    if spec.domain not in DOMAINS:
        problems.append(f"{spec.id}: domain {spec.domain!r} is not one of {', '.join(DOMAINS)}")
    if spec.severity not in SEVERITIES:
        problems.append(
            f"{spec.id}: severity {spec.severity!r} is not one of {', '.join(SEVERITIES)}"
        )
    problems.extend(_basis_problems(spec))
    for name in ("title", "risk", "rationale", "remediation"):
        if not str(getattr(spec, name) or "").strip():
            problems.append(f"{spec.id}: {name} is empty")
    unknown = [p for p in spec.profiles if p not in PROFILES]
    if unknown or not spec.profiles:
        problems.append(
            f"{spec.id}: profiles {list(spec.profiles)} must name some of {', '.join(PROFILES)}"
        )
    citations: list[Citation] = []
    if not spec.cites:
        problems.append(f"{spec.id}: cites nothing; every control cites at least one section")
    for cite in spec.cites:
        resolved = resolve_citation(cite)
        if resolved is None:
            problems.append(
                f"{spec.id}: unknown citation {cite!r}; cite a section such as "
                "'164.312(a)(2)(iii)', prefix proposed ones with 'NPRM ', or pass a "
                "phi_policy.model.Citation"
            )
        else:
            citations.append(resolved)
    if spec.basis in BASES and citations:
        problems.extend(_citation_problems(spec, citations))
    return citations, [f"{where}: {p}" for p in problems]


def _basis_problems(spec: ControlSpec) -> list[str]:
    """The legal basis is declared, valid, and consistent with the weight and tailoring."""
    if spec.requirement is not None or spec.proposed is not None:
        old = "proposed=True" if spec.proposed else f"requirement={spec.requirement!r}"
        return [
            f"{spec.id}: {old} is the 0.1 spelling; declare basis= instead, one of "
            f"{', '.join(BASES)} (a control's legal basis is declared, never inferred)"
        ]
    if spec.basis not in BASES:
        return [f"{spec.id}: basis {spec.basis!r} is not one of {', '.join(BASES)}"]
    problems = []
    if spec.tailorable is not None and spec.basis != "benchmark":
        problems.append(
            f"{spec.id}: only a benchmark has a number a decision may tailor, not a "
            f"{spec.basis} control"
        )
    if spec.weight is not None:
        problems.extend(_weight_problems(spec))
    return problems


def _weight_problems(spec: ControlSpec) -> list[str]:
    """A pack author's weight override stays positive and keeps the law above benchmarks."""
    weight = spec.weight
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not weight > 0:
        return [f"{spec.id}: weight must be a number greater than 0, not {weight!r}"]
    if spec.severity not in SEVERITY_WEIGHTS or spec.basis is None:
        return []
    benchmark = SEVERITY_WEIGHTS[spec.severity] * BASIS_FACTORS["benchmark"]
    law = SEVERITY_WEIGHTS[spec.severity] * BASIS_FACTORS["required"]
    if spec.basis in ("required", "addressable") and weight < benchmark:
        return [
            f"{spec.id}: weight {weight} is below a {spec.severity} benchmark's "
            f"({benchmark}); a legal requirement never weighs less than a benchmark"
        ]
    if spec.basis == "benchmark" and weight > law:
        return [
            f"{spec.id}: weight {weight} is above a {spec.severity} requirement's ({law}); a "
            "benchmark never weighs more than a legal requirement"
        ]
    return []


def _citation_problems(spec: ControlSpec, citations: Sequence[Citation]) -> list[str]:
    """Citations agree with the declared basis: proposed-rule sections only in proposed
    controls, other laws only in other-law controls, and a required or addressable control
    led by a section that is itself required or addressable."""
    proposed = [c for c in citations if c.framework == PROPOSED_FRAMEWORK]
    other = [c for c in citations if c.framework == OTHER_LAW_FRAMEWORK]
    problems = []
    if spec.basis == "proposed" and len(proposed) != len(citations):
        problems.append(
            f"{spec.id}: a proposed control cites only proposed-rule ('NPRM ') sections"
        )
    if spec.basis != "proposed" and proposed:
        problems.append(
            f"{spec.id}: cites the proposed rule ({proposed[0].section}) but its basis is "
            f"{spec.basis!r}; proposed-rule sections belong only to basis='proposed' controls"
        )
    if spec.basis == "other_law" and len(other) != len(citations):
        problems.append(f"{spec.id}: an other_law control cites only other-law sources, not HIPAA")
    if spec.basis != "other_law" and other:
        problems.append(
            f"{spec.id}: cites {other[0].section}, which is not HIPAA, but its basis is "
            f"{spec.basis!r}; use basis='other_law'"
        )
    primary = citations[0]
    if spec.basis in ("required", "addressable") and primary.requirement not in (None, spec.basis):
        problems.append(
            f"{spec.id}: basis is {spec.basis!r} but its first citation {primary.section} "
            f"({primary.title}) is {primary.requirement!r}"
        )
    return problems
