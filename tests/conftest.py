"""Shared fixtures: the paths of the repository's examples and broken-config corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """examples/org-config/, which must hold at least one config."""
    folder = ROOT / "examples" / "org-config"
    assert sorted(folder.glob("*.yaml")), f"no example configs in {folder}"
    return folder


@pytest.fixture(scope="session")
def broken_dir() -> Path:
    """tests/broken/: one config per hazard, each naming the one problem it must produce."""
    return Path(__file__).resolve().parent / "broken"


@pytest.fixture()
def worker_counts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The `workers` argument of every phi_policy.fleet.workers.run call while the test runs (the
    call still happens), so a test can tell worker processes were asked for."""
    from phi_policy.fleet import workers

    counts: list[int] = []
    real_run = workers.run

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts.append(kwargs["workers"])
        return real_run(*args, **kwargs)

    monkeypatch.setattr(workers, "run", spying)
    return counts


@pytest.fixture(scope="session")
def sarif_validator() -> Any:
    """The official OASIS SARIF 2.1.0 schema (draft-04) from ../shared, as a validator."""
    import json

    from jsonschema import Draft4Validator

    from tests.reference import reference_file

    path = reference_file("schemas/sarif-schema-2.1.0.json", "the official SARIF 2.1.0 schema")
    schema = json.loads(path.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read a text report's content, so they see its lines whole: as if in a terminal
    wide enough for any line. tests/test_terminal.py checks the fitting to 80 columns and to a
    terminal's width, with COLUMNS removed or set as a user's shell would."""
    monkeypatch.setenv("COLUMNS", "100000")
