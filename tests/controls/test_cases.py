"""Every control's pass and fail cases, gathered from the cases_*.py modules beside this file."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

from phi_policy.catalog.packs import Catalog
from phi_policy.engine.evaluate import run_control
from phi_policy.model import Context
from tests.controls.harness import Case, apply_patch, base_config

CASES: list[Case] = []
for info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)]), key=lambda i: i.name):
    if info.name.startswith("cases_"):
        CASES.extend(importlib.import_module(f"tests.controls.{info.name}").CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_case(case: Case, catalog: Catalog) -> None:
    control = catalog.by_id()[case.control]
    config = apply_patch(base_config(), case.patch)
    ctx = Context(as_of=case.as_of, profile=case.profile, limits=case.limits)
    # Through the engine's own runner, so a partial outcome from a control that declares no
    # partial_credit rule shows up as the error it would be in a report.
    outcome = run_control(control, config, ctx)
    assert outcome.status == case.status, outcome.message
    if case.instances is not None:
        assert outcome.instances == case.instances
    if case.credit is not None:
        assert outcome.credit == pytest.approx(case.credit)
    for path in case.paths:
        assert path in outcome.paths, f"{path} not in {outcome.paths}"
    if case.message is not None:
        assert case.message in outcome.message
    if case.turns_on is not None:
        assert outcome.turns_on == case.turns_on
    for path in outcome.paths:
        assert path.startswith("/"), f"paths are JSON pointers: {path!r}"


def test_case_ids_are_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_every_control_has_a_pass_and_a_fail_case(catalog: Catalog) -> None:
    statuses: dict[str, set[str]] = {}
    for case in CASES:
        statuses.setdefault(case.control, set()).add(case.status)
    missing = []
    for control in catalog.controls:
        seen = statuses.get(control.id, set())
        if "pass" not in seen or not seen & {"fail", "partial"}:
            missing.append(f"{control.id} has {sorted(seen) or 'no cases'}")
    assert not missing, "controls without a pass and a fail case:\n" + "\n".join(missing)


def test_cases_name_existing_controls(catalog: Catalog) -> None:
    known = catalog.by_id()
    assert not [c.id for c in CASES if c.control not in known]


def test_base_config_passes_every_current_control(catalog: Catalog) -> None:
    """The strong base is the reference: under the current rule nothing in it fails."""
    config = base_config()
    bad = []
    for control in catalog.for_profile("hipaa"):
        outcome = control.check(config, Context(as_of=Case("x", "x", "pass").as_of))
        if outcome.status not in ("pass", "not_applicable"):
            bad.append(f"{control.id}: {outcome.status}: {outcome.message}")
    assert not bad, "\n".join(bad)
