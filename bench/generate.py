"""The benchmark's data, made on the spot and the same on every run (seeded).

- `fleet(folder, count)`: `count` site configs derived from examples/org-config/*.yaml, each a
  valid config with its own values (booleans flipped, minutes and days changed within the
  schema's bounds, dates moved, enum values swapped, lists of platforms, business associates
  and policy documents grown or cut), so file sizes spread over about 8-22 KB;
- `history_repo(folder, commits)`: a git repository of `commits` commits in which the config
  changes in about half (a small edit each time, now and then a revert to an earlier version,
  so some blobs recur), built in one `git fast-import` stream with fixed authors and dates.

The variation is schema-driven: every value is changed within what the schema allows for it,
so every generated config is valid and the benchmark times the normal path of a check, not
error reporting. The YAML is written in block style with flow lists of scalars, as people
write configs; strings are quoted only where YAML would read them as something else.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from phi_policy.config.loader import load
from phi_policy.config.schema import default_schema
from phi_policy.config.yaml_scalars import resolve_plain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "org-config"
CONFIG = "phi-policy.yaml"
AUTHOR = "Riley Chen <riley.chen@lakeside.example>"
FIRST_COMMIT = dt.datetime(2021, 1, 4, 9, 0, tzinfo=dt.timezone.utc)
COMMIT_EVERY = dt.timedelta(hours=3)
#: Arrays of mappings whose length varies from site to site, with the key that names an item.
GROWABLE = {"platforms": "name", "business_associates": "name", "documents": "title"}
#: Sections left as they are: decisions must keep naming controls they may apply to, with
#: valid dates.
FROZEN = frozenset({"decisions", "waivers", "schema_version"})
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.,()/@&'+-]*")
_PLAIN_IN_FLOW = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.@-]*")


def examples() -> list[Any]:
    """The example configs' data, in name order (the bases every generated config starts from)."""
    return [load(path).data for path in sorted(EXAMPLES.glob("*.yaml"))]


# -- schema-driven variation ---------------------------------------------------------------------


