"""The built sdist and wheel carry the policy, the license and the metadata a release needs,
pass `twine check` (what the release workflow runs before it publishes), and the wheel works
away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding the sdist and the wheel, built as the release workflow builds them."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    (built,) = dist.glob("phi_policy-*.whl")
    return built


@pytest.fixture(scope="module")
def sdist(dist: Path) -> Path:
    (built,) = dist.glob("phi_policy-*.tar.gz")
    return built


def test_twine_check_passes(dist: Path) -> None:
    """The release workflow runs `twine check --strict` before publishing; so does CI."""
    files = sorted(str(p) for p in dist.iterdir())
    assert len(files) == 2
    done = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("PASSED") == 2, done.stdout


def test_wheel_carries_the_license_and_the_project_links(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    (info,) = {n.split("/")[0] for n in names if n.split("/")[0].endswith(".dist-info")}
    assert {f"{info}/licenses/LICENSE", f"{info}/licenses/NOTICE"} <= names
    assert archive.read(f"{info}/licenses/LICENSE") == (ROOT / "LICENSE").read_bytes()
    metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode("utf-8"))
    assert metadata["License-Expression"] == "Apache-2.0"
    assert sorted(metadata.get_all("License-File") or []) == ["LICENSE", "NOTICE"]
    links = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL") or [])
    assert set(links) == {"Source", "Issues", "Changelog", "Documentation"}
    assert links["Changelog"].endswith("/CHANGELOG.md")


def test_sdist_carries_the_license_notice_and_changelog(sdist: Path) -> None:
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    top = sdist.name.removesuffix(".tar.gz")
    for name in ("LICENSE", "NOTICE", "CHANGELOG.md", "README.md", "pyproject.toml",
                 "schemas/org-config.schema.json"):
        assert f"{top}/{name}" in names, name


def test_wheel_contains_the_policy(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "phi_policy/_data/schemas/org-config.schema.json" in names
    assert "phi_policy/_data/schemas/report.schema.json" in names
    # The HTML report's stylesheet is package data beside its reporter, read at render time.
    assert "phi_policy/reporters/report.css" in names
    packs = "phi_policy/_data/controls/"
    controls = {n for n in names if n.startswith(packs) and n.endswith(".py")}
    assert {f"{packs}technical.py", f"{packs}governance.py"} <= controls


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
    html = subprocess.run(
        [str(bindir / "phi-policy"), "check", "--as-of", "2026-11-01", "--format", "html"],
        cwd=work, capture_output=True, text=True, env=clean_env,
    )
    assert html.returncode == 0, html.stderr
    assert "<style>\n:root{" in html.stdout  # the stylesheet came from the installed wheel
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
