"""Fleet mode: `phi-policy check` over many configs, `diff` over many configs, Ctrl-C.

The fleet numbers are recomputed here independently, from single-config runs of each file, and
compared with the fleet report; the same fleet gives the same bytes with one worker or two; an
invalid config is a row and exit 2; SARIF, JUnit and JSON follow their schemas; the generated
examples/fleet/ is what examples/fleet/generate.py writes; and an interrupted run exits 130
with no traceback, no half-written report and no worker left behind.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft202012Validator

from phi_policy.catalog.packs import load_catalog
from phi_policy.cli import run
from phi_policy.config import discover
from phi_policy.config.discover import is_fleet, matching
from phi_policy.fleet import assess as fleet
from phi_policy.fleet import workers
from phi_policy.model import Assessment, Context
from phi_policy.pipeline import assess, load_valid
from phi_policy.reporters.wording import gain, num
from tests import gitrepo
from tests.gitrepo import GitRepo, MakeRepo, edit, line_of

ROOT = Path(__file__).resolve().parents[1]
FLEET = ROOT / "examples" / "fleet"
AS_OF = "2026-11-01"
SCHEMA_LINE = "# yaml-language-server: $schema=./org-config.schema.json"

isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo

#: The legal bases in the HIPAA score (fleet failures count only these).
SCORED = ("required", "addressable", "benchmark")


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = run(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # report paths are as given: relative, stable
    monkeypatch.delenv("NO_COLOR", raising=False)


def fleet_files() -> list[str]:
    return sorted(f"examples/fleet/{p.name}" for p in FLEET.glob("*.yaml"))


@pytest.fixture(scope="module")
def singles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Each fleet config checked on its own: `phi-policy check FILE --format json`."""
    folder = tmp_path_factory.mktemp("singles")
    reports = {}
    for index, path in enumerate(fleet_files()):
        target = folder / f"{index}.json"
        code = run(["check", str(ROOT / path), "--as-of", AS_OF, "--format", "json", "-o",
                    str(target)])
        assert code == 0
        reports[path] = json.loads(target.read_text(encoding="utf-8"))
    return reports


@pytest.fixture(scope="module")
def exact() -> dict[str, Assessment]:
    """Each fleet config assessed through the pipeline: the unrounded scores."""
    catalog = load_catalog()
    ctx = Context(as_of=dt.date.fromisoformat(AS_OF))
    return {p: assess(load_valid(p, catalog), catalog, ctx) for p in fleet_files()}


@pytest.fixture(scope="module")
def fleet_json() -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "phi_policy", "check", "examples/fleet/", "--as-of", AS_OF,
         "--format", "json", "--jobs", "2"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


# --- the fleet report ---------------------------------------------------------------------------


def test_the_example_fleet_is_a_few_dozen_sites_in_every_band(
    singles: dict[str, dict[str, Any]],
) -> None:
    assert len(singles) == 36
    bands = [report["band"] for report in singles.values()]
    # Scored by risk, the fleet leans red: a site drifting from the strong example loses a
    # high control (yellow) or a BAA or encryption (red); only the strongest few stay green.
    assert {band: bands.count(band) for band in set(bands)} == {"red": 26, "yellow": 7,
                                                                 "green": 3}


def test_aggregate_numbers_equal_those_recomputed_from_single_runs(
    singles: dict[str, dict[str, Any]], fleet_json: dict[str, Any], exact: dict[str, Assessment]
) -> None:
    scores = {path: report["score"] for path, report in singles.items()}
    # The exact mean, from the unrounded scores of the pipeline (JSON rounds each score).
    mean = sum(a.score or 0.0 for a in exact.values()) / len(exact)
    summary = fleet_json["summary"]
    assert summary == {
        "configs": 36,
        "valid": 36,
        "invalid": 0,
        "scored": 36,
        "unscored": 0,
        "mean": round(mean, 2),
        "min": min(scores.values()),
        "lowest": [p for p, s in scores.items() if s == min(scores.values())],
        "bands": {b: sum(1 for r in singles.values() if r["band"] == b)
                  for b in ("red", "yellow", "green")},
    }
    assert abs(summary["mean"] - sum(scores.values()) / 36) <= 0.005
    rows = {row["path"]: row for row in fleet_json["configs"]}
    assert [row["path"] for row in fleet_json["configs"]] == fleet_files()  # path order
    for path, report in singles.items():
        failing = [r["id"] for r in report["results"]
                   if r["basis"] in SCORED and r["status"] in ("fail", "error")]
        partial = [r["id"] for r in report["results"]
                   if r["basis"] in SCORED and r["status"] == "partial"]
        first = report["recommendations"][0]
        assert rows[path] == {
            "path": path,
            "rank": rows[path]["rank"],
            "valid": True,
            "score": report["score"],
            "raw_score": report["raw_score"],
            "band": report["band"],
            "raw_band": report["raw_band"],
            "capped": report["capped"],
            "failing": len(failing),
            "failing_controls": failing,
            "partial": len(partial),
            "top_gap": {"id": first["id"], "title": first["title"], "gain": first["gain"]},
            "problem": None,
            "problems": 0,
        }
    by_rank = sorted(fleet_json["configs"], key=lambda row: row["rank"])
    assert [row["rank"] for row in by_rank] == list(range(1, 37))
    ranked = [row["score"] for row in by_rank]
    assert ranked == sorted(ranked)
    # Controls failing in the most sites: every failing control, its sites, widest first.
    sites: dict[str, list[str]] = {}
    for path, report in singles.items():
        for r in report["results"]:
            if r["basis"] in SCORED and r["status"] in ("fail", "error"):
                sites.setdefault(r["id"], []).append(path)
    top = fleet_json["top_failing"]
    assert {item["id"]: item["configs"] for item in top} == sites
    assert all(item["sites"] == len(item["configs"]) for item in top)
    counts = [item["sites"] for item in top]
    assert counts == sorted(counts, reverse=True)


