"""A compiled "is this config valid?" (jsonschema-rs) that spares jsonschema on valid configs.

Most configs checked are valid, and jsonschema takes milliseconds to say so. When jsonschema-rs
is installed (the `fast` extra), a compiled validator of the installed schema first answers
"valid or not" (in microseconds); a valid config is done, and only an invalid one goes through
jsonschema, which alone writes the messages. The compiled validator only decides validity, so
the Problems are the same with or without it; it is used only for a schema whose formats it
checks exactly as jsonschema does (`date` and `email`, by the same rules), it never fetches
anything, and any doubt (an error inside it, a value it cannot convert) falls back to
jsonschema. PHI_POLICY_FAST_VALIDATOR=0 in the environment turns it off.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import re
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from phi_policy.config.schema import default_schema

FAST_SWITCH = "PHI_POLICY_FAST_VALIDATOR"
# jsonschema's own rules for the formats the fast path checks (jsonschema._format: is_date,
# is_email), so a value passes the compiled validator exactly when it passes jsonschema.
_RE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def _is_date(value: str) -> bool:
    try:
        return bool(_RE_DATE.fullmatch(value) and dt.date.fromisoformat(value))
    except ValueError:
        return False


def _is_email(value: str) -> bool:
    return "@" in value


FAST_FORMATS: dict[str, Callable[[str], bool]] = {"date": _is_date, "email": _is_email}


def formats_named(node: Any) -> Iterator[str]:
    """Every `format` the schema names (walked without recursion): the fast path is vetted
    only for those in FAST_FORMATS."""
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, Mapping):
            if isinstance(current.get("format"), str):
                yield current["format"]
            pending.extend(current.values())
        elif isinstance(current, list):
            pending.extend(current)


def _no_retrieval(uri: str) -> Any:
    raise LookupError(f"phi-policy never fetches {uri}")


@lru_cache(maxsize=1)
def fast_validator() -> Callable[[Any], bool] | None:
    """A compiled "is this valid?" for the installed schema, or None: jsonschema-rs is not
    installed, PHI_POLICY_FAST_VALIDATOR=0 turned it off, the schema names a format it would
    not check exactly as jsonschema does, or it could not be built. Built once per process.

    Its answer is trusted only when it says valid; an exception inside it counts as invalid,
    so jsonschema then decides, as it does without the fast path.
    """
    if os.environ.get(FAST_SWITCH, "1").strip().lower() in ("0", "false", "no", "off"):
        return None
    schema = default_schema()
    if not set(formats_named(schema)) <= set(FAST_FORMATS):
        return None
    try:
        jsonschema_rs = importlib.import_module("jsonschema_rs")  # optional: the fast extra
    except ImportError:
        return None
    try:
        compiled = jsonschema_rs.Draft202012Validator(
            dict(schema), validate_formats=True, formats=dict(FAST_FORMATS),
            retriever=_no_retrieval,
        )
    except Exception:  # an unexpected jsonschema-rs version or schema: jsonschema does it all
        return None

    def is_valid(instance: Any) -> bool:
        try:
            return bool(compiled.is_valid(instance))
        except Exception:  # a value it cannot convert: let jsonschema decide
            return False

    return is_valid
