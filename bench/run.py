"""phi-policy's benchmark: `python bench/run.py [--quick] [--json FILE] [--strict]`.

It makes its own data in a temporary folder (bench/generate.py: a fleet of varied configs, a
git repository whose config changes in about half of its commits), times phi-policy against
an anchor measured in the same run on the same machine, and prints one table: each row a
median over repeated runs, the anchor's median, their ratio, the target and whether it is met.

    start-up  `phi-policy check -q EXAMPLE`       vs `python -c "import click, yaml, jsonschema"`
    fleet     `phi-policy check DIR` (all cores)  vs `check-jsonschema --schemafile ... FILES`
    history   `phi-policy history` (N commits)    vs `phi-policy check DIR` of its versions
    memory    peak RSS of the fleet run            vs check-jsonschema's
    diff      `phi-policy diff` of the fleet       vs the same with --jobs 1 (no target)

Every command runs as a subprocess, as a user runs it. Bytecode: an installed package has its
.pyc files written at install time, so the subprocesses run without PYTHONDONTWRITEBYTECODE
(a warm-up run writes them once); otherwise every run would compile phi-policy again.

`--quick` uses tiny sizes and one run each, to keep the script working in CI (< 30 s); it
times nothing worth reading and enforces no target. Exit 0 whatever the figures (a missed
target is reported, not an error) unless something crashes; `--strict` exits 1 on a missed
target. check-jsonschema comes with the `bench` extra; without it its rows say so.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import generate

ROOT = generate.ROOT
SCHEMA = ROOT / "schemas" / "org-config.schema.json"
EXAMPLE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"
FLOOR = "import click, yaml, jsonschema"
NO_ANCHOR = "n/a (install the bench extra)"
TARGET_MEMORY_MB = 300.0


@dataclass(frozen=True)
class Sizes:
    """How much data, and how many runs of each measurement."""

    configs: int
    commits: int
    startup_runs: int  # start-up: a fraction of a second, noisy, so many runs
    long_runs: int  # fleet and history
    loop_runs: int  # the GitPython loop (minutes at full size)
    quick: bool


FULL = Sizes(configs=1000, commits=5000, startup_runs=15, long_runs=3, loop_runs=1, quick=False)
QUICK = Sizes(configs=20, commits=50, startup_runs=1, long_runs=1, loop_runs=1, quick=True)


@dataclass
class Row:
    """One line of the table. Times in seconds, memory in MB; `anchor` None when unavailable."""

    key: str
    measurement: str
    unit: str
    ours: list[float]
    anchor_name: str
    anchor: list[float] | None
    target: str = "-"
    limit: float | None = None  # ratio (or MB, for memory) that must not be exceeded
    on: str = "ratio"  # what the limit applies to: "ratio" or "value"
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> float:
        return statistics.median(self.ours)

    @property
    def anchor_value(self) -> float | None:
        return statistics.median(self.anchor) if self.anchor else None

    @property
    def ratio(self) -> float | None:
        anchor = self.anchor_value
        return self.value / anchor if anchor else None

    @property
    def met(self) -> bool | None:
        if self.limit is None:
            return None
        measured = self.value if self.on == "value" else self.ratio
        return None if measured is None else measured <= self.limit


# -- commands --------------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment of every timed command: ours, with bytecode caching allowed and git's
    global and system config kept out (a developer's signing or hooks must not count)."""
    env = generate.git_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["NO_COLOR"] = "1"
    return env


def phi_policy() -> list[str]:
    script = Path(sys.executable).parent / "phi-policy"
    return [str(script)] if script.exists() else [sys.executable, "-m", "phi_policy"]


def check_jsonschema() -> list[str] | None:
    script = Path(sys.executable).parent / "check-jsonschema"
    if script.exists():
        return [str(script)]
    if importlib.util.find_spec("check_jsonschema") is not None:
        return [sys.executable, "-m", "check_jsonschema"]
    found = shutil.which("check-jsonschema")
    return [found] if found else None


class BenchError(Exception):
    """A command of the benchmark failed: the figures would mean nothing."""