def test_fleet_json_follows_its_published_schema(fleet_json: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "schemas" / "fleet-report.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(str(e.message) for e in validator.iter_errors(fleet_json))
    assert errors == []
    assert fleet_json["$schema"] == schema["$id"]


def test_text_report_lists_every_site_lowest_score_first(
    capsys: pytest.CaptureFixture[str], fleet_json: dict[str, Any], exact: dict[str, Assessment]
) -> None:
    code, out, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--jobs", "1")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    s = fleet_json["summary"]
    scores = [a.score or 0.0 for a in exact.values()]
    assert lines[:5] == [
        "phi-policy check: 36 configs in examples/fleet/",
        f"as of {AS_OF}, profile hipaa",
        "",
        f"Mean {num(sum(scores) / 36)} / 100, minimum {num(min(scores))} (dayton.yaml)",
        f"Bands: {s['bands']['red']} RED, {s['bands']['yellow']} YELLOW, "
        f"{s['bands']['green']} GREEN",
    ]
    at = lines.index("Sites, those that need attention first")
    rows = lines[at + 2 : at + 38]
    ranked = sorted(fleet_json["configs"], key=lambda row: row["rank"])
    for line, row in zip(rows, ranked, strict=True):
        name = row["path"].removeprefix("examples/fleet/")
        gap = row["top_gap"]
        a = exact[row["path"]]
        capped = ["capped", "by", a.cap_reasons[0].control_id] if a.capped else []
        if len(a.cap_reasons) > 1:
            capped += [f"+{len(a.cap_reasons) - 1}", "more"]
        assert line.split() == [str(row["rank"]), num(a.score), num(a.raw_score),
                                row["band"].upper(), str(row["failing"]), name, gap["id"],
                                gain(a.recommendations[0].gain), *capped]
    assert lines[at + 38] == ""
    assert lines[at + 39].startswith("Controls failing in the most sites (10 of ")


def test_one_worker_or_two_give_the_same_bytes(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("json", "text", "sarif", "junit"):
        outputs = []
        for jobs in ("1", "2"):
            code, out, _ = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF,
                               "--format", fmt, "--jobs", jobs)
            assert code == 0
            outputs.append(out)
        assert outputs[0] == outputs[1], fmt


def test_a_folder_or_a_glob_is_a_fleet_one_plain_file_is_not() -> None:
    assert is_fleet(["examples/fleet"])
    assert is_fleet(["examples/fleet/a*.yaml"])
    assert is_fleet(["examples/fleet/akron.yaml", "examples/fleet/erie.yaml"])
    assert not is_fleet(["examples/fleet/akron.yaml"])
    assert not is_fleet(["missing.yaml"])
    assert not is_fleet([])


def test_a_glob_matching_one_file_gives_the_fleet_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = cli(capsys, "check", "examples/fleet/ak*.yaml", "--as-of", AS_OF,
                       "--format", "json")
    report = json.loads(out)
    assert code == 0
    assert [row["path"] for row in report["configs"]] == ["examples/fleet/akron.yaml"]
    assert report["configs"][0]["rank"] == 1


def test_a_worker_loads_the_catalog_once_unless_it_inherited_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = fleet.Settings(as_of=dt.date.fromisoformat(AS_OF))
    catalog = load_catalog()
    assert catalog.reloader() is not None and fleet._rebuild(settings, catalog) is not None
    loads: list[tuple[str, ...]] = []

    def counting() -> Any:
        loads.append(())
        return catalog

    rebuild = functools.partial(fleet._with_catalog, settings, counting)
    handler = signal.getsignal(signal.SIGINT)
    try:
        monkeypatch.setattr(workers, "_token", None)  # a spawned worker: nothing inherited
        workers._start("run-1", rebuild)
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # Ctrl-C is the parent's
        rows = workers._batch(fleet._work, fleet_files()[:3])
        assert loads == [()]
        assert [r.path for r in rows] == fleet_files()[:3]
        monkeypatch.setattr(workers, "_state", (settings, catalog))  # a forked worker
        monkeypatch.setattr(workers, "_token", "run-2")
        workers._start("run-2", rebuild)
        assert loads == [()]
    finally:
        signal.signal(signal.SIGINT, handler)


def test_spawned_workers_give_the_same_fleet(tmp_path: Path) -> None:
    """Where fork is not used (macOS, Windows, a threaded host), workers are spawned."""
    script = tmp_path / "spawned.py"
    script.write_text(
        "import datetime as dt, json, multiprocessing, sys\n"
        "from phi_policy.fleet import assess as fleet, workers\n"
        "from phi_policy.catalog.packs import load_catalog\n"
        "from phi_policy.reporters import fleet_json\n"
        "if __name__ == '__main__':\n"
        "    workers._context = lambda: multiprocessing.get_context('spawn')\n"
        "    settings = fleet.Settings(as_of=dt.date(2026, 11, 1))\n"
        "    found = fleet.run(sys.argv[1:], settings, load_catalog(), jobs=2)\n"
        "    sys.stdout.write(fleet_json.render(found))\n",
        encoding="utf-8",
    )
    files = fleet_files()[:4]
    spawned = subprocess.run([sys.executable, str(script), *files], cwd=ROOT,
                             capture_output=True, text=True)
    assert spawned.returncode == 0, spawned.stderr
    in_process = subprocess.run(
        [sys.executable, "-m", "phi_policy", "check", *files, "--as-of", AS_OF, "--format",
         "json", "--jobs", "1"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert spawned.stdout == in_process.stdout


# --- invalid configs ----------------------------------------------------------------------------


@pytest.fixture()
def mixed(tmp_path: Path) -> Path:
    """Three fleet configs, one with an unknown key, one that is not YAML."""
    folder = tmp_path / "sites"
    folder.mkdir()
    for name in ("akron.yaml", "erie.yaml", "lima.yaml"):
        shutil.copy(FLEET / name, folder / name)
    text = (FLEET / "bay-city.yaml").read_text(encoding="utf-8")
    (folder / "bay-city.yaml").write_text(
        edit(text, "  automatic_logoff_minutes:", "  automatic_logoff_minute:"), encoding="utf-8"
    )
    (folder / "broken.yaml").write_text("schema_version: 1\nfoo: [\n", encoding="utf-8")
    return folder


def test_an_invalid_config_is_a_row_and_the_run_exits_2(
    mixed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mixed.parent)
    line = line_of((mixed / "bay-city.yaml").read_text("utf-8"), "automatic_logoff_minute:")
    code, out, err = cli(capsys, "check", "sites", "--as-of", AS_OF, "--jobs", "2")
    assert code == 2
    rows = out.split("Sites, those that need attention first\n", 1)[1].splitlines()
    assert rows[1].split(None, 6) == [
        "1", "-", "-", "INVALID", "-", "bay-city.yaml",
        f"line {line}:3: access_control: unknown key 'automatic_logoff_minute'",
    ]
    assert rows[2].split(None, 6) == [
        "2", "-", "-", "INVALID", "-", "broken.yaml",
        "line 3:1: invalid YAML: did not find expected node content (while parsing a flow node)",
    ]
    assert [r.split()[5] for r in rows[3:6]] == ["akron.yaml", "lima.yaml", "erie.yaml"]
    assert "Bands: 2 RED, 1 YELLOW, 0 GREEN; 2 invalid" in out
    assert err.splitlines() == [
        f"phi-policy: error: sites/bay-city.yaml:{line}:3: access_control: unknown key "
        "'automatic_logoff_minute'",
        "phi-policy: error: sites/broken.yaml:3:1: invalid YAML: did not find expected node "
        "content (while parsing a flow node)",
        "phi-policy: error: 2 of 5 configs are invalid",
    ]
    assert "Traceback" not in err

    code, out, _ = cli(capsys, "check", "sites", "--as-of", AS_OF, "--format", "json")
    report = json.loads(out)
    assert code == 2
    assert report["summary"]["invalid"] == 2 and report["summary"]["scored"] == 3
    invalid = {row["path"]: row for row in report["configs"] if not row["valid"]}
    assert invalid["sites/bay-city.yaml"]["problem"] == {
        "file": "sites/bay-city.yaml", "line": line, "col": 3,
        "pointer": "/access_control", "path": "access_control",
        "message": "unknown key 'automatic_logoff_minute'",
        "hint": invalid["sites/bay-city.yaml"]["problem"]["hint"],
        "text": f"sites/bay-city.yaml:{line}:3: access_control: unknown key "
                "'automatic_logoff_minute'",
    }
    assert "did you mean 'automatic_logoff_minutes'" in invalid["sites/bay-city.yaml"][
        "problem"]["hint"]
    assert (invalid["sites/bay-city.yaml"]["rank"], invalid["sites/broken.yaml"]["rank"]) == (1, 2)


def test_sarif_junit_and_github_carry_every_config_and_the_invalid_ones(
    mixed: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(mixed.parent)
    code, out, _ = cli(capsys, "check", "sites", "--as-of", AS_OF, "--format", "sarif")
    assert code == 2
    run_ = json.loads(out)["runs"]
    assert len(run_) == 1  # one run, one artifact per config
    artifacts = [a["location"]["uri"] for a in run_[0]["artifacts"]]
    assert artifacts == ["sites/akron.yaml", "sites/bay-city.yaml", "sites/broken.yaml",
                         "sites/erie.yaml", "sites/lima.yaml"]
    invalid = [r for r in run_[0]["results"] if r["ruleId"] == "phi-policy/invalid-config"]
    assert [(r["locations"][0]["physicalLocation"]["artifactLocation"]["index"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in invalid] == [
        (1, line_of((mixed / "bay-city.yaml").read_text("utf-8"), "automatic_logoff_minute:")),
        (2, 3),
    ]
    for result in run_[0]["results"]:
        index = result["locations"][0]["physicalLocation"]["artifactLocation"]["index"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
            artifacts[index])

    code, out, _ = cli(capsys, "check", "sites", "--as-of", AS_OF, "--format", "junit")
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"phi-policy: sites/{n}" for n in (
        "akron.yaml", "bay-city.yaml", "broken.yaml", "erie.yaml", "lima.yaml")]
    broken = suites[2].findall("testcase")
    assert len(broken) == 1 and broken[0].get("name") == "the config is valid"
    error = broken[0].find("error")
    assert error is not None and error.get("message") == (
        "sites/broken.yaml:3:1: invalid YAML: did not find expected node content (while "
        "parsing a flow node)")
    for key in ("tests", "failures", "errors"):
        assert root.get(key) == str(sum(int(s.get(key) or 0) for s in suites))

    code, out, _ = cli(capsys, "check", "sites", "--as-of", AS_OF, "--format", "github")
    lines = out.splitlines()
    assert lines[0].startswith("::notice title=phi-policy fleet::5 configs: mean ")
    assert lines[0].endswith("; 2 invalid. As of 2026-11-01. Failing most widely: GOV-009 The "
                             "risk analysis is enterprise-wide, covers all ePHI and follows "
                             "significant change (3 sites).")
    assert lines[1] == ("::error file=sites/bay-city.yaml,line="
                        f"{line_of((mixed / 'bay-city.yaml').read_text('utf-8'), 'logoff_minute:')}"
                        ",col=3,title=phi-policy invalid config::Invalid config: "
                        "sites/bay-city.yaml:"
                        f"{line_of((mixed / 'bay-city.yaml').read_text('utf-8'), 'logoff_minute:')}"
                        ":3: access_control: unknown key 'automatic_logoff_minute'")
    assert lines[2].startswith("::error file=sites/broken.yaml,line=3,col=1,")
    notices = [line for line in lines if line.startswith("::notice title=phi-policy score::")]
    assert notices == lines[-3:]
    assert [n.split(". ", 1)[1].split(" as of ")[0] for n in notices] == [
        "sites/akron.yaml", "sites/erie.yaml", "sites/lima.yaml"]
    annotated = {line.split("file=", 1)[1].split(",", 1)[0] for line in lines[3:-3]}
    assert annotated == {"sites/akron.yaml", "sites/erie.yaml", "sites/lima.yaml"}
    order = {"error": 0, "warning": 1, "notice": 2}
    levels = [order[line[2:].split(" ", 1)[0]] for line in lines[3:-3]]
    assert levels == sorted(levels)  # worst first, across every config


def test_fleet_sarif_validates_against_the_official_schema(
    sarif_validator: Draft4Validator, mixed: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out, _ = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--format", "sarif")
    log = json.loads(out)
    assert sorted(str(e.message) for e in sarif_validator.iter_errors(log)) == []
    run_ = log["runs"][0]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == fleet_files()
    fingerprints = [r["partialFingerprints"]["phiPolicyFinding/v1"] for r in run_["results"]]
    assert len(fingerprints) == len(set(fingerprints))  # one alert per control and site
    monkeypatch.chdir(mixed.parent)
    _, out, _ = cli(capsys, "check", "sites", "--as-of", AS_OF, "--format", "sarif")
    assert sorted(str(e.message) for e in sarif_validator.iter_errors(json.loads(out))) == []


# --- gates --------------------------------------------------------------------------------------


def test_fail_under_names_every_site_under_it(
    capsys: pytest.CaptureFixture[str], singles: dict[str, dict[str, Any]],
    exact: dict[str, Assessment],
) -> None:
    code, out, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--fail-under",
                         "50", "-q")
    # The message rounds the exact score once; the JSON report's score is already rounded to
    # two places, and rounding it again can differ at a .x5 boundary (lansing: 31.349 -> 31.35).
    under = sorted((p, exact[p].score) for p, r in singles.items() if round(r["score"], 2) < 50)
    assert out == "" and code == 1
    lowest = min(singles.items(), key=lambda item: item[1]["score"])
    gap = lowest[1]["recommendations"][0]
    assert err.splitlines() == [
        *(f"phi-policy: gate failed: {p}: score {s:.1f} is under --fail-under 50"
          for p, s in under),
        f"phi-policy: attend first: {lowest[0]} (score {lowest[1]['score']:.1f}); fix first "
        f"{gap['id']} {gap['title']} (+{gap['gain']:.1f} points)",
    ]
    code, _, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--fail-under",
                       f"{min(r['score'] for r in singles.values()) - 0.01:.2f}", "-q")
    assert (code, err) == (0, "")


def test_fail_on_names_every_site_with_such_a_failing_control(
    capsys: pytest.CaptureFixture[str], singles: dict[str, dict[str, Any]]
) -> None:
    code, _, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--fail-on",
                       "critical", "-q")
    expected = [
        p for p, r in singles.items()
        if any(x["severity"] == "critical" and x["status"] in ("fail", "error")
               and x["basis"] in SCORED for x in r["results"])
    ]
    assert code == 1
    gated = [line.split(": ", 3)[2] for line in err.splitlines() if "gate failed" in line]
    assert gated == expected
    assert all("control(s) at or above --fail-on critical fail:" in line
               for line in err.splitlines() if "gate failed" in line)


def test_fail_under_mean_gates_the_fleet_mean(
    capsys: pytest.CaptureFixture[str], fleet_json: dict[str, Any]
) -> None:
    mean = fleet_json["summary"]["mean"]
    code, _, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF,
                       "--fail-under-mean", f"{mean + 0.01:.2f}", "-q")
    assert code == 1
    assert err.splitlines()[0] == (f"phi-policy: gate failed: fleet mean score {mean:.2f} is "
                                   f"under --fail-under-mean {mean + 0.01:.2f}")
    code, _, err = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF,
                       "--fail-under-mean", f"{mean:.2f}", "-q")
    assert (code, err) == (0, "")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rev", "HEAD"], "phi-policy: error: --rev reads one config as committed at a "
                            "revision, not a fleet"),
        (["--as-of", AS_OF, "--at-date"], "phi-policy: error: --at-date reads one config as "
                                          "committed at a revision, not a fleet"),
        (["--format", "oscal"], "phi-policy: error: the oscal format describes one config, "
                                "not a fleet"),
    ],
)
def test_what_reads_one_config_is_refused_for_a_fleet(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = cli(capsys, "check", "examples/fleet", *args)
    assert (code, out) == (2, "")
    assert err.splitlines()[0] == message


def test_markdown_and_html_name_every_site(capsys: pytest.CaptureFixture[str],
                                           fleet_json: dict[str, Any]) -> None:
    s = fleet_json["summary"]
    code, out, _ = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--format",
                       "markdown")
    assert code == 0
    assert out.startswith(f"## phi-policy fleet: mean {s['mean']:.1f} / 100, minimum "
                          f"{s['min']:.1f} 🔴\n")
    table = [line for line in out.splitlines() if line.startswith("| ") and ".yaml |" in line]
    assert [line.split(" | ")[1] for line in table] == [
        row["path"].removeprefix("examples/fleet/")
        for row in sorted(fleet_json["configs"], key=lambda row: row["rank"])
    ]
    code, out, _ = cli(capsys, "check", "examples/fleet", "--as-of", AS_OF, "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>\n")
    for path in fleet_files():
        assert f"<code class=\"where\"><span class=\"seg\">{Path(path).name}</span></code>" in out


