"""The README's commands exist, and its quick start is what CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from phi_policy.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[list[str]]:
    found = []
    for block in re.findall(r"```(?:sh)?\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            match = re.search(r"(?:^|&& |/)phi-policy (.+)$", line)
            if match:
                found.append(shlex.split(match.group(1)))
    return found


def test_every_readme_command_names_real_subcommands_and_options() -> None:
    commands = _commands()
    assert len(commands) >= 10
    ctx = click.Context(cli)
    for words in commands:
        group: click.Command = cli
        rest = list(words)
        while isinstance(group, click.Group) and rest and not rest[0].startswith("-"):
            sub = group.get_command(ctx, rest[0])
            if sub is None:
                break
            group, rest = sub, rest[1:]
        assert group is not cli, f"unknown subcommand in README: phi-policy {' '.join(words)}"
        known = {opt for p in group.params for opt in (*p.opts, *p.secondary_opts)}
        for word in rest:
            if word.startswith("-"):
                assert word.split("=", 1)[0] in known, (
                    f"{word} is not an option of: phi-policy {' '.join(words)}"
                )


def test_quick_start_runs_the_bundled_example_and_ci_runs_the_readme_test_command() -> None:
    assert "phi-policy check examples/org-config/lakeside-health.yaml" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"python -m pytest[^\n`]*", ci)
    assert test_command is not None
    assert test_command.group(0).strip() in README
