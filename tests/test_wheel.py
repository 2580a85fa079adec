"""The built wheel carries the schema and the controls and works away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    (built,) = out.glob("phi_policy-*.whl")
    return built


def test_wheel_contains_the_policy(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "phi_policy/_data/schemas/org-config.schema.json" in names
    assert "phi_policy/_data/schemas/report.schema.json" in names
    controls = {n for n in names if n.startswith("phi_policy/_data/controls/") and n.endswith(".py")}
    assert {"phi_policy/_data/controls/technical.py", "phi_policy/_data/controls/governance.py"} <= controls


@pytest.mark.slow
def test_installed_wheel_validates_and_checks_outside_the_tree(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    config = work / "phi-policy.yaml"
    config.write_bytes(EXAMPLE.read_bytes())
    clean_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    validate = subprocess.run(
        [str(bindir / "phi-policy"), "validate", "phi-policy.yaml"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    check = subprocess.run(
        [str(bindir / "phi-policy"), "check", "--as-of", "2026-11-01", "--format", "json"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert check.returncode == 0, check.stderr
    assert '"band": "green"' in check.stdout
    where = subprocess.run(
        [str(python), "-c", "import phi_policy.resources as r; print(r.schema_path())"],
        cwd=work, capture_output=True, text=True, env=clean_env, check=True,
    )
    assert str(env_dir) in where.stdout and str(ROOT) not in where.stdout
    # A plain install has no fast path (the `fast` extra): jsonschema alone decides, and
    # still says what is wrong and where.
    fast = subprocess.run(
        [str(python), "-c", "import importlib.util as u; print(u.find_spec('jsonschema_rs'))"],
        cwd=work, capture_output=True, text=True, env=clean_env, check=True,
    )
    assert fast.stdout.strip() == "None"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count("  unique_user_ids: true\n") == 1
    config.write_text(text.replace("  unique_user_ids: true\n", "  unique_user_ids: yes\n"),
                      encoding="utf-8")
    invalid = subprocess.run(
        [str(bindir / "phi-policy"), "validate", "phi-policy.yaml"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert invalid.returncode == 2
    assert "access_control.unique_user_ids: expected true or false, got the string 'yes'" in (
        invalid.stdout)
