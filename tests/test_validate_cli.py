"""`phi-policy validate` and `phi-policy schema` end to end, path discovery, and the renderers.

Every file in tests/broken/ states the one problem it must produce in its header:

    # <what the file shows>
    # expect: <line>:<col>: error: <dotted path>: <message>
    # code: <problem code>
    # hint: <hint>

and the CLI must print exactly that, exit 2, and never show a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phi_policy import resources
from phi_policy.cli import run
from phi_policy.config import discover
from phi_policy.errors import UsageError
from phi_policy.model import Location, Problem
from phi_policy.reporters.problems import dotted, render_json, render_text

ROOT = Path(__file__).resolve().parent.parent
BROKEN = sorted((Path(__file__).resolve().parent / "broken").glob("*.yaml"))


def header(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:4]
    return dict(line[2:].split(": ", 1) for line in lines)


def cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = run(argv)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_the_corpus_covers_every_hazard() -> None:
    assert {path.name for path in BROKEN} >= {
        "duplicate-key.yaml", "yes-boolean.yaml", "bad-date.yaml", "unknown-key.yaml",
        "wrong-type.yaml", "missing-section.yaml", "multi-doc.yaml", "python-tag.yaml",
        "billion-laughs.yaml", "empty.yaml", "bad-indentation.yaml", "tab-indent.yaml",
        "merge-key.yaml", "not-a-mapping.yaml", "number-key.yaml", "tls-unquoted.yaml",
    }


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.name)
def test_each_broken_config_gives_its_one_problem(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = header(path)
    monkeypatch.chdir(path.parent)
    code, out, err = cli(["validate", path.name], capsys)
    assert code == 2
    assert err == ""
    assert out.splitlines() == [
        f"{path.name}:{expected['expect']}",
        f"  hint: {expected['hint']}",
        "1 file checked, 1 invalid, 1 problem",
    ]
    code, out, _ = cli(["validate", "--format", "json", path.name], capsys)
    assert code == 2
    (problem,) = json.loads(out)["files"][0]["problems"]
    assert problem["code"] == expected["code"]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("deep-nesting.yaml", "".join("  " * i + f"k{i}:\n" for i in range(80)).encode(),
         ["deep-nesting.yaml:65:129: error: the config nests deeper than 64 levels",
          "  hint: flatten the structure: a phi-policy config nests a few levels at most"]),
        ("not-utf8.yaml", b"schema_version: 1\norganization:\n  name: Caf\xe9 Clinic\n",
         ["not-utf8.yaml:3:12: error: the file is not valid UTF-8 (byte 0xe9)",
          "  hint: save the file as UTF-8"]),
        ("zero-bytes.yaml", b"",
         ["zero-bytes.yaml:1:1: error: empty config: the file holds no settings",
          "  hint: start from `phi-policy init`, or copy an example config"]),
        ("many-aliases.yaml", b"a: &a 1\nb: [" + b", ".join([b"*a"] * 60) + b"]\n",
         ["many-aliases.yaml:2:205: error: more than 50 aliases (*name) in one config",
          "  hint: write the values out instead of reusing them with anchors and aliases"]),
    ],
)
def test_generated_hazards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    name: str, data: bytes, expected: list[str],
) -> None:
    write(tmp_path / name, data)
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli(["validate", name], capsys)
    assert code == 2
    assert out.splitlines() == [*expected, "1 file checked, 1 invalid, 1 problem"]


def test_the_examples_are_valid(
    examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    count = len(list(examples_dir.glob("*.yaml")))
    code, out, err = cli(["validate", str(examples_dir)], capsys)
    assert (code, err) == (0, "")
    assert out == f"{count} files checked, 0 invalid, 0 problems\n"


def test_a_whole_folder_reports_every_file(
    broken_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_dir.parent)
    code, out, _ = cli(["validate", "--format", "json", "broken"], capsys)
    assert code == 2
    report = json.loads(out)
    assert [f["path"] for f in report["files"]] == [f"broken/{p.name}" for p in BROKEN]
    assert report["summary"] == {
        "files": len(BROKEN), "valid": 0, "invalid": len(BROKEN), "problems": len(BROKEN),
    }


def test_valid_and_invalid_together_exit_2(
    examples_dir: Path, broken_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    example = sorted(examples_dir.glob("*.yaml"))[0]
    code, out, _ = cli(["validate", str(example), str(broken_dir / "yes-boolean.yaml")], capsys)
    assert code == 2
    assert out.splitlines()[-1] == "2 files checked, 1 invalid, 1 problem"


def test_a_folder_without_configs(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a config\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(["validate", "empty"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: no YAML configs found in empty\n"
        "  hint: configs end in .yaml or .yml; hidden folders are skipped\n"
    )


def test_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(["validate", "nope.yaml"], capsys)
    assert (code, out, err) == (2, "", "phi-policy: error: nope.yaml: no such file or directory\n")


def test_no_paths_means_phi_policy_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(["validate"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "phi-policy: error: no phi-policy.yaml in the current directory\n"
        "  hint: run `phi-policy init` to create one, or give the config's path\n"
    )
    (tmp_path / "phi-policy.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    code, out, _ = cli(["validate"], capsys)
    assert code == 2
    assert out.splitlines()[0] == (
        "phi-policy.yaml:2:1: error: duplicate key 'a' (first at line 1)"
    )


def test_an_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(["validate", "--format", "xml", "x.yaml"], capsys)
    assert code == 2
    assert "Invalid value for '--format'" in err


def test_json_output_is_exact(broken_dir: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken_dir)
    code, out, _ = cli(["validate", "--format", "json", "unknown-key.yaml"], capsys)
    assert code == 2
    assert json.loads(out) == {
        "files": [{
            "path": "unknown-key.yaml",
            "valid": False,
            "problems": [{
                "line": 23, "col": 3, "pointer": "/access_control",
                "path": "access_control", "code": "unknown-key",
                "message": "unknown key 'automatic_logoff_minute'",
                "hint": "did you mean 'automatic_logoff_minutes'?",
            }],
        }],
        "summary": {"files": 1, "valid": 0, "invalid": 1, "problems": 1},
    }


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["validate", "--help"], capsys)
    assert code == 0
    assert "phi-policy validate configs/" in out
    assert "Exit status: 0 every config is valid; 2" in out


def test_python_dash_m_shows_no_traceback(broken_dir: Path, tmp_path: Path) -> None:
    write(tmp_path / "not-utf8.yaml", b"a: \xff\n")
    write(tmp_path / "deep.yaml", b"[" * 25_000 + b"]" * 25_000)
    result = subprocess.run(
        [sys.executable, "-m", "phi_policy", "validate", str(broken_dir), str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr == ""
    total = len(BROKEN) + 2
    assert result.stdout.splitlines()[-1] == (
        f"{total} files checked, {total} invalid, {total} problems"
    )
    assert "deep.yaml:1:" in result.stdout
    assert "not-utf8.yaml:1:4: error: the file is not valid UTF-8 (byte 0xff)" in result.stdout


# -- schema ---------------------------------------------------------------------------------------


def test_schema_prints_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["schema"], capsys)
    assert code == 0
    assert json.loads(out) == json.loads(resources.schema_path().read_text(encoding="utf-8"))


def test_schema_path(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["schema", "--path"], capsys)
    assert (code, out) == (0, f"{resources.schema_path()}\n")


def test_schema_help_explains_editor_wiring(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(["schema", "--help"], capsys)
    assert code == 0
    assert "# yaml-language-server: $schema=" in out


# -- discovery ------------------------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ["a.yaml", "b.yml", "c.YAML", "notes.txt", ".pre-commit-config.yaml",
                 "sub/d.yaml", "sub/deeper/e.yml", ".git/f.yaml", ".github/g.yml",
                 "node_modules/h.yaml", "other/i.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def posix(paths: list[Path]) -> list[str]:
    return [path.as_posix() for path in paths]


def test_folders_are_searched_recursively_skipping_hidden_and_vendored(tree: Path) -> None:
    assert posix(discover.expand(["."])) == [
        "a.yaml", "b.yml", "c.YAML", "other/i.yaml", "sub/d.yaml", "sub/deeper/e.yml",
    ]


def test_files_are_taken_as_given_sorted_and_deduplicated(tree: Path) -> None:
    assert posix(discover.expand(["sub/d.yaml", "notes.txt", "./sub/d.yaml", "sub"])) == [
        "notes.txt", "sub/d.yaml", "sub/deeper/e.yml",
    ]


def test_globs_are_expanded(tree: Path) -> None:
    assert posix(discover.expand(["**/*.yml"])) == ["b.yml", "sub/deeper/e.yml"]
    assert posix(discover.expand(["s*"])) == ["sub/d.yaml", "sub/deeper/e.yml"]


def test_a_glob_matching_nothing(tree: Path) -> None:
    with pytest.raises(UsageError) as caught:
        discover.expand(["*.json"])
    assert caught.value.message == "no YAML configs match *.json"


def test_default_is_phi_policy_yaml(tree: Path) -> None:
    with pytest.raises(UsageError):
        discover.expand([])
    (tree / "phi-policy.yaml").write_text("a: 1\n", encoding="utf-8")
    assert posix(discover.expand([])) == ["phi-policy.yaml"]


# -- renderers ------------------------------------------------------------------------------------


def test_dotted_paths() -> None:
    assert dotted("") == ""
    assert dotted("/access_control/mfa/remote_access") == "access_control.mfa.remote_access"
    assert dotted("/platforms/0/tls_min_version") == "platforms[0].tls_min_version"
    assert dotted("/a~1b/c d/x~0") == '["a/b"]["c d"]["x~"]'


PROBLEMS = [
    Problem(Location("b.yaml", 9, 3), "unknown key 'x'", "/access_control", "did you mean 'y'?",
            "unknown-key"),
    Problem(Location("b.yaml", 2, 1), "empty config: the file holds no settings", "", None,
            "empty"),
]


def test_render_text() -> None:
    assert render_text([("a.yaml", []), ("b.yaml", PROBLEMS)]) == (
        "b.yaml:2:1: error: empty config: the file holds no settings\n"
        "b.yaml:9:3: error: access_control: unknown key 'x'\n"
        "  hint: did you mean 'y'?\n"
        "2 files checked, 1 invalid, 2 problems"
    )
    assert render_text([("a.yaml", [])]) == "1 file checked, 0 invalid, 0 problems"


def test_render_json_is_deterministic() -> None:
    rendered = render_json([("b.yaml", PROBLEMS)])
    assert rendered == render_json([("b.yaml", list(reversed(PROBLEMS)))])
    assert rendered.splitlines()[:3] == ['{', '  "files": [', '    {']
    assert json.loads(rendered)["files"][0]["problems"][0] == {
        "line": 2, "col": 1, "pointer": "", "path": "", "code": "empty",
        "message": "empty config: the file holds no settings", "hint": None,
    }


def test_a_large_set_is_validated_in_workers_with_the_same_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    worker_counts: list[int],
) -> None:
    """36 fleet configs and two broken ones (a typo, a waiver of a required control, which
    needs the catalog in the worker): the same report from one process and from two."""
    import shutil

    sites = tmp_path / "sites"
    shutil.copytree(ROOT / "examples" / "fleet", sites, ignore=shutil.ignore_patterns("*.py"))
    erie = (sites / "erie.yaml").read_text(encoding="utf-8")
    (sites / "erie.yaml").write_text(
        erie.replace("  - control: TECH-027\n", "  - control: TECH-001\n", 1), encoding="utf-8"
    )
    (sites / "zz-broken.yaml").write_text("schema_version: 1\nfoo: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    serial = cli(["validate", "sites", "--format", "json", "--jobs", "1"], capsys)
    parallel = cli(["validate", "sites", "--format", "json", "--jobs", "2"], capsys)
    assert worker_counts == [1, 2]
    assert serial == parallel
    assert serial[0] == 2
    report = json.loads(serial[1])
    bad = {f["path"]: [p["message"] for p in f["problems"]] for f in report["files"]
           if f["problems"]}
    assert sorted(bad) == ["sites/erie.yaml", "sites/zz-broken.yaml"]
    assert "TECH-001" in bad["sites/erie.yaml"][0]


def test_strict_fails_with_exit_1_on_an_undeclared_applicability_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "org-config"
    text = (example / "lakeside-health.yaml").read_text(encoding="utf-8")
    undeclared = text.replace("  treats_minors: true ", "  # minors? ")
    write(tmp_path / "phi-policy.yaml", undeclared.encode())
    code, out, _ = cli(["validate", str(tmp_path / "phi-policy.yaml")], capsys)
    assert code == 0
    code, out, _ = cli(["validate", "--strict", str(tmp_path / "phi-policy.yaml")], capsys)
    assert code == 1
    assert "organization.treats_minors: not declared: Does the organization treat patients " \
        "under 18?" in out
    assert "until then TELE-009 is unscored" in out
    code, _, _ = cli(["validate", "--strict", str(example / "lakeside-health.yaml")], capsys)
    assert code == 0
