"""Where the policy data (schemas/, controls/) lives, installed or in a source checkout.

In a wheel they ship as `phi_policy/_data/`; in a source checkout (an editable install, or
tests run from the tree) they are the top-level `schemas/` and `controls/` folders, which read
as the policy rather than as code hidden in a package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder holding `name` ("schemas" or "controls")."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"phi-policy's {name}/ folder is missing from {installed} and {checkout}; "
        "reinstall phi-policy"
    )


def schema_path(name: str = "org-config.schema.json") -> Path:
    return data_dir("schemas") / name


def builtin_controls_dir() -> Path:
    return data_dir("controls")