# --- the generated examples ---------------------------------------------------------------------


def test_the_generated_fleet_is_up_to_date(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(FLEET / "generate.py"), "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in tmp_path.glob("*.yaml"))
    assert written == sorted(p.name for p in FLEET.glob("*.yaml"))
    stale = [n for n in written
             if (tmp_path / n).read_bytes() != (FLEET / n).read_bytes()]
    assert stale == [], "run `python examples/fleet/generate.py` and commit the result"
    for name in written:
        assert (FLEET / name).read_text("utf-8").splitlines()[0] == SCHEMA_LINE
    # The schema that line names sits beside the files, identical to the installed one.
    schema = (ROOT / "schemas" / "org-config.schema.json").read_bytes()
    assert (tmp_path / "org-config.schema.json").read_bytes() == schema
    assert (FLEET / "org-config.schema.json").read_bytes() == schema, (
        "run `python examples/fleet/generate.py` and commit the result")


# --- Ctrl-C -------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _interrupt(target: str, out: Path) -> tuple[int, str, list[int], bool]:
    """Run a fleet check with two workers, press Ctrl-C (SIGINT to the process group, as a
    terminal does) as soon as both workers run; (exit code, stderr, workers, signalled)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "phi_policy", "check", target, "--jobs", "2", "--as-of", AS_OF,
         "--format", "json", "-o", str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        workers = _children(proc.pid)
        if len(workers) >= 2:
            break
        time.sleep(0.002)
    signalled = proc.poll() is None
    if signalled:
        os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err, workers, signalled


def _gone(pids: list[int]) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if not any(Path(f"/proc/{pid}").exists() for pid in pids):
            return True
        time.sleep(0.01)
    return False


#: What Ctrl-C prints: one line.
INTERRUPTED = "phi-policy: interrupted\n"

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists() or os.name != "posix",
    reason="finds the workers through Linux /proc",
)


@needs_proc
def test_ctrl_c_during_the_example_fleet(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    code, err, workers, signalled = _interrupt("examples/fleet", out)
    assert "Traceback" not in err
    assert _gone(workers), "a worker outlived the run"
    assert not list(tmp_path.glob(".out.json.*")), "a temporary file was left behind"
    if code == 0:  # the run finished before the signal arrived: the report is whole
        assert err == ""
        assert json.loads(out.read_text("utf-8"))["summary"]["configs"] == 36
        return
    assert signalled
    assert (code, err) == (130, INTERRUPTED)
    # Interrupted after the report was written, it is whole; before, it does not exist.
    assert not out.exists() or json.loads(out.read_text("utf-8"))["summary"]["configs"] == 36


@needs_proc
def test_ctrl_c_during_a_large_fleet_exits_130_and_writes_nothing(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    for copy in range(8):
        shutil.copytree(FLEET, sites / f"region-{copy}", ignore=shutil.ignore_patterns("*.py"))
    out = tmp_path / "out.json"
    out.write_text("the previous report\n", encoding="utf-8")
    code, err, workers, signalled = _interrupt(str(sites), out)
    assert signalled and len(workers) >= 2
    assert (code, err) == (130, INTERRUPTED)
    assert out.read_text("utf-8") == "the previous report\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "sites"]
    assert _gone(workers), "a worker outlived the run"


# --- diff over several configs ------------------------------------------------------------------


def test_matching_paths_folders_and_globs_as_validate_reads_them() -> None:
    files = ["a.yaml", "sites/x.yaml", "sites/sub/y.yml", "sites/.hidden/z.yaml",
             "sites/readme.md", "other/w.yaml", "sites/node_modules/q.yaml"]
    assert matching(["sites"], files, ".") == ["sites/sub/y.yml", "sites/x.yaml"]
    assert matching(["sites/*.yaml"], files, ".") == ["sites/x.yaml"]
    assert matching(["sites/**/*.y*ml"], files, ".") == [
        "sites/node_modules/q.yaml", "sites/sub/y.yml", "sites/x.yaml"]
    assert matching(["x.yaml", "../a.yaml"], files, "sites") == ["a.yaml", "sites/x.yaml"]
    assert matching(["sites/.hidden/*"], files, ".") == ["sites/.hidden/z.yaml"]
    assert matching(["nowhere"], files, ".") == []


@pytest.mark.parametrize("given", [
    "sites", "sites/*.yaml", "sites/**/*.y*ml", "sites/.hidden/*", "sites/*/", "**", "*", "s*",
    "**/.hidden/*", "sites/[!x]*", "?????/*.yaml",
])
def test_a_config_pattern_names_the_same_files_in_git_as_on_disk(
    given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = ["a.yaml", "sites/x.yaml", "sites/sub/y.yml", "sites/.hidden/z.yaml",
             "sites/.hidden/.w.yaml", "sites/readme.md", "other/w.yaml",
             "sites/node_modules/q.yaml", ".github/workflows/ci.yml"]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert matching([given], files, ".") == [p.as_posix() for p in discover.expand([given])]


@pytest.fixture()
def fleet_repo(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """main: four fleet configs under sites/; the branch `feature` checked out."""
    repo = make_repo()
    repo.commit("Four sites", files={
        f"sites/{n}": (FLEET / n).read_text("utf-8")
        for n in ("erie.yaml", "flint.yaml", "lima.yaml", "toledo.yaml")
    })
    repo.branch("feature")
    monkeypatch.chdir(repo.path)
    return repo


def test_diff_of_several_configs_compares_each_and_reports_added_and_removed(
    fleet_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    erie = (FLEET / "erie.yaml").read_text("utf-8")
    worse = edit(erie, "  automatic_logoff_minutes: 30\n", "  automatic_logoff_minutes: 60\n")
    fleet_repo.git("rm", "-q", "sites/flint.yaml")
    fleet_repo.git("mv", "sites/toledo.yaml", "sites/toledo-downtown.yaml")
    fleet_repo.commit("Erie relaxes logoff; Flint closes; Akron joins; Toledo renamed", files={
        "sites/erie.yaml": worse, "sites/akron.yaml": (FLEET / "akron.yaml").read_text("utf-8"),
    })
    code, out, err = cli(capsys, "diff", "main", "HEAD", "--config", "sites", "--as-of", AS_OF,
                         "--format", "json", "--allow-deleted-configs")
    data = json.loads(out)
    assert code == 1
    assert [(c["path"], c["status"]) for c in data["configs"]] == [
        ("sites/akron.yaml", "added"),
        ("sites/erie.yaml", "compared"),
        ("sites/flint.yaml", "removed"),
        ("sites/lima.yaml", "compared"),
        ("sites/toledo-downtown.yaml", "compared"),
    ]
    by_path = {c["path"]: c for c in data["configs"]}
    assert by_path["sites/akron.yaml"]["assessment"]["band"] == "red"
    assert by_path["sites/flint.yaml"]["assessment"]["score"] == 57.93
    assert by_path["sites/toledo-downtown.yaml"]["diff"]["notes"] == [
        "the config was renamed from sites/toledo.yaml to sites/toledo-downtown.yaml"]
    erie_diff = by_path["sites/erie.yaml"]["diff"]
    assert [(c["id"], c["base_status"], c["head_status"]) for c in erie_diff["changes"]] == [
        ("TECH-026", "partial", "fail")]
    line = line_of(worse, "automatic_logoff_minutes: 60")
    assert erie_diff["changes"][0]["locations"][0]["line"] == line
    drop = erie_diff["gate"]["failures"][0]
    assert data["gate"]["failures"] == [f"sites/erie.yaml: {drop}"]
    assert err.splitlines() == [f"phi-policy: gate failed: sites/erie.yaml: {drop}"]

    code, out, _ = cli(capsys, "diff", "main", "HEAD", "--config", "sites", "--as-of", AS_OF)
    assert code == 1
    assert out.splitlines()[0] == "phi-policy diff: 5 configs, 1 added, 1 removed"
    assert "  sites/flint.yaml" in out and "removed by the head" in out
    assert "added at the head: no base to compare with" in out
    assert "phi-policy diff: sites/erie.yaml" in out  # a section for the changed config
    assert "phi-policy diff: sites/lima.yaml" not in out  # unchanged: its summary row only

    code, _, _ = cli(capsys, "diff", "main", "HEAD", "--config", "sites/lima.yaml", "--config",
                     "sites/a*.yaml", "--as-of", AS_OF, "-q")
    assert code == 0  # lima unchanged, akron added: no gate fails


def test_a_large_diff_gives_the_same_report_in_worker_processes(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    worker_counts: list[int],
) -> None:
    """The whole example fleet (36 sites, enough for workers): one site worse, one decision
    changed by someone else (git blame names them, after the workers), one site closed, one
    opened, one moved, and in the working tree one invalid config."""
    repo = make_repo()
    names = sorted(p.name for p in FLEET.glob("*.yaml"))
    repo.commit("The fleet", files={f"sites/{n}": (FLEET / n).read_text("utf-8")
                                    for n in names if n != "akron.yaml"})
    repo.branch("feature")
    monkeypatch.chdir(repo.path)
    erie = (FLEET / "erie.yaml").read_text("utf-8")
    lima = (FLEET / "lima.yaml").read_text("utf-8")
    repo.git("rm", "-q", "sites/flint.yaml")
    repo.git("mv", "sites/toledo.yaml", "sites/toledo-downtown.yaml")
    repo.commit("Erie moves its decision's review", author=gitrepo.REVIEWER, files={
        "sites/erie.yaml": edit(erie, "    review_by: 2027-02-28\n", "    review_by: 2027-02-27\n"),
    })
    repo.commit("Lima relaxes logoff; Akron joins", files={
        "sites/lima.yaml": edit(lima, "  automatic_logoff_minutes: 30\n",
                                "  automatic_logoff_minutes: 60\n"),
        "sites/akron.yaml": (FLEET / "akron.yaml").read_text("utf-8"),
    })
    reports = []
    for jobs in ("1", "2"):
        reports.append(cli(capsys, "diff", "main", "HEAD", "--config", "sites", "--as-of",
                           AS_OF, "--format", "json", "--jobs", jobs))
    assert worker_counts == [1, 2]
    assert reports[0] == reports[1]
    code, out, _ = reports[1]
    assert code == 1
    data = json.loads(out)
    kinds = {c["path"]: c["status"] for c in data["configs"]}
    assert len(kinds) == 36  # 35 at the head, and Flint
    assert (kinds["sites/akron.yaml"], kinds["sites/flint.yaml"]) == ("added", "removed")
    assert kinds["sites/toledo-downtown.yaml"] == "compared"
    by_path = {c["path"]: c for c in data["configs"]}
    waiver = by_path["sites/erie.yaml"]["diff"]["decisions"][0]
    assert (waiver["kind"], waiver["author"]) == ("changed", "Dana Whitfield")
    assert by_path["sites/lima.yaml"]["diff"]["gate"]["failures"]

    repo.write("sites/ashland.yaml", "schema_version: 1\nfoo: [\n")
    in_tree = [cli(capsys, "diff", "main", "--config", "sites", "--as-of", AS_OF, "--format",
                   "json", "--jobs", jobs) for jobs in ("1", "2")]
    assert in_tree[0] == in_tree[1]
    assert in_tree[1][0] == 2
    assert {c["path"]: c["status"] for c in json.loads(in_tree[1][1])["configs"]}[
        "sites/ashland.yaml"] == "invalid"


def test_diff_of_several_configs_with_an_invalid_head_exits_2_after_reporting(
    fleet_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    lima = (FLEET / "lima.yaml").read_text("utf-8")
    fleet_repo.write("sites/lima.yaml", edit(lima, "  unique_user_ids: true\n",
                                             "  unique_user_ids: yes\n"))
    line = line_of(lima, "  unique_user_ids: true")
    code, out, err = cli(capsys, "diff", "main", "--config", "sites/*.yaml", "--as-of", AS_OF,
                         "--format", "markdown")
    assert code == 2
    assert out.startswith("## phi-policy diff: ✅ gate passed (4 configs, 1 invalid)\n")
    assert (f"| sites/lima.yaml | - | - | - | invalid | working tree: sites/lima.yaml:{line}:20: "
            "access\\_control.unique\\_user\\_ids:") in out
    assert err.splitlines()[-1] == "phi-policy: error: 1 of 4 configs are invalid"
    assert err.splitlines()[0].startswith(
        f"phi-policy: error: working tree: sites/lima.yaml:{line}:20: "
        "access_control.unique_user_ids: ")


def test_diff_of_several_configs_sarif_and_junit_describe_the_heads(
    fleet_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(capsys, "diff", "main", "--config", "sites", "--as-of", AS_OF,
                       "--format", "sarif")
    assert code == 0
    assert [a["location"]["uri"] for a in json.loads(out)["runs"][0]["artifacts"]] == [
        "sites/erie.yaml", "sites/flint.yaml", "sites/lima.yaml", "sites/toledo.yaml"]
    code, out, _ = cli(capsys, "diff", "main", "--config", "sites", "--as-of", AS_OF,
                       "--format", "junit")
    assert [s.get("name") for s in ET.fromstring(out).findall("testsuite")] == [
        "phi-policy: sites/erie.yaml", "phi-policy: sites/flint.yaml",
        "phi-policy: sites/lima.yaml", "phi-policy: sites/toledo.yaml"]


def test_diff_with_a_pattern_matching_nothing_is_a_usage_error(
    fleet_repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(capsys, "diff", "main", "--config", "nowhere/*.yaml", "--as-of", AS_OF)
    assert code == 2
    assert err.splitlines()[0] == (
        "phi-policy: error: no config matches nowhere/*.yaml at the base or at the head")