def run_once(command: Sequence[str], cwd: Path, ok: Sequence[int] = (0,)) -> float:
    """Wall-clock seconds of one run of `command` (its output discarded)."""
    start = time.perf_counter()
    done = subprocess.run(list(command), cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        shown = " ".join(command[:4]) + (" ..." if len(command) > 4 else "")
        raise BenchError(f"`{shown}` exited {done.returncode}: " + " | ".join(tail))
    return elapsed


def timed(pairs: Sequence[tuple[str, Sequence[str], Path]], runs: int,
          ok: Sequence[int] = (0,)) -> dict[str, list[float]]:
    """Run each command `runs` times, interleaved (a, b, a, b, ...), so that a change in the
    machine's load during the benchmark falls on both sides of a ratio alike. `ok`: the exit
    statuses that count as a run (a diff whose gate fails exits 1)."""
    times: dict[str, list[float]] = {name: [] for name, _, _ in pairs}
    for _ in range(runs):
        for name, command, cwd in pairs:
            times[name].append(run_once(command, cwd, ok))
    return times


# -- memory ----------------------------------------------------------------------------------

_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "sys.exit(code)\n"
)


def _descendants_rss(root: int) -> int:
    """Bytes resident in every process below `root` now (read from /proc)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    below, pending = set(), [root]
    while pending:
        current = pending.pop()
        for pid, parent in parents.items():
            if parent == current and pid not in below:
                below.add(pid)
                pending.append(pid)
    total = 0
    for pid in below:
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def peak_memory(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """(largest process's peak RSS, the whole process tree's sampled peak RSS), in MB.

    The first is `getrusage(RUSAGE_CHILDREN).ru_maxrss` in a wrapper process that runs only
    `command`, so it covers the command and its worker processes and nothing of this script.
    The second adds up every process of the tree, sampled every 20 ms while it runs.
    """
    wrapper = subprocess.Popen([sys.executable, "-c", _WRAPPER, *command], cwd=cwd,
                               env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _descendants_rss(wrapper.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = wrapper.communicate()
    stop.set()
    sampler.join()
    if wrapper.returncode != 0:
        raise BenchError(f"`{' '.join(command[:4])} ...` exited {wrapper.returncode}: "
                         + err.decode("utf-8", "replace").strip()[-300:])
    largest_kib = int(out.decode().split()[-1])
    return largest_kib / 1024, peak / 1024 / 1024


# -- the machine -----------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """What the figures were measured on, and with which parsers and validators."""
    import yaml

    from phi_policy.config import fast_path, yaml_builder

    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    fast = fast_path.fast_validator() is not None
    validator = (f"jsonschema-rs {metadata.version('jsonschema-rs')} (fast path), jsonschema "
                 f"{metadata.version('jsonschema')} for messages") if fast else (
                 f"jsonschema {metadata.version('jsonschema')}")
    try:
        clib = importlib.util.find_spec("_ruamel_yaml") is not None  # ruamel.yaml.clib
        anchor = (f"check-jsonschema {metadata.version('check-jsonschema')}, ruamel.yaml C "
                  f"parser {'yes' if clib else 'no'}")
    except metadata.PackageNotFoundError:
        anchor = NO_ANCHOR
    return {
        "anchor": anchor,
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False))
        and yaml_builder.EventParser.__name__ == "CBaseLoader",
        "validator": validator,
        "platform": platform.platform(),
    }


# -- the measurements --------------------------------------------------------------------------


def measure(sizes: Sizes, work: Path, log: Any) -> tuple[list[Row], dict[str, Any]]:
    ours = phi_policy()
    anchor = check_jsonschema()
    data: dict[str, Any] = {}
    rows: list[Row] = []

    log(f"making {sizes.configs} configs and a repository of {sizes.commits} commits ...")
    configs = generate.fleet(work / "fleet", sizes.configs)
    repo = generate.history_repo(work / "repo", sizes.commits)
    versions = generate.write_versions(work / "versions", repo.versions)
    sizes_kb = sorted(p.stat().st_size / 1024 for p in configs)
    data["fleet"] = {"configs": len(configs), "kb_min": sizes_kb[0],
                     "kb_median": statistics.median(sizes_kb), "kb_max": sizes_kb[-1]}
    data["history"] = {"commits": repo.commits, "config_commits": repo.config_commits,
                       "distinct_versions": len(repo.versions)}
    warm = work / "warm"
    generate.fleet(warm, 2)
    run_once([*ours, "check", str(warm), "--format", "json", "-o", str(work / "warm.json")], work)
    run_once([*ours, "history", "--help"], work)

    log("start-up ...")
    check_one = [*ours, "check", "-q", str(EXAMPLE)]
    floor = [sys.executable, "-c", FLOOR]
    run_once(check_one, work)
    run_once(floor, work)
    times = timed([("ours", check_one, work), ("floor", floor, work)], sizes.startup_runs)
    rows.append(Row("startup", "check one config vs the start-up floor", "s", times["ours"],
                    f'python -c "{FLOOR}"', times["floor"], "<= 1.5x", 1.5))

    log(f"{sizes.configs} configs ...")
    report = str(work / "fleet.json")
    fleet_cmd = [*ours, "check", str(work / "fleet"), "--format", "json", "-o", report]
    serial_cmd = [*fleet_cmd, "--jobs", "1"]
    pairs: list[tuple[str, Sequence[str], Path]] = [("fleet", fleet_cmd, work),
                                                    ("serial", serial_cmd, work)]
    anchor_cmd: list[str] | None = None
    if anchor is not None:
        anchor_cmd = [*anchor, "--schemafile", str(SCHEMA), *(str(p) for p in configs)]
        run_once([*anchor, "--schemafile", str(SCHEMA), str(configs[0])], work)
        pairs.append(("anchor", anchor_cmd, work))
    times = timed(pairs, sizes.long_runs)
    anchor_name = "check-jsonschema" if anchor is not None else NO_ANCHOR
    count = f"{sizes.configs:,}"
    rows.append(Row("fleet", f"{count} configs, fleet (all cores) vs check-jsonschema", "s",
                    times["fleet"], anchor_name, times.get("anchor"),
                    "<= 0.33x (3x faster)", 1 / 3))
    rows.append(Row("fleet_one_process", f"{count} configs, --jobs 1 vs check-jsonschema", "s",
                    times["serial"], anchor_name, times.get("anchor")))

    log("peak memory ...")
    largest, tree = peak_memory(fleet_cmd, work)
    anchor_largest = peak_memory(anchor_cmd, work)[0] if anchor_cmd is not None else None
    memory_target = f"< {TARGET_MEMORY_MB:.0f} MB"
    rows.append(Row("memory", f"peak RSS, {count} configs, largest process vs check-jsonschema",
                    "MB", [largest], anchor_name,
                    [anchor_largest] if anchor_largest is not None else None,
                    memory_target, TARGET_MEMORY_MB, on="value"))
    rows.append(Row("memory_tree", f"peak RSS, {count} configs, all processes together", "MB",
                    [tree], "-", None, memory_target, TARGET_MEMORY_MB, on="value"))

    log(f"history of {sizes.commits} commits ...")
    history_cmd = [*ours, "history", generate.CONFIG, "--format", "json", "-o",
                   str(work / "history.json")]
    versions_cmd = [*ours, "check", str(work / "versions"), "--format", "json", "-o",
                    str(work / "versions.json")]
    times = timed([("history", history_cmd, repo.path), ("versions", versions_cmd, work)],
                  sizes.long_runs)
    history_row = Row("history", f"history of {sizes.commits:,} commits vs fleet check of its "
                      f"{len(versions):,} versions", "s", times["history"],
                      "phi-policy check DIR", times["versions"], "<= 1.5x", 1.5)
    rows.append(history_row)
    loop_cmd = [sys.executable, str(Path(__file__).with_name("gitpython_loop.py")),
                str(repo.path), generate.CONFIG]
    loop = timed([("loop", loop_cmd, work)], sizes.loop_runs)["loop"]
    rows.append(Row("history_vs_loop", "history vs a GitPython loop (check every commit)", "s",
                    times["history"], "iter_commits + tree + check", loop))
    log(f"diff of {sizes.configs} configs ...")
    changed = generate.diff_repo(work / "diff", configs)
    data["diff"] = {"configs": len(configs), "changed": changed}
    diff_cmd = [*ours, "diff", "main", "pr", "--config", "sites", "--format", "json", "-o",
                str(work / "diff.json")]
    one_cmd = [*diff_cmd, "--jobs", "1"]
    diff_times = timed([("all", diff_cmd, work / "diff"), ("one", one_cmd, work / "diff")],
                       sizes.loop_runs, ok=(0, 1))  # the gate fails: exit 1
    rows.append(Row("diff", f"diff of {sizes.configs:,} configs ({changed} changed), all cores "
                    "vs --jobs 1", "s", diff_times["all"], "phi-policy diff --jobs 1",
                    diff_times["one"]))
    return rows, data


# -- the table ----------------------------------------------------------------------------------


def _shown(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    return f"{value:.0f} MB" if unit == "MB" else f"{value:.3f} s"


def table(rows: Sequence[Row], quick: bool) -> str:
    header = ("measurement", "phi-policy", "anchor", "ratio", "target", "met")
    lines = []
    for row in rows:
        if row.anchor is None and row.anchor_name == NO_ANCHOR:
            anchor = NO_ANCHOR
        else:
            anchor = _shown(row.anchor_value, row.unit)
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        if row.limit is None:
            met = "-"
        elif quick:
            met = "n/a (quick)"
        else:
            met = {True: "yes", False: "NO", None: "n/a"}[row.met]
        lines.append((row.measurement, _shown(row.value, row.unit), anchor, ratio, row.target,
                      met))
    widths = [max(len(line[i]) for line in [header, *lines]) for i in range(len(header))]

    def render(cells: Sequence[str]) -> str:
        padded = (cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([render(header), rule, *(render(line) for line in lines)])


def anchors_note(rows: Sequence[Row]) -> str:
    named = dict.fromkeys(f"{row.key}: {row.anchor_name}" for row in rows if row.anchor_name != "-")
    return "anchors: " + "; ".join(named)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes, one run each: keeps the script working (CI); no targets")
    parser.add_argument("--json", metavar="FILE", help="also write the raw numbers to FILE")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL

    def log(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    started = time.perf_counter()
    host = machine()
    try:
        with tempfile.TemporaryDirectory(prefix="phi-policy-bench-") as folder:
            rows, data = measure(sizes, Path(folder), log)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2
    mode = "quick (tiny sizes, one run: not a measurement)" if sizes.quick else "full"
    runs = (f"medians of {sizes.startup_runs} runs (start-up), {sizes.long_runs} (fleet, history), "
            f"{sizes.loop_runs} (GitPython loop, memory, diff)")
    print(f"phi-policy benchmark, {mode}: {sizes.configs:,} configs "
          f"({data['fleet']['kb_median']:.1f} KB median, {data['fleet']['kb_min']:.1f}-"
          f"{data['fleet']['kb_max']:.1f}), {sizes.commits:,} commits "
          f"({data['history']['config_commits']:,} change the config, "
          f"{data['history']['distinct_versions']:,} distinct versions)")
    print(f"machine: {host['cpu']}, {host['cores']} cores, Python {host['python']}, "
          f"libyaml {'yes' if host['libyaml'] else 'no'}, validator {host['validator']}")
    print(f"anchor: {host['anchor']}; {runs}")
    print()
    print(table(rows, sizes.quick))
    print()
    print(anchors_note(rows))
    elapsed = time.perf_counter() - started
    print(f"took {elapsed:.0f} s")
    if args.json:
        raw = {"mode": "quick" if sizes.quick else "full", "sizes": asdict(sizes),
               "machine": host, "data": data, "seconds": elapsed,
               "rows": [{**asdict(row), "median": row.value, "anchor_median": row.anchor_value,
                         "ratio": row.ratio, "met": row.met} for row in rows]}
        Path(args.json).write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return exit_code(rows, strict=args.strict, quick=sizes.quick)


def exit_code(rows: Sequence[Row], *, strict: bool, quick: bool) -> int:
    """0, or 1 with --strict when a full run missed a target (quick runs enforce none)."""
    missed = [row for row in rows if row.met is False]
    return 1 if strict and missed and not quick else 0


if __name__ == "__main__":
    sys.exit(main())
