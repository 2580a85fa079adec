"""164.306(b): a small organization's findings say how its size may shape them, never the result."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from phi_policy.catalog.packs import Catalog, load_catalog
from phi_policy.config.loader import load_text
from phi_policy.engine.evaluate import evaluate
from phi_policy.engine.flexibility import noted, size_note
from phi_policy.model import Context, Outcome
from tests.controls.harness import apply_patch, base_config

AS_OF = dt.date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(entry_points=False)


SMALL = {"organization": {"size": "small"}}


@pytest.mark.parametrize(
    ("control_id", "expected"),
    [
        ("TECH-003", "record a decision saying why and what is done instead (164.306(d)(3))"),
        ("TECH-026", "a documented decision may tailor this benchmark"),
        ("GOV-008", None),  # required: size changes nothing
        ("PRIV-018", None),  # a Privacy Rule benchmark: 164.306(b) is the Security Rule's
        ("NPRM-008", None),  # proposed
    ],
)
def test_the_note_follows_basis_and_rule(
    catalog: Catalog, control_id: str, expected: str | None
) -> None:
    note = size_note(catalog.by_id()[control_id], SMALL)
    assert (note is None) if expected is None else (note is not None and expected in note)


def test_only_a_small_organization_gets_it(catalog: Catalog) -> None:
    control = catalog.by_id()["TECH-003"]
    assert size_note(control, {"organization": {"size": "medium"}}) is None
    assert size_note(control, {"organization": {}}) is None
    failing = Outcome("fail", "automatic logoff is not configured", 0.0)
    assert noted(failing, control, SMALL).message.startswith(
        "automatic logoff is not configured; 164.306(b) lets a small organization weigh its size"
    )
    passing = Outcome("pass", "automatic logoff after 10 minutes", 1.0)
    assert noted(passing, control, SMALL) is passing


def test_evaluate_adds_it_without_changing_any_credit(catalog: Catalog) -> None:
    patch = {"/access_control/automatic_logoff_minutes": 60}
    medium = apply_patch(base_config(), patch)
    small = apply_patch(medium, {"/organization/size": "small"})
    controls = catalog.for_profile("hipaa")
    ctx = Context(as_of=AS_OF)
    results = [
        {r.control_id: r for r in evaluate(load_text(yaml.safe_dump(c), "x.yaml"), controls, ctx)
         .results}
        for c in (medium, small)
    ]
    for control_id, plain in results[0].items():
        assert results[1][control_id].outcome.credit == plain.outcome.credit
    assert "164.306(b)" not in results[0]["TECH-026"].outcome.message
    assert results[1]["TECH-026"].outcome.message == (
        results[0]["TECH-026"].outcome.message + "; 164.306(b) lets a small organization weigh "
        "its size, complexity and capabilities: a documented decision may tailor this benchmark "
        "to what is reasonable for it"
    )
