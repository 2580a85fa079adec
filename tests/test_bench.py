"""The benchmark keeps working, and the speed work keeps behaviour.

`python bench/run.py --quick` runs here on every CI run (tiny sizes, about 15 s): it must exit 0
and print the whole table. No timing is asserted: CI machines vary. The rest pins what the
speed work promised: `check` and `validate` import only what they use; the jsonschema-rs fast
path never calls valid what jsonschema calls invalid, and gives the same problems as without
it; the benchmark's generated data is valid and reproducible.
"""

from __future__ import annotations

import copy
import importlib
import importlib.util
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from phi_policy.config import fast_path
from phi_policy.config.loader import load, load_text
from phi_policy.config.schema import default_schema, validator_for
from phi_policy.config.validation import check, problems

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
EXAMPLE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"


def _has_fast() -> bool:
    try:
        import jsonschema_rs  # noqa: F401
    except ImportError:
        return False
    return True


HAS_FAST = _has_fast()
HAS_ANCHOR = (Path(sys.executable).parent / "check-jsonschema").exists() or (
    importlib.util.find_spec("check_jsonschema") is not None
)


@pytest.fixture()
def fast_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fast path as installed, whatever PHI_POLICY_FAST_VALIDATOR says in this run."""
    monkeypatch.delenv(fast_path.FAST_SWITCH, raising=False)
    fast_path.fast_validator.cache_clear()
    yield
    fast_path.fast_validator.cache_clear()


@pytest.fixture()
def generate(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/generate.py, imported as the benchmark imports it."""
    monkeypatch.syspath_prepend(str(BENCH))
    return importlib.import_module("generate")


