"""The reference material in ../shared (the HIPAA catalogue, the official SARIF and OSCAL
schemas), read in place and never copied into the project.

A test that needs it skips, saying why, when ../shared is absent: on a developer's machine, in
a fork's CI, on any CI system. Only where the project's own CI says the files must be there
(PHI_POLICY_REQUIRE_SHARED=1, exported by .ci/run, which runs beside ../shared) does a
missing file fail the run, so the check cannot pass by skipping. CI=true is not the signal:
every CI system sets it, and most have no ../shared.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
#: Set to 1 where ../shared must be present (the project's own CI, through .ci/run).
REQUIRE = "PHI_POLICY_REQUIRE_SHARED"


def reference_file(relative: str, what: str) -> Path:
    """The file at ../shared/`relative`; skip without it, unless PHI_POLICY_REQUIRE_SHARED=1
    says it must be there. `what` names it in the message."""
    path = SHARED / relative
    if not path.is_file():
        if os.environ.get(REQUIRE) == "1":
            pytest.fail(f"{what} is missing at {path}, and {REQUIRE}=1 says it must be there "
                        "(.ci/run sets it: the project's CI puts ../shared beside the checkout)",
                        pytrace=False)
        pytest.skip(f"{what} is not at {path}; the reference tests run where ../shared sits "
                    f"beside the checkout ({REQUIRE}=1 makes them mandatory)")
    return path
