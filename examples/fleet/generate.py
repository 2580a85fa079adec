"""Generate examples/fleet/: the site configs of a fictional health system's clinics.

Northstar Health runs 36 clinics, one phi-policy.yaml each. Every site is derived from one of
the three organizations in examples/org-config/ (strong, mid-size with gaps, weak), then moved
a few rungs up or down a ladder of real values: for each setting the three examples hold, a
site may adopt the next better example's value (a remediation under way) or the next worse
one (drift). Strong sites drift a little, mid-size sites both ways, recently acquired weak
practices are being remediated, so the scores spread over the three bands the way a real
fleet's do. Every value comes from a valid example, and every generated file is validated
before it is written.

Deterministic: a fixed seed, and only `random.Random.random()` is drawn (its sequence is the
same on every Python version), so the same script writes the same bytes. The files are judged
as of 2026-11-01, the date the examples are written for. A test regenerates them into a
temporary folder and compares (tests/test_fleet.py).

Beside them it writes org-config.schema.json, the schema their first line names, so the
folder works in an editor wherever it is copied.

    python examples/fleet/generate.py            # rewrite examples/fleet/*.yaml
    python examples/fleet/generate.py --check    # exit 1 if a committed file is out of date
    python examples/fleet/generate.py --out DIR  # write elsewhere
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from phi_policy.catalog.packs import load_catalog
from phi_policy.config.loader import load
from phi_policy.config.schema_file import MODELINE, SCHEMA_FILE, schema_text
from phi_policy.pipeline import load_valid_text

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "org-config"
SEED = 20261101
REFERENCE_DATE = "2026-11-01"
SCHEMA_LINE = MODELINE  # the schema beside the files: it works on copy, unlike ../../schemas/

#: The ladder, best first: a setting's value in each example is one rung.
LADDER = ("lakeside-health", "riverbend-clinic", "quickdoc-startup")

#: Settings that describe who the organization is, not how well it protects ePHI.
IDENTITY = ("/schema_version", "/organization/", "/officials/")
#: Facts about the practice that decide which controls apply, not how well they are met.
FACTS = frozenset({"/byod/allowed", "/patient_identity/controlled_substances/prescribes"})

#: (town, state, workforce): the clinics, in the order their files sort.
CLINICS: tuple[tuple[str, str, int], ...] = (
    ("Akron", "OH", 64), ("Ann Arbor", "MI", 118), ("Ashland", "KY", 22),
    ("Bay City", "MI", 37), ("Bloomington", "IN", 71), ("Bowling Green", "OH", 29),
    ("Canton", "OH", 55), ("Columbus", "OH", 212), ("Dayton", "OH", 96),
    ("Dearborn", "MI", 83), ("Elkhart", "IN", 41), ("Erie", "PA", 58),
    ("Evansville", "IN", 66), ("Findlay", "OH", 24), ("Flint", "MI", 47),
    ("Fort Wayne", "IN", 102), ("Grand Rapids", "MI", 140), ("Hamilton", "OH", 33),
    ("Huntington", "WV", 39), ("Kalamazoo", "MI", 74), ("Lafayette", "IN", 52),
    ("Lansing", "MI", 88), ("Lexington", "KY", 126), ("Lima", "OH", 27),
    ("Louisville", "KY", 175), ("Mansfield", "OH", 31), ("Marion", "OH", 19),
    ("Muncie", "IN", 44), ("Owensboro", "KY", 36), ("Parkersburg", "WV", 26),
    ("Saginaw", "MI", 49), ("Sandusky", "OH", 23), ("South Bend", "IN", 91),
    ("Springfield", "OH", 42), ("Toledo", "OH", 133), ("Youngstown", "OH", 57),
)

#: How many sites start from each example: a health system's strong core, the bulk of
#: ordinary clinics, and a few recently acquired practices.
MIX = {"lakeside-health": 12, "riverbend-clinic": 14, "quickdoc-startup": 10}

#: (lowest, highest) drift of a site from its example, in rungs of the ladder (0 best, 2
#: worst; negative is better): strong sites only slip, ordinary clinics go both ways, and the
#: acquired practices are being brought up.
DRIFT: dict[str, tuple[float, float]] = {
    "lakeside-health": (0.0, 1.6),
    "riverbend-clinic": (-0.8, 0.8),
    "quickdoc-startup": (-1.4, 0.0),
}


@dataclass(frozen=True)
class Change:
    """One setting moved a rung: the dotted path, the old and the new value, and which way."""

    path: str
    old: Any
    new: Any
    better: bool


def scalars(data: Any, pointer: str = "") -> Iterator[tuple[str, Any]]:
    """Every scalar in `data` with its JSON pointer; lists are left whole (items are records)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from scalars(value, f"{pointer}/{key}")
    elif not isinstance(data, list):
        yield pointer, data


def ladders(examples: dict[str, Any]) -> dict[str, tuple[Any, ...]]:
    """Setting -> its value in each example, best first: the settings all three examples hold."""
    values = [dict(scalars(examples[name])) for name in LADDER]
    shared = set(values[0]).intersection(*values[1:])
    return {
        path: tuple(found[path] for found in values)
        for path in sorted(shared)
        if not path.startswith(IDENTITY) and path not in FACTS
    }