@pytest.fixture()
def bench_run(generate: ModuleType, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """bench/run.py as a module (its main() is not run)."""
    spec = importlib.util.spec_from_file_location("phi_policy_bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)
    return module


# -- the quick run ----------------------------------------------------------------------------


def test_quick_run_prints_the_whole_table(tmp_path: Path) -> None:
    raw = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", str(raw)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path, check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("phi-policy benchmark, quick (tiny sizes, one run: not a "
                               "measurement): 20 configs (")
    assert lines[1].startswith("machine: ")
    assert " cores, Python " in lines[1] and ", libyaml yes, validator " in lines[1]
    header = next(i for i, line in enumerate(lines) if line.startswith("measurement "))
    assert lines[header].split() == ["measurement", "phi-policy", "anchor", "ratio", "target",
                                     "met"]
    data_first = json.loads(raw.read_text(encoding="utf-8"))["data"]
    versions = data_first["history"]
    labels = [
        "check one config vs the start-up floor",
        "20 configs, fleet (all cores) vs check-jsonschema",
        "20 configs, --jobs 1 vs check-jsonschema",
        "peak RSS, 20 configs, largest process vs check-jsonschema",
        "peak RSS, 20 configs, all processes together",
        f"history of 50 commits vs fleet check of its {versions['distinct_versions']} versions",
        "history vs a GitPython loop (check every commit)",
        f"diff of 20 configs ({data_first['diff']['changed']} changed), all cores vs --jobs 1",
    ]
    rows = lines[header + 2 : header + 2 + len(labels)]
    assert [row[: len(label)] for row, label in zip(rows, labels, strict=True)] == labels
    with_target = [row for row in rows if "<= " in row or "< 300 MB" in row]
    assert len(with_target) == 5 and all(row.endswith("n/a (quick)") for row in with_target)
    fleet = rows[1]
    if HAS_ANCHOR:
        assert "n/a (install the bench extra)" not in fleet
    else:
        assert "n/a (install the bench extra)" in fleet

    data = json.loads(raw.read_text(encoding="utf-8"))
    assert data["mode"] == "quick"
    assert [row["key"] for row in data["rows"]] == [
        "startup", "fleet", "fleet_one_process", "memory", "memory_tree", "history",
        "history_vs_loop", "diff",
    ]
    assert data["data"]["diff"] == {"configs": 20, "changed": 2}
    assert data["data"]["history"]["commits"] == 50
    assert data["data"]["fleet"]["configs"] == 20
    assert all(row["median"] > 0 for row in data["rows"])


def test_a_missed_target_is_reported_and_fails_only_a_strict_full_run(
    bench_run: ModuleType,
) -> None:
    Row = bench_run.Row
    rows = [
        Row("startup", "check one config", "s", [0.30, 0.20, 0.25], "floor", [0.10, 0.11, 0.12],
            "<= 1.5x", 1.5),
        Row("fleet", "fleet", "s", [1.0], bench_run.NO_ANCHOR, None, "<= 0.33x", 1 / 3),
        Row("memory", "memory", "MB", [120.4], "-", None, "< 300 MB", 300.0, on="value"),
        Row("info", "for comparison", "s", [2.0], "loop", [8.0]),
    ]
    assert rows[0].value == 0.25 and rows[0].anchor_value == 0.11
    assert [row.met for row in rows] == [False, None, True, None]
    assert bench_run.table(rows, quick=False).splitlines() == [
        "measurement       phi-policy  anchor                         ratio  target    met",
        "----------------  ----------  -----------------------------  -----  --------  ---",
        "check one config  0.250 s     0.110 s                        2.27x  <= 1.5x   NO",
        "fleet             1.000 s     n/a (install the bench extra)  -      <= 0.33x  n/a",
        "memory            120 MB      -                              -      < 300 MB  yes",
        "for comparison    2.000 s     8.000 s                        0.25x  -         -",
    ]
    assert bench_run.exit_code(rows, strict=False, quick=False) == 0
    assert bench_run.exit_code(rows, strict=True, quick=False) == 1
    assert bench_run.exit_code(rows, strict=True, quick=True) == 0
    assert bench_run.exit_code(rows[1:], strict=True, quick=False) == 0


# -- the generated data ------------------------------------------------------------------------


def test_generated_configs_are_valid_varied_and_reproducible(generate: ModuleType,
                                                             tmp_path: Path) -> None:
    paths = generate.fleet(tmp_path / "a", 12)
    again = generate.fleet(tmp_path / "b", 12)
    assert [p.name for p in paths] == [f"site-{n:04d}.yaml" for n in range(1, 13)]
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    documents = [load(path) for path in paths]
    assert [problems(document, None) for document in documents] == [[]] * 12
    names = [document.data["organization"]["name"] for document in documents]
    assert names[:3] == [
        "Lakeside Telehealth Partners site 0001",
        "QuickDoc Health, Inc. site 0002",
        "Riverbend Family Clinic site 0003",
    ]
    assert len({path.read_bytes() for path in paths}) == 12
    assert all(5_000 < path.stat().st_size < 25_000 for path in paths)


def test_yaml_text_reads_back_as_the_same_data(generate: ModuleType) -> None:
    for data in generate.examples():
        assert load_text(generate.to_yaml(data, "title"), "x.yaml").data == data
    tricky = {"a": "1.10", "b": "yes", "c": "2026-01-31", "d": "x: y", "e": ["a, b", "null"],
              "f": " lead", "g": "#x", "h": [], "i": {}, "j": None, "k": "Dana (CISO)"}
    assert load_text(generate.to_yaml(tricky, "t"), "x.yaml").data == tricky


def test_history_repository_has_the_commits_and_versions_it_says(generate: ModuleType,
                                                                 tmp_path: Path) -> None:
    repo = generate.history_repo(tmp_path / "repo", 40)
    env = generate.git_env()

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo.path, env=env, capture_output=True,
                              text=True, check=True).stdout

    assert git("rev-list", "--count", "HEAD").strip() == "40"
    changed = git("log", "--format=%H", "--", generate.CONFIG).split()
    assert len(changed) == repo.config_commits
    blobs = {git("rev-parse", f"{sha}:{generate.CONFIG}").strip() for sha in changed}
    assert len(blobs) == len(repo.versions)
    assert git("log", "-1", "--format=%an <%ae> %cI", "HEAD").strip() == (
        "Riley Chen <riley.chen@lakeside.example> 2021-01-09T06:00:00+00:00"
    )
    assert (repo.path / generate.CONFIG).read_bytes() in repo.versions
    again, _, _ = generate.fast_import_stream(40)
    assert again == generate.fast_import_stream(40)[0]


# -- start-up: only what is used is imported ----------------------------------------------------

_PROBE = """
import json, sys
from phi_policy.cli import run
code = run(sys.argv[1:])
modules = sorted(sys.modules)
checker = sys.modules.get("phi_policy.config.fast_path")
fast = checker is not None and checker.fast_validator() is not None
print(json.dumps({"code": code, "fast": fast, "modules": modules}))
"""


def _imported(*args: str) -> tuple[int, bool, set[str]]:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    result = json.loads(done.stdout.splitlines()[-1])
    return result["code"], result["fast"], set(result["modules"])


NEVER_FOR_ONE_CONFIG = {"git", "phi_policy.git.repo", "phi_policy.reporters.html",
                        "phi_policy.reporters.oscal", "phi_policy.audit.evidence",
                        "phi_policy.audit.history", "phi_policy.fleet.assess", "multiprocessing",
                        "concurrent.futures"}


@pytest.mark.parametrize("args", [
    ("check", "-q", str(EXAMPLE)),
    ("check", "--format", "json", str(EXAMPLE)),
    ("validate", str(EXAMPLE)),
    ("--help",),
], ids=["check", "check-json", "validate", "help"])
def test_a_command_on_one_file_imports_no_git_html_or_oscal(args: tuple[str, ...]) -> None:
    code, fast, modules = _imported(*args)
    assert code == 0
    assert sorted(NEVER_FOR_ONE_CONFIG & modules) == []
    if fast:  # the compiled validator said valid: jsonschema is never needed
        assert sorted(m for m in modules if m.split(".")[0] in ("jsonschema", "referencing")) == []
    if args == ("--help",):
        assert not {"phi_policy.config.schema", "phi_policy.config.fast_path", "yaml"} & modules


def test_an_invalid_config_still_gets_jsonschema_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "automatic_logoff_minutes: 15", "automatic_logoff_minutes: 0"), encoding="utf-8")
    code, _, modules = _imported("check", "-q", str(bad))
    assert code == 2
    assert "jsonschema" in modules


