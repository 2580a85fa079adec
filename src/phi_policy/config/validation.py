"""Validation composed once: the schema, then the checks that need the catalog, in file order.

Every caller (check and the other commands through phi_policy.pipeline, `validate`, the fleet
and history workers) asks this module, so a config is valid or not, and its problems read in
the same order, whichever command looks at it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.decisions import CatalogControl, check_decisions
from phi_policy.config.fast_path import fast_validator
from phi_policy.config.loader import Document, display_path, load
from phi_policy.config.schema import default_schema, validator_for
from phi_policy.errors import InputError
from phi_policy.model import Problem
from phi_policy.reporters.problems import FileResult


class Controls(Protocol):
    """What the decision checks need of a catalog: its controls by id (Catalog has it)."""

    def by_id(self) -> Mapping[str, CatalogControl]: ...


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """By line and column, then pointer and message: the order a person fixes them in, and one
    that does not depend on which check found a problem first."""
    return sorted(problems, key=lambda p: (p.location.line, p.location.col, p.pointer, p.message))


def check(document: Document, schema: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every violation of `schema` (the installed one by default) in `document`, in file order."""
    schema = default_schema() if schema is None else schema
    if schema is default_schema():
        fast = fast_validator()
        if fast is not None and fast(document.data):
            return []
    # Explaining errors is for invalid configs only: a valid one never loads the explainer.
    from phi_policy.config.explain import explain

    validator, resolver = validator_for(schema)
    return in_file_order(explain(validator.iter_errors(document.data), document, resolver))


def problems(document: Document, catalog: Controls | None) -> list[Problem]:
    """Everything wrong with a loaded document, in file order: the schema's problems, and only
    if there are none, those of its decisions against `catalog` (None: not checked).

    The decision checks assume the schema's shape, so they never run on a schema-invalid
    document; and a config without decisions never asks `catalog` for its controls.
    """
    found = check(document)
    if not found and catalog is not None and _has_decisions(document.data):
        found = check_decisions(document, document.data, catalog.by_id())
    return in_file_order(found)


def _has_decisions(data: Any) -> bool:
    return isinstance(data, dict) and bool(data.get("decisions") or data.get("waivers"))


def validate_file(file: str | os.PathLike[str], catalog: Controls | None) -> FileResult:
    """Load and validate one file: (path as shown, its problems). A file that cannot be read
    or parsed gives the loader's problems; nothing is raised."""
    try:
        document = load(file)
    except InputError as error:
        return display_path(file), list(error.problems)
    return document.path, problems(document, catalog)


class CatalogOnDemand:
    """The catalog, loaded the first time a config's decisions need it (once per process).

    `validate` of configs without decisions then never loads the control packs, in this
    process or in a worker.
    """

    def __init__(self, control_dirs: Sequence[str] = ()) -> None:
        self.control_dirs = tuple(control_dirs)
        self._catalog: Catalog | None = None

    def by_id(self) -> Mapping[str, CatalogControl]:
        if self._catalog is None:
            self._catalog = load_catalog(self.control_dirs)
        return self._catalog.by_id()
