"""Control packs: collect the functions a pack declares into checked controls, build the catalog.

The built-in pack, a user's `--controls DIR` and a `phi_policy.controls` entry point are all
loaded by the same code (phi_policy.catalog.pack_import finds and imports their modules).
Nothing registers itself on import: this module walks each module's attributes and collects
the functions that `phi_policy.control.control` marked, the way pytest collects tests. The
catalog is checked as it loads (phi_policy.catalog.pack_checks), so a broken pack fails loudly
and names the file instead of producing a quietly wrong score.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from phi_policy.catalog.pack_checks import check_spec, narrow
from phi_policy.catalog.pack_import import entry_point_targets, import_file, pack_modules
from phi_policy.catalog.vocabulary import PROFILES
from phi_policy.control import ATTRIBUTE, CheckFunction, ControlSpec
from phi_policy.engine.scoring import weight_of
from phi_policy.errors import PackError
from phi_policy.model import BASES, DOMAINS, SEVERITIES, Basis, Citation, Domain, Severity
from phi_policy.resources import builtin_controls_dir


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


def _origin(function: object) -> str:
    """`file:line` of a control's definition, read from its code object (inspect would parse
    the whole source file again for every control)."""
    code = getattr(function, "__code__", None)
    if code is None:
        return getattr(function, "__qualname__", "?")
    return f"{code.co_filename}:{code.co_firstlineno}"


def collect(module: ModuleType, pack: str) -> tuple[list[Control], list[str]]:
    """The controls a module declares, and the problems with their metadata."""
    controls: list[Control] = []
    problems: list[str] = []
    for _name, value in sorted(vars(module).items()):
        spec = getattr(value, ATTRIBUTE, None)
        if not isinstance(spec, ControlSpec):
            continue
        if getattr(value, "__module__", None) != module.__name__:
            continue  # imported from the module that declares it, and collected there
        where = _origin(value)
        citations, spec_problems = check_spec(spec, where)
        problems.extend(spec_problems)
        if spec_problems:
            continue
        basis = narrow(spec.basis, BASES)
        severity = narrow(spec.severity, SEVERITIES)
        controls.append(
            Control(
                id=spec.id,
                title=spec.title,
                domain=narrow(spec.domain, DOMAINS),
                citations=tuple(citations),
                basis=basis,
                severity=severity,
                weight=(
                    float(spec.weight) if spec.weight is not None else weight_of(severity, basis)
                ),
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


def load_dir(directory: Path, pack: str | None = None) -> tuple[list[Control], list[str]]:
    """The controls of a pack folder and the problems with them; a folder given by the user
    (no `pack` label) that declares nothing is a problem, as it is likely the wrong one."""
    controls: list[Control] = []
    problems: list[str] = []
    label = pack or str(directory)
    modules = pack_modules(directory)
    for path in modules:
        found, bad = collect(import_file(path), label)
        controls.extend(found)
        problems.extend(bad)
    if not controls and not problems and pack is None:
        problems.append(
            f"{directory}: no controls found "
            "(decorate functions with @phi_policy.control.control)"
        )
    return controls, problems


def load_entry_points() -> tuple[list[Control], list[str]]:
    """The controls of every installed pack: a package is loaded as a pack folder, a module
    is collected as it is."""
    controls: list[Control] = []
    problems: list[str] = []
    for ep, target in entry_point_targets():
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
            problems.append(
                f"duplicate control id {c.id}: declared at {seen[c.id].origin} and at {c.origin}"
            )
        else:
            seen[c.id] = c
    return problems
