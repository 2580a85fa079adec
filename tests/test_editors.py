"""The schema beside the config: `phi-policy schema --write`, the modeline that names it, and
the editor settings in docs/editors.md.

The modeline must work offline and on copy: a copied example plus `phi-policy schema --write`
is all an editor needs, which is what these tests do, resolving the reference the way
yaml-language-server does (relative to the config's folder).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from phi_policy import __version__
from phi_policy.cli import run
from phi_policy.resources import schema_path
from tests.test_examples import DatesAsStringsLoader

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "org-config"
EDITORS = ROOT / "docs" / "editors.md"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)$")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def resolve_modeline(config: Path) -> Path:
    """The file a config's first-line modeline names, resolved against the config's folder."""
    match = MODELINE.match(config.read_text(encoding="utf-8").splitlines()[0])
    assert match, f"{config} does not start with a yaml-language-server modeline"
    ref = match["ref"]
    assert "://" not in ref, "the modeline must name a file, not a URL that needs a server"
    return (config.parent / ref).resolve()


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_a_copied_example_finds_its_schema_after_schema_write(
    example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # What docs/editors.md says: copy the config, write the schema beside it.
    config = tmp_path / "phi-policy.yaml"
    shutil.copyfile(EXAMPLES / example, config)
    monkeypatch.chdir(tmp_path)
    assert not resolve_modeline(config).exists()
    code, out, err = cli(capsys, "schema", "--write", ".")
    assert (code, err) == (0, "")
    assert out == (
        f"wrote org-config.schema.json (the config schema of phi-policy {__version__})\n"
        "A config in the same folder uses it with this first line:\n"
        "  # yaml-language-server: $schema=./org-config.schema.json\n"
    )
    schema_file = resolve_modeline(config)
    assert schema_file == (tmp_path / "org-config.schema.json").resolve()
    schema: dict[str, Any] = json.loads(schema_file.read_text(encoding="utf-8"))
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=DatesAsStringsLoader)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []


def test_the_examples_folder_can_be_copied_whole(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(EXAMPLES, tmp_path / "configs"))
    for config in copy.glob("*.yaml"):
        assert resolve_modeline(config).read_bytes() == schema_path().read_bytes()


def test_schema_write_again_is_a_no_op_and_a_different_file_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "org-config.schema.json"
    assert cli(capsys, "schema", "--write", str(target))[0] == 0
    code, out, _ = cli(capsys, "schema", "--write", str(target))
    assert code == 0
    assert out.startswith(f"{target} is already the schema of phi-policy {__version__}\n")

    target.write_text('{"title": "an older version"}\n', encoding="utf-8")
    code, out, err = cli(capsys, "schema", "--write", str(target))
    assert (code, out) == (2, "")
    assert err == (
        f"phi-policy: error: {target} exists and is not the schema of phi-policy "
        f"{__version__}; nothing was written\n"
        f"  hint: pass --force to replace it: phi-policy schema --write {target} --force\n"
    )
    assert target.read_text(encoding="utf-8") == '{"title": "an older version"}\n'
    code, out, err = cli(capsys, "schema", "--write", str(target), "--force")
    assert (code, err) == (0, "")
    assert target.read_bytes() == schema_path().read_bytes()


def test_schema_write_under_another_name_says_the_matching_modeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "schema", "--write", str(tmp_path / "phi.schema.json"))
    assert code == 0
    assert out.endswith("  # yaml-language-server: $schema=./phi.schema.json\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--write", "no-such-folder/x.json"],
         "phi-policy: error: cannot write no-such-folder/x.json: no-such-folder does not exist\n"
         "  hint: give a path in an existing folder\n"),
        (["--write", "x.json", "--path"],
         "phi-policy: error: --path and --write do different things; give one of them\n"),
        (["--force"],
         "phi-policy: error: --force only goes with --write PATH\n"
         "  hint: e.g. phi-policy schema --write . --force\n"),
    ],
    ids=["missing-folder", "path-and-write", "force-alone"],
)
def test_schema_write_usage_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli(capsys, "schema", *args) == (2, "", message)
    assert list(tmp_path.iterdir()) == []


# --- docs/editors.md -----------------------------------------------------------------------------


def json_blocks() -> list[Any]:
    text = EDITORS.read_text(encoding="utf-8")
    return [json.loads(block) for block in re.findall(r"```jsonc?\n(.*?)```", text, re.S)]


def test_the_editor_guide_settings_parse_and_name_real_files() -> None:
    vscode, catalog_entry = json_blocks()
    (schema_ref, patterns), = vscode["yaml.schemas"].items()
    assert schema_ref == "./org-config.schema.json"
    assert "phi-policy.yaml" in patterns
    assert set(catalog_entry) >= {"name", "description", "fileMatch", "url"}
    assert catalog_entry["fileMatch"] == ["phi-policy.yaml", "phi-policy.yml"]
    prefix = "https://raw.githubusercontent.com/phi-policy/phi-policy/"
    for url in [catalog_entry["url"], *catalog_entry.get("versions", {}).values()]:
        assert url.startswith(prefix), url
        in_repo = url.removeprefix(prefix).split("/", 1)[1]
        assert (ROOT / in_repo).is_file(), url
    assert catalog_entry["versions"] == {
        __version__: f"{prefix}v{__version__}/schemas/org-config.schema.json"}


def test_the_editor_guide_modeline_is_the_one_init_writes() -> None:
    from phi_policy.config.schema_file import MODELINE as WRITTEN

    assert WRITTEN in EDITORS.read_text(encoding="utf-8")
