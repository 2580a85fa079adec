"""Control packs: find the functions a pack declares, check their metadata, build the catalog.

A pack is a folder of Python modules (files starting with "_" are helpers, not scanned). The
built-in pack, a user's `--controls DIR` and a `phi_policy.controls` entry point are all loaded
by the same code. Nothing registers itself on import: this module walks each module's
attributes and collects the functions that `phi_policy.control.control` marked, the way pytest
collects tests. The catalog is checked as it loads, so a broken pack fails loudly and names the
file instead of producing a quietly wrong score.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import importlib.util
import inspect
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from phi_policy.catalog import regulation
from phi_policy.control import ATTRIBUTE, CheckFunction, ControlSpec
from phi_policy.engine.scoring import BASIS_FACTORS, SEVERITY_WEIGHTS, weight_of
from phi_policy.errors import PackError
from phi_policy.model import BASES, DOMAINS, SEVERITIES, Basis, Citation, Domain, Severity
from phi_policy.resources import builtin_controls_dir

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$")
PROFILES: dict[str, str] = {
    "hipaa": "HIPAA Security Rule as in force (45 CFR 164 Subpart C, 2013), with the Privacy "
    "and Breach Notification Rules and telehealth safeguards",
    "hipaa-2025-nprm": "Readiness for the Security Rule changes proposed in January 2025 "
    "(90 FR 898, not final): no addressable distinction, plus proposed-only checks",
}
ENTRY_POINT_GROUP = "phi_policy.controls"
FRAMEWORKS: dict[str, str] = {
    "security_rule": "HIPAA Security Rule",
    "breach_rule": "HIPAA Breach Notification Rule",
    "privacy_rule": "HIPAA Privacy Rule",
    "nprm_2025": "HIPAA Security Rule NPRM 2025 (proposed)",
    "other_law": "Other law (not HIPAA)",
}
PROPOSED_FRAMEWORK = FRAMEWORKS["nprm_2025"]
OTHER_LAW_FRAMEWORK = FRAMEWORKS["other_law"]


@dataclass(frozen=True)
class Control:
    """A loaded control: its checked metadata, its function and where it was declared."""

    id: str
    title: str
    domain: Domain
    citations: tuple[Citation, ...]
    basis: Basis
    severity: Severity
    weight: float
    risk: str
    rationale: str
    remediation: str
    profiles: tuple[str, ...]
    check: CheckFunction = field(compare=False, repr=False)
    partial_credit: str | None = None
    tailorable: str | None = None
    origin: str = ""
    pack: str = "builtin"
    doc: str = ""

    @property
    def primary_citation(self) -> str:
        return self.citations[0].section if self.citations else ""

    @property
    def proposed(self) -> bool:
        return self.basis == "proposed"


@dataclass(frozen=True)
class Catalog:
    """Every loaded control, sorted by id."""

    controls: tuple[Control, ...]
    packs: tuple[str, ...] = ()
    #: How `load_catalog` made it (its extra folders, whether entry points were read), so that
    #: a spawned worker process can load the same catalog; None for a catalog built by hand.
    loaded_with: tuple[tuple[str, ...], bool] | None = field(default=None, compare=False)

    def reloader(self) -> Callable[[], Catalog] | None:
        """A picklable way to load this catalog again (in a spawned worker process), or None
        when it was not made by `load_catalog`."""
        if self.loaded_with is None:
            return None
        dirs, entry_points = self.loaded_with
        return functools.partial(load_catalog, dirs, entry_points=entry_points)

    def by_id(self) -> dict[str, Control]:
        return {c.id: c for c in self.controls}

    def for_profile(self, profile: str) -> tuple[Control, ...]:
        if profile not in PROFILES:
            raise PackError(
                f"unknown profile {profile!r}",
                hint=f"choose one of: {', '.join(PROFILES)}",
            )
        return tuple(c for c in self.controls if profile in c.profiles)


def resolve_citation(cite: str | Citation) -> Citation | None:
    """A citation string as a structured Citation; None when the section is unknown."""
    if isinstance(cite, Citation):
        return cite
    section = regulation.lookup(cite)
    if section is None:
        return None
    return Citation(FRAMEWORKS[section.source], section.citation, section.title, section.requirement)


def _origin(function: object) -> str:
    """`file:line` of a control's definition, read from its code object (inspect would parse
    the whole source file again for every control)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return getattr(function, "__qualname__", "?")
    return f"{code.co_filename}:{code.co_firstlineno}"


