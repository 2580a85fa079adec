"""Checks of a schema-valid config that need the control catalog (decisions name controls).

The catalog is loaded only when a config has something to check against it, so validating
configs without decisions never imports the control packs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.decisions import check_decisions
from phi_policy.config.loader import Document
from phi_policy.model import Problem

Checks = tuple[Callable[[Document], list[Problem]], ...]


def catalog_checks(control_dirs: Sequence[str] = ()) -> Checks:
    """The extra checks `validate` runs on each schema-valid document."""

    @cache
    def catalog() -> Catalog:
        return load_catalog(control_dirs)

    def decisions(document: Document) -> list[Problem]:
        data = document.data
        if not isinstance(data, dict) or not (data.get("decisions") or data.get("waivers")):
            return []
        return check_decisions(document, data, catalog().by_id())

    return (decisions,)