def set_pointer(data: Any, pointer: str, value: Any) -> None:
    *parents, last = pointer.strip("/").split("/")
    for key in parents:
        data = data[key]
    data[last] = value


def derive(
    rng: random.Random, template: str, data: Any, rungs: dict[str, tuple[Any, ...]]
) -> list[Change]:
    """Move the settings of `data` (a copy of `template`) toward the site's place on the
    ladder: a site at 1.3 takes the second example's value for about 70% of its settings and
    the third's for the rest. Returns the changes made, in path order."""
    low, high = DRIFT[template]
    start = LADDER.index(template)
    place = min(2.0, max(0.0, start + low + (high - low) * rng.random()))
    floor = int(place)
    changes = []
    for path, values in rungs.items():
        rung = min(2, floor + (1 if rng.random() < place - floor else 0))
        if values[rung] != values[start]:
            changes.append(Change(path, values[start], values[rung], rung < start))
    for change in changes:
        set_pointer(data, change.path, change.new)
    return changes


def identity(data: Any, town: str, state: str, workforce: int) -> None:
    org = data["organization"]
    org["name"] = f"Northstar Health {town} Clinic"
    org["size"] = "small" if workforce < 50 else "medium"
    org["workforce_count"] = workforce
    org["sites"] = 1
    org["states"] = [state]


def slug(town: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", town.lower()).strip("-")


# --- YAML out ---------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style with indented lists, flow style for lists of scalars, and dates written
    plain: phi-policy reads 2026-04-10 as the text it is, and PyYAML would quote it."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _represent_list(dumper: yaml.SafeDumper, items: list[Any]) -> yaml.Node:
    flow = all(not isinstance(item, (dict, list)) for item in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def dump(data: Any) -> str:
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    lines: list[str] = []
    for line in text.splitlines():
        if lines and line[:1].isalpha():
            lines.append("")  # a blank line before each top-level section
        lines.append(line)
    return "\n".join(lines) + "\n"


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def header(town: str, template: str, changes: list[Change]) -> list[str]:
    better = [c for c in changes if c.better]
    worse = [c for c in changes if not c.better]
    lines = [
        SCHEMA_LINE,
        "#",
        f"# Northstar Health, {town} clinic: one site of a generated fleet. Derived from",
        f"# examples/org-config/{template}.yaml by examples/fleet/generate.py (seed {SEED});",
        "# do not edit by hand: change the script and run it again. Judged as of "
        f"{REFERENCE_DATE}.",
        f"# {len(better)} setting(s) better than the example, {len(worse)} worse:",
    ]
    for change in changes:
        sign = "+" if change.better else "-"
        dotted = change.path.strip("/").replace("/", ".")
        lines.append(f"#   {sign} {dotted}: {show(change.old)} -> {show(change.new)}")
    return [*lines, ""]


# --- the fleet --------------------------------------------------------------------------------


def templates(rng: random.Random) -> list[str]:
    """Which example each clinic starts from, shuffled (Fisher-Yates, drawing only random())."""
    order = [name for name, count in MIX.items() for _ in range(count)]
    assert len(order) == len(CLINICS)
    for i in range(len(order) - 1, 0, -1):
        j = int(rng.random() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def build(seed: int = SEED) -> dict[str, str]:
    """File name -> text, for every clinic; each is validated before it is returned."""
    rng = random.Random(seed)
    examples = {name: load(TEMPLATES / f"{name}.yaml").data for name in LADDER}
    rungs = ladders(examples)
    order = templates(rng)
    catalog = load_catalog(entry_points=False)
    files: dict[str, str] = {}
    for (town, state, workforce), template in zip(CLINICS, order, strict=True):
        data = load(TEMPLATES / f"{template}.yaml").data
        identity(data, town, state, workforce)
        changes = derive(rng, template, data, rungs)
        name = f"{slug(town)}.yaml"
        text = "\n".join(header(town, template, changes)) + "\n" + dump(data)
        load_valid_text(text, f"examples/fleet/{name}", catalog)  # raises if invalid
        files[name] = text
    files[SCHEMA_FILE] = schema_text()
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write (default: here)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a file in --out differs or is missing")
    args = parser.parse_args(argv)
    files = build()
    stale = [n for n, text in files.items()
             if not (args.out / n).is_file() or (args.out / n).read_text(encoding="utf-8") != text]
    extra = sorted(p.name for p in args.out.glob("*.yaml") if p.name not in files)
    if args.check:
        for name in [*stale, *extra]:
            print(f"out of date: {args.out / name}", file=sys.stderr)
        return 1 if stale or extra else 0
    from phi_policy.output import write_atomic

    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        write_atomic(args.out / name, files[name])
    if args.out.resolve() == HERE:  # elsewhere, leave other people's files alone
        for name in extra:
            (args.out / name).unlink()
    configs = len(files) - 1  # and the schema
    print(f"{configs} configs and {SCHEMA_FILE} in {args.out} ({len(stale)} written, "
          f"{len(extra)} removed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