class Varier:
    """Changes values of a config within what the schema allows, with its own seeded random."""

    def __init__(self, rng: random.Random, bounds: Mapping[str, tuple[int, int]] | None = None,
                 schema: Mapping[str, Any] | None = None) -> None:
        """With `bounds` (list key -> fewest, most items), lists change by one item at a time
        within them, as a config's history does; without, they grow freely, as sites differ."""
        self.rng = rng
        self.bounds = bounds
        self.schema = schema or default_schema()

    def resolve(self, node: Mapping[str, Any]) -> Mapping[str, Any]:
        while "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            node = self.schema["$defs"][name]
        return node

    def vary(self, value: Any, node: Mapping[str, Any], rate: float, key: str = "") -> Any:
        """`value` with each scalar changed with probability `rate` (lists resized likewise)."""
        node = self.resolve(node)
        if isinstance(value, dict):
            properties = node.get("properties", {})
            return {
                k: v if k in FROZEN else self.vary(v, properties.get(k, {}), rate, k)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return self.vary_list(value, node, rate, key)
        if self.rng.random() >= rate:
            return value
        return self.vary_scalar(value, node)

    def vary_list(self, items: list[Any], node: Mapping[str, Any], rate: float, key: str) -> list:
        item_node = self.resolve(node.get("items", {}))
        if "enum" in item_node and node.get("uniqueItems"):
            if self.rng.random() >= rate:
                return list(items)
            choices = list(item_node["enum"])
            low = max(int(node.get("minItems", 0)), 1)
            picked = self.rng.sample(choices, self.rng.randint(low, len(choices)))
            return [c for c in choices if c in picked]  # schema order, as people list them
        varied = [self.vary(item, item_node, rate) for item in items]
        chance = 0.8 if self.bounds is None else rate * 3
        if key in GROWABLE and varied and self.rng.random() < chance:
            varied = self.resize(varied, key, int(node.get("maxItems", 50)))
        return varied

    def resize(self, items: list[Any], key: str, most: int) -> list[Any]:
        """Cut the list, or grow it with renamed copies of its own items (names stay unique)."""
        count = len(items)
        if self.bounds is None:
            target = self.rng.randint(max(count, 4), min(most, max(2 * count, count + 8)))
        else:
            fewest, many = self.bounds.get(key, (1, most))
            target = min(max(count + self.rng.choice((-1, 1)), fewest), many)
        if target <= count:
            return items[:target]
        name_key = GROWABLE[key]
        grown = list(items)
        while len(grown) < target:
            copy = dict(self.rng.choice(items))
            if name_key in copy:
                copy[name_key] = f"{copy[name_key]} ({len(grown) + 1})"
            grown.append(copy)
        return grown

    def vary_scalar(self, value: Any, node: Mapping[str, Any]) -> Any:
        if "enum" in node:
            return self.rng.choice(node["enum"])
        if isinstance(value, bool):
            return not value
        if isinstance(value, int) and node.get("type") == "integer":
            low = int(node.get("minimum", 0))
            high = int(node.get("maximum", max(value * 4, low + 30)))
            factor = self.rng.choice((0.25, 0.5, 0.75, 1.5, 2.0, 3.0))
            changed = round(value * factor) if value else self.rng.randint(low, low + 30)
            return min(max(changed, low), high)
        if isinstance(value, str) and node.get("format") == "date":
            day = dt.date.fromisoformat(value) + dt.timedelta(days=self.rng.randint(-540, 360))
            return day.isoformat()
        return value


# -- YAML text --------------------------------------------------------------------------------


def _scalar(value: Any, in_flow: bool = False) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    pattern = _PLAIN_IN_FLOW if in_flow else _PLAIN
    plain = (
        pattern.fullmatch(text) is not None
        and resolve_plain(text) == text
        and ": " not in text
        and " #" not in text
        and not text.endswith(" ")
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _lines(value: Any, indent: int) -> Iterator[str]:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            nested = isinstance(item, dict) and bool(item)
            if nested or (isinstance(item, list) and item and isinstance(item[0], dict)):
                yield f"{pad}{key}:"
                yield from _lines(item, indent + 2)
            else:
                yield f"{pad}{key}: {_inline(item)}"
    else:
        for item in value:
            first, *rest = list(_lines(item, indent + 2))
            yield f"{pad}- {first[indent + 2:]}"
            yield from rest


def _inline(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v, in_flow=True) for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    return _scalar(value)


def to_yaml(data: Mapping[str, Any], title: str) -> str:
    """The config as YAML text, with a comment header and a blank line between sections."""
    out = [f"# {title}", "# Generated by bench/generate.py for the phi-policy benchmark.", ""]
    for key, value in data.items():
        out.extend(_lines({key: value}, 0))
        out.append("")
    return "\n".join(out)


# -- the fleet ----------------------------------------------------------------------------------


def site_config(bases: list[Any], index: int, varier: Varier) -> Any:
    """Site `index`: one of the examples, renamed and varied (a fifth of its values changed)."""
    base = bases[index % len(bases)]
    data = varier.vary(base, varier.schema, rate=0.2)
    organization = dict(data["organization"])
    organization["name"] = f"{organization['name']} site {index + 1:04d}"
    data["organization"] = organization
    return data


def fleet(folder: Path, count: int, seed: int = 6) -> list[Path]:
    """Write `count` varied site configs into `folder`; their paths, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    varier = Varier(random.Random(seed))
    bases = examples()
    paths = []
    for index in range(count):
        data = site_config(bases, index, varier)
        path = folder / f"site-{index + 1:04d}.yaml"
        path.write_text(to_yaml(data, data["organization"]["name"]), encoding="utf-8")
        paths.append(path)
    return paths


# -- the history repository ---------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRepo:
    """The repository made, how many commits changed the config, and its distinct versions."""

    path: Path
    commits: int
    config_commits: int
    versions: tuple[bytes, ...]


def _data(payload: bytes) -> bytes:
    return b"data %d\n%s\n" % (len(payload), payload)


def _versions(count: int, rng: random.Random) -> Iterator[bytes]:
    """`count` successive versions of one config: small edits, and now and then a revert."""
    data = load(EXAMPLES / "lakeside-health.yaml").data
    lengths = {"platforms": len(data["platforms"]),
               "business_associates": len(data["business_associates"]),
               "documents": len(data["policies"]["documents"])}
    varier = Varier(rng, bounds={k: (max(1, n - 3), n + 3) for k, n in lengths.items()})
    title = "Lakeside Telehealth Partners: the compliance config, as edited over the years"
    history: list[bytes] = []
    previous = b""
    while len(history) < count:
        if len(history) >= 2 and rng.random() < 0.05:
            text = history[-2]  # revert the last change: a blob seen before
        else:
            data = varier.vary(data, varier.schema, rate=0.01)
            text = to_yaml(data, title).encode("utf-8")
        if text == previous:
            continue
        history.append(text)
        previous = text
        yield text


def fast_import_stream(commits: int, seed: int = 5) -> tuple[bytes, int, tuple[bytes, ...]]:
    """The `git fast-import` input of the history, the number of commits that change the config,
    and its distinct versions (each a blob written once and referenced by mark)."""
    rng = random.Random(seed)
    changes = [index == 0 or rng.random() < 0.5 for index in range(commits)]
    versions = _versions(sum(changes), random.Random(seed + 1))
    marks: dict[bytes, int] = {}
    out: list[bytes] = []
    for index, changed in enumerate(changes):
        when = int((FIRST_COMMIT + index * COMMIT_EVERY).timestamp())
        if changed:
            text = next(versions)
            if text not in marks:
                marks[text] = commits + len(marks) + 1
                out.append(b"blob\nmark :%d\n" % marks[text] + _data(text))
            message = f"Update the compliance config ({index + 1})"
            change = b"M 100644 :%d %s\n" % (marks[text], CONFIG.encode())
        else:
            message = f"Update the clinic notes ({index + 1})"
            note = f"Notes of change {index + 1}.\n".encode()
            change = b"M 100644 inline notes/%03d.md\n" % (index % 100) + _data(note)
        signature = f"{AUTHOR} {when} +0000".encode()
        out.append(b"commit refs/heads/main\nmark :%d\n" % (index + 1))
        out.append(b"author " + signature + b"\ncommitter " + signature + b"\n")
        out.append(_data(message.encode()) + change + b"\n")
    return b"".join(out), sum(changes), tuple(marks)


def git_env() -> dict[str, str]:
    """The environment for git here: no global or system config, no signing, no prompts."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0")
    return env


def history_repo(folder: Path, commits: int, seed: int = 5) -> HistoryRepo:
    """A repository of `commits` commits at `folder` (created), with the config checked out."""
    stream, config_commits, versions = fast_import_stream(commits, seed)
    env = git_env()

    def git(*args: str, data: bytes | None = None) -> None:
        subprocess.run(["git", *args], cwd=folder, env=env, input=data, check=True,
                       stdout=subprocess.DEVNULL)

    folder.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main")
    git("config", "commit.gpgsign", "false")
    git("fast-import", "--quiet", data=stream)
    git("reset", "-q", "--hard", "main")
    return HistoryRepo(folder, commits, config_commits, versions)


LOGOFF = re.compile(rb"^(  automatic_logoff_minutes: )\d+$", re.M)


def diff_repo(folder: Path, configs: list[Path], every: int = 10) -> int:
    """A repository at `folder` whose branch `main` has every config under sites/, and whose
    branch `pr` (checked out) relaxes automatic logoff to 60 minutes in every `every`-th
    config: a pull request over a fleet. Returns how many configs the pull request changes."""
    env = {**git_env(), "GIT_AUTHOR_NAME": "Riley Chen", "GIT_COMMITTER_NAME": "Riley Chen",
           "GIT_AUTHOR_EMAIL": "riley.chen@lakeside.example",
           "GIT_COMMITTER_EMAIL": "riley.chen@lakeside.example",
           "GIT_AUTHOR_DATE": "2026-11-02T09:00:00+00:00",
           "GIT_COMMITTER_DATE": "2026-11-02T09:00:00+00:00"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=folder, env=env, check=True, stdout=subprocess.DEVNULL)

    sites = folder / "sites"
    sites.mkdir(parents=True, exist_ok=True)
    git("init", "-q", "-b", "main")
    git("config", "commit.gpgsign", "false")
    for path in configs:
        (sites / path.name).write_bytes(path.read_bytes())
    git("add", "-A")
    git("commit", "-q", "-m", "The fleet")
    git("checkout", "-q", "-b", "pr")
    changed = 0
    for path in configs[::every]:
        target = sites / path.name
        text, count = LOGOFF.subn(rb"\g<1>60", target.read_bytes(), count=1)
        if count:
            target.write_bytes(text)
            changed += 1
    git("commit", "-q", "-a", "-m", "Relax automatic logoff at some sites")
    return changed


def write_versions(folder: Path, versions: tuple[bytes, ...]) -> list[Path]:
    """Each distinct version of the config as its own file (the fleet-mode anchor of history)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(versions):
        path = folder / f"version-{index + 1:05d}.yaml"
        path.write_bytes(text)
        paths.append(path)
    return paths