# -- the fast path ----------------------------------------------------------------------------


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))


def _with(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(data)
    target = changed
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


_DELETE = object()
#: Values that sit on the edges of the schema's rules and of the two validators' differences:
#: booleans against integers, 1.0 as an integer, numbers too big for 64 bits, infinity, dates
#: that do not exist, a trailing newline against `$` in a pattern, duplicates in a set.
TRICKY = [True, False, 0, 1, -1, 1.0, 1.5, 2**70, float("inf"), "", "x", "2024-02-30",
          "2024-02-29", "2024-1-1", "\uff12\uff10\uff12\uff14-01-01", "WA\n", "wa",
          "TECH-004\n", None, [], {}, ["WA", "WA"], "a@b", "no-at-sign", "1.2", 1440, 1441,
          _DELETE]


def _variants(seed: int, per_example: int) -> Iterator[Any]:
    rng = random.Random(seed)
    for path in sorted((ROOT / "examples" / "org-config").glob("*.yaml")):
        data = load(path).data
        yield data
        leaves = [leaf for leaf in _leaves(data) if leaf]
        for leaf in rng.sample(leaves, per_example):
            yield _with(data, leaf, rng.choice(TRICKY))
        yield {**data, "unknown_section": {}}


@pytest.mark.skipif(not HAS_FAST, reason="jsonschema-rs (the fast extra) is not installed")
def test_the_fast_path_never_calls_valid_what_jsonschema_rejects(fast_on: None) -> None:
    fast = fast_path.fast_validator()
    assert fast is not None
    slow = validator_for(default_schema())[0]
    answers = [(fast(data), slow.is_valid(data)) for data in _variants(seed=6, per_example=150)]
    assert [pair for pair in answers if pair == (True, False)] == []
    # It is also useful: it agrees on (nearly) every valid config, so jsonschema is skipped.
    valid = [pair for pair in answers if pair[1]]
    assert len(valid) >= 40
    assert sum(1 for fast_says, _ in valid if fast_says) >= len(valid) - 5


def test_the_fast_path_checks_only_what_it_was_vetted_for() -> None:
    """The fast path was compared with jsonschema for exactly these formats and patterns
    (the previous test's TRICKY values): a new one in the schema needs its own cases there."""
    schema = default_schema()
    assert set(fast_path.formats_named(schema)) == {"date", "email"} == set(
        fast_path.FAST_FORMATS)
    patterns: set[str] = set()
    pending: list[Any] = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str):
                patterns.add(node["pattern"])
            assert "patternProperties" not in node
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    assert patterns == {"^[A-Z]{2}$", "^[A-Z][A-Z0-9]{1,7}-[0-9]{3}$"}


@pytest.mark.skipif(not HAS_FAST, reason="jsonschema-rs (the fast extra) is not installed")
def test_problems_are_the_same_with_the_fast_path_off(broken_dir: Path, fast_on: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [path.read_bytes() for path in sorted(broken_dir.glob("*.yaml"))]
    texts += [EXAMPLE.read_bytes(), EXAMPLE.read_bytes().replace(b"mfa: true", b"mfa: yes", 1)]

    def found() -> list[Any]:
        out = []
        for text in texts:
            try:
                out.append(check(load_text(text, "c.yaml")))
            except Exception as error:  # a loader problem: the same either way
                out.append(repr(error))
        return out

    assert fast_path.fast_validator() is not None
    with_fast = found()
    monkeypatch.setenv(fast_path.FAST_SWITCH, "0")
    fast_path.fast_validator.cache_clear()
    assert fast_path.fast_validator() is None
    assert found() == with_fast
    assert with_fast[-2] == []
    assert [p.message for p in with_fast[-1]] == ["expected true or false, got the string 'yes'"]


def test_the_validators_are_built_once_per_process() -> None:
    assert fast_path.fast_validator() is fast_path.fast_validator()
    assert validator_for(default_schema())[0] is validator_for(default_schema())[0]


def test_the_loader_uses_libyaml_when_pyyaml_has_it() -> None:
    import yaml

    from phi_policy.config import yaml_builder

    expected = "CBaseLoader" if getattr(yaml, "__with_libyaml__", False) else "BaseLoader"
    assert yaml_builder.EventParser.__name__ == expected
