"""Which regulation sections the controls cite: the inverse index, generated, never kept by hand.

A section counts as covered when any control cites it, in any position of its citations (the
first citation is its main hook in the regulation; the others say what else it is evidence
for). The rows feed `phi-policy controls coverage`, docs/coverage.md, the regulation index at
the end of docs/controls.md, and the test that the built-in pack covers every standard and
implementation specification of the Security Rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from phi_policy.catalog import regulation
from phi_policy.catalog.packs import Catalog, Control
from phi_policy.catalog.regulation import Section, Source
from phi_policy.catalog.vocabulary import FRAMEWORKS


@dataclass(frozen=True)
class Row:
    """One regulation section and the ids of the controls citing it (sorted)."""

    section: Section
    controls: tuple[str, ...]

    @property
    def citation(self) -> str:
        return self.section.citation

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def covered(self) -> bool:
        return bool(self.controls)


@dataclass(frozen=True)
class Summary:
    """How much of the Security Rule the rows cover (breach and privacy rows do not count)."""

    cited: int
    total: int
    standards_cited: int
    standards: int
    specs_cited: int
    specs: int
    uncovered: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.cited == self.total

    def sentence(self) -> str:
        return (
            f"{self.cited} of {self.total} Security Rule standards and implementation "
            "specifications cited"
        )


def citing(controls: Iterable[Control]) -> dict[str, tuple[str, ...]]:
    """Section citation -> ids of the controls that cite it, each list sorted."""
    index: dict[str, set[str]] = {}
    for control in controls:
        for cite in control.citations:
            index.setdefault(cite.section, set()).add(control.id)
    return {section: tuple(sorted(ids)) for section, ids in index.items()}


def coverage(catalog: Catalog) -> list[Row]:
    """Every Security Rule standard and specification in regulation order, then the other
    sections of the Security, Breach Notification and Privacy Rules the controls cite, then
    the other laws they cite (42 CFR Part 2, DEA, state law), which are not HIPAA."""
    index = citing(catalog.controls)
    rows = [Row(s, index.get(s.citation, ())) for s in regulation.SECURITY_RULE]
    return rows + _cited(catalog, ("security_rule", "breach_rule", "privacy_rule", "other_law"))


def regulation_index(catalog: Catalog) -> list[Row]:
    """The coverage rows, then every other section cited (the proposed rule, custom frameworks)."""
    rows = coverage(catalog)
    shown = {r.citation for r in rows}
    return rows + [r for r in _cited(catalog, None) if r.citation not in shown]


def is_specification(row: Row) -> bool:
    """A Security Rule standard or implementation specification (what coverage is counted over)."""
    return row.section.source == "security_rule" and row.section.kind != "section"


_ORDER = {s.citation: i for i, s in enumerate(regulation.ALL_SECTIONS)}
_SOURCE_OF = {title: key for key, title in FRAMEWORKS.items()}
_SOURCES = tuple(FRAMEWORKS)


def _cited(catalog: Catalog, sources: tuple[str, ...] | None) -> list[Row]:
    """Rows for sections cited outside SECURITY_RULE (of `sources`, or all), in regulation order.

    A control may cite a section the package does not list (a Citation it builds itself, such
    as 164.530(a)(1)); such a section still gets its row, after the listed ones of its rule.
    """
    index = citing(catalog.controls)
    specs = {s.citation for s in regulation.SECURITY_RULE}
    sections: dict[str, Section] = {}
    for control in catalog.controls:
        for cite in control.citations:
            if cite.section in specs or cite.section in sections:
                continue
            known = regulation.lookup(cite.section)
            source = _SOURCE_OF.get(cite.framework, cite.framework)
            sections[cite.section] = known or Section(
                cite.section, cite.title, cast(Source, source)
            )
    chosen = [s for s in sections.values() if sources is None or s.source in sources]
    chosen.sort(
        key=lambda s: (
            _SOURCES.index(s.source) if s.source in _SOURCES else len(_SOURCES),
            s.source,
            _ORDER.get(s.citation, len(_ORDER)),
            s.citation,
        )
    )
    return [Row(s, index[s.citation]) for s in chosen]


def summarize(rows: Iterable[Row]) -> Summary:
    security = [r for r in rows if is_specification(r)]
    standards = [r for r in security if r.section.kind == "standard"]
    specs = [r for r in security if r.section.kind == "implementation_spec"]
    return Summary(
        cited=sum(r.covered for r in security),
        total=len(security),
        standards_cited=sum(r.covered for r in standards),
        standards=len(standards),
        specs_cited=sum(r.covered for r in specs),
        specs=len(specs),
        uncovered=tuple(r.citation for r in security if not r.covered),
    )
