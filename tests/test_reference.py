"""The rule for the reference files in ../shared: skip without them, fail only when told to.

Forks and other CI systems set CI=true and have no ../shared; the suite must pass there with
the reference tests skipped, and fail only where PHI_POLICY_REQUIRE_SHARED=1 (.ci/run).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.reference import REQUIRE, reference_file

ROOT = Path(__file__).resolve().parents[1]
MISSING = "no-such-folder/no-such-file.json"


@pytest.mark.parametrize("ci", ["true", ""])
def test_a_missing_reference_file_skips_with_the_reason(
    monkeypatch: pytest.MonkeyPatch, ci: str
) -> None:
    monkeypatch.setenv("CI", ci)
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        reference_file(MISSING, "the test catalogue")
    assert str(skipped.value).startswith("the test catalogue is not at ")
    assert f"({REQUIRE}=1 makes them mandatory)" in str(skipped.value)


def test_a_missing_reference_file_fails_where_the_project_requires_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        reference_file(MISSING, "the test catalogue")
    assert str(failed.value).startswith("the test catalogue is missing at ")


def test_the_project_ci_requires_the_reference_files_and_the_public_ci_needs_no_workaround(
) -> None:
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export PHI_POLICY_REQUIRE_SHARED=1 PHI_POLICY_REQUIRE_BROWSER=1\n" in run
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "CI" not in step.get("env", {}), step
