from __future__ import annotations

import pytest

from phi_policy.catalog.packs import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(entry_points=False)