def _check_spec(spec: ControlSpec, where: str) -> tuple[list[Citation], list[str]]:
    problems: list[str] = []
    if not ID_PATTERN.match(spec.id):
        problems.append(f"id {spec.id!r} does not match {ID_PATTERN.pattern} (e.g. 'TECH-003')")
    if spec.domain not in DOMAINS:
        problems.append(f"{spec.id}: domain {spec.domain!r} is not one of {', '.join(DOMAINS)}")
    if spec.severity not in SEVERITIES:
        problems.append(f"{spec.id}: severity {spec.severity!r} is not one of {', '.join(SEVERITIES)}")
    problems.extend(_basis_problems(spec))
    for name in ("title", "risk", "rationale", "remediation"):
        if not str(getattr(spec, name) or "").strip():
            problems.append(f"{spec.id}: {name} is empty")
    unknown = [p for p in spec.profiles if p not in PROFILES]
    if unknown or not spec.profiles:
        problems.append(f"{spec.id}: profiles {list(spec.profiles)} must name some of {', '.join(PROFILES)}")
    citations: list[Citation] = []
    if not spec.cites:
        problems.append(f"{spec.id}: cites nothing; every control cites at least one section")
    for cite in spec.cites:
        resolved = resolve_citation(cite)
        if resolved is None:
            problems.append(
                f"{spec.id}: unknown citation {cite!r}; cite a section such as '164.312(a)(2)(iii)', "
                "prefix proposed ones with 'NPRM ', or pass a phi_policy.model.Citation"
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
        problems.append(f"{spec.id}: a proposed control cites only proposed-rule ('NPRM ') sections")
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


def collect(module: ModuleType, pack: str) -> tuple[list[Control], list[str]]:
    """The controls a module declares, and the problems with their metadata."""
    controls: list[Control] = []
    problems: list[str] = []
    for name, value in sorted(vars(module).items()):
        spec = getattr(value, ATTRIBUTE, None)
        if not isinstance(spec, ControlSpec) or getattr(value, "__module__", None) != module.__name__:
            continue
        where = _origin(value)
        citations, spec_problems = _check_spec(spec, where)
        problems.extend(spec_problems)
        if spec_problems:
            continue
        basis: Basis = spec.basis  # type: ignore[assignment]  # checked just above
        severity: Severity = spec.severity  # type: ignore[assignment]
        controls.append(
            Control(
                id=spec.id,
                title=spec.title,
                domain=spec.domain,  # type: ignore[arg-type]
                citations=tuple(citations),
                basis=basis,
                severity=severity,
                weight=float(spec.weight) if spec.weight is not None else weight_of(severity, basis),
                risk=spec.risk,
                rationale=spec.rationale,
                remediation=spec.remediation,
                profiles=spec.profiles,
                check=value,
                partial_credit=spec.partial_credit,
                tailorable=spec.tailorable,
                origin=where,
                pack=pack,
                doc=inspect.cleandoc(value.__doc__ or ""),
            )
        )
    return controls, problems


def _import_file(path: Path) -> ModuleType:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:12]
    name = f"phi_policy_pack_{digest}_{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PackError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as error:
        del sys.modules[name]
        raise PackError(
            f"{path}: the control module failed to import: {type(error).__name__}: {error}",
            hint="fix the module, or remove it from the pack folder",
        ) from error
    return module


def pack_modules(directory: Path) -> list[Path]:
    """The modules of a pack folder, in a stable order (helpers starting with '_' excluded)."""
    if not directory.is_dir():
        raise PackError(f"control pack {directory} is not a folder", hint="pass a folder of .py files")
    return sorted(p for p in directory.rglob("*.py") if not any(part.startswith(("_", ".")) for part in p.relative_to(directory).parts))


