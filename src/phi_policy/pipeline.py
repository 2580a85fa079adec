"""The pipeline in one place: load, validate, evaluate. Commands call this, not the stages.

Each stage is a pure function of its inputs; this module only strings them together and turns
problems into one InputError, so every command reports bad input the same way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from phi_policy.catalog.packs import Catalog
from phi_policy.config.loader import Document, load, load_text
from phi_policy.config.validation import problems
from phi_policy.engine.evaluate import DEFAULT_HORIZON_DAYS, evaluate
from phi_policy.errors import InputError
from phi_policy.model import Assessment, Context, Outcome


def load_valid(path: str | os.PathLike[str], catalog: Catalog | None) -> Document:
    document = load(path)
    return _require_valid(document, catalog)


def load_valid_text(text: str | bytes, path: str, catalog: Catalog | None) -> Document:
    return _require_valid(load_text(text, path), catalog)


def _require_valid(document: Document, catalog: Catalog | None) -> Document:
    found = problems(document, catalog)
    if found:
        raise InputError.invalid_config(document.path, found)
    return document


def assess(
    document: Document,
    catalog: Catalog,
    ctx: Context,
    *,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    known: dict[str, Outcome] | None = None,
) -> Assessment:
    controls: Sequence = catalog.for_profile(ctx.profile)
    return evaluate(
        document, controls, ctx, horizon_days=horizon_days, known=known
    )
