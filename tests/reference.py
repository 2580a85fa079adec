"""The reference material in ../shared (the HIPAA catalogue, the official SARIF and OSCAL
schemas), read in place and never copied into the project.

A test that needs it skips when ../shared is absent on a developer's machine, and fails in CI
(CI=true), where ../shared always sits beside the checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def reference_file(relative: str, what: str) -> Path:
    """The file at ../shared/`relative`; skip without it (fail in CI). `what` names it."""
    path = SHARED / relative
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{what} is missing at {path}; CI checks out ../shared beside the "
                        "repository")
        pytest.skip(f"{what} is not at {path} (it sits beside the checkout in CI)")
    return path