def load_dir(directory: Path, pack: str | None = None) -> tuple[list[Control], list[str]]:
    controls: list[Control] = []
    problems: list[str] = []
    label = pack or str(directory)
    modules = pack_modules(directory)
    for path in modules:
        found, bad = collect(_import_file(path), label)
        controls.extend(found)
        problems.extend(bad)
    if not controls and not problems and pack is None:
        problems.append(f"{directory}: no controls found (decorate functions with @phi_policy.control.control)")
    return controls, problems


def declared_somewhere(group: str = ENTRY_POINT_GROUP) -> bool:
    """Whether an installed distribution may declare an entry point of `group`: False only
    when every folder on sys.path was read and none of their `entry_points.txt` names it.

    Asking importlib.metadata costs a start-up of some 20 ms (it imports email, zipfile and
    csv, then parses every distribution's metadata), a tenth of a whole `check`, and almost
    every installation has no control pack. So the folders are looked at first; anything
    importlib.metadata could see that this look cannot (a zip on sys.path, a finder that
    lists distributions of its own) means "maybe", and importlib.metadata decides.
    """
    from importlib.machinery import PathFinder

    if any(
        finder is not PathFinder and hasattr(finder, "find_distributions")
        for finder in sys.meta_path
    ):
        return True
    needle = group.encode()
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as items:
                names = [i.path for i in items if i.name.endswith((".dist-info", ".egg-info"))]
        except NotADirectoryError:
            return True  # a zip or an egg file: importlib.metadata can read it, this cannot
        except OSError:
            continue  # a folder that does not exist is skipped by importlib.metadata too
        for name in names:
            if os.path.isfile(name):
                return True  # an .egg-info file: the old format, left to importlib.metadata
            try:
                with open(os.path.join(name, "entry_points.txt"), "rb") as handle:
                    if needle in handle.read():
                        return True
            except OSError:
                continue
    return False


def load_entry_points() -> tuple[list[Control], list[str]]:
    controls: list[Control] = []
    problems: list[str] = []
    if not declared_somewhere():
        return controls, problems
    from importlib.metadata import entry_points

    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        try:
            target = ep.load()
        except Exception as error:
            raise PackError(f"entry point {ep.name} ({ep.value}) failed to load: {error}") from error
        if isinstance(target, ModuleType):
            path = getattr(target, "__file__", None)
            if path and Path(path).name == "__init__.py":
                found, bad = load_dir(Path(path).parent, f"entry point {ep.name}")
            else:
                found, bad = collect(target, f"entry point {ep.name}")
        else:
            found, bad = [], [f"entry point {ep.name} ({ep.value}) must name a module or package"]
        controls.extend(found)
        problems.extend(bad)
    return controls, problems


def load_catalog(extra_dirs: Sequence[str | Path] = (), *, entry_points: bool = True) -> Catalog:
    """The built-in pack, then each `--controls DIR`, then installed entry points."""
    controls, problems = load_dir(builtin_controls_dir(), "builtin")
    packs = ["builtin"]
    for directory in extra_dirs:
        found, bad = load_dir(Path(directory))
        controls.extend(found)
        problems.extend(bad)
        packs.append(str(directory))
    if entry_points:
        found, bad = load_entry_points()
        controls.extend(found)
        problems.extend(bad)
        packs.extend(sorted({c.pack for c in found}))
    problems.extend(_duplicates(controls))
    if problems:
        raise PackError("invalid control pack:\n  " + "\n  ".join(problems))
    return Catalog(
        tuple(sorted(controls, key=lambda c: c.id)),
        tuple(packs),
        loaded_with=(tuple(str(d) for d in extra_dirs), entry_points),
    )


def _duplicates(controls: Iterable[Control]) -> list[str]:
    seen: dict[str, Control] = {}
    problems = []
    for c in controls:
        if c.id in seen:
            problems.append(f"duplicate control id {c.id}: declared at {seen[c.id].origin} and at {c.origin}")
        else:
            seen[c.id] = c
    return problems
