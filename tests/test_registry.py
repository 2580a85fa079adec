"""One reporter registry: every --format choice has a renderer, and nothing is registered twice."""

from __future__ import annotations

import ast
from pathlib import Path

import click
import pytest

from phi_policy.cli import COMMANDS, cli
from phi_policy.errors import UsageError
from phi_policy.reporters import registry
from phi_policy.reporters.registry import REPORTERS, Reporter, index

ROOT = Path(__file__).resolve().parents[1]


def load_command(name: str) -> click.Command:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, name
    return command

#: command path -> the subjects its --format serves (check and diff serve one config or several)
FORMAT_OPTIONS: dict[tuple[str, ...], tuple[registry.Subject, ...]] = {
    ("check",): ("check",),
    ("diff",): ("diff",),
    ("history",): ("history",),
    ("validate",): ("validate",),
    ("controls", "list"): ("controls",),
    ("controls", "show"): ("control",),
    ("controls", "coverage"): ("coverage",),
}


@pytest.mark.parametrize("entry", REPORTERS, ids=lambda r: f"{r.subject}-{r.fmt}")
def test_every_entry_resolves_to_a_function(entry: Reporter) -> None:
    assert callable(entry.load())


def test_a_format_registered_twice_fails() -> None:
    twice = (Reporter("check", "text", "text"), Reporter("check", "text", "markdown"))
    with pytest.raises(ValueError, match="registered twice"):
        index(twice)
    assert index(REPORTERS)  # and the real table has no such pair


def _format_choices(path: tuple[str, ...]) -> list[str]:
    command: click.Command = load_command(path[0])
    for name in path[1:]:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    (option,) = [p for p in command.params if "--format" in getattr(p, "opts", ())]
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


@pytest.mark.parametrize("path", FORMAT_OPTIONS, ids=" ".join)
def test_every_format_choice_is_read_from_the_registry(path: tuple[str, ...]) -> None:
    subjects = FORMAT_OPTIONS[path]
    choices = _format_choices(path)
    assert choices == registry.formats(*subjects)
    for fmt in choices:
        assert registry.reporter(subjects[0], fmt).load()


def test_every_command_with_a_format_option_is_known_here() -> None:
    with_format = []
    for name in COMMANDS:
        command = load_command(name)
        commands = command.commands.items() if isinstance(command, click.Group) else [("", None)]
        for sub, child in commands:
            target = child or command
            if any("--format" in getattr(p, "opts", ()) for p in target.params):
                with_format.append((name, sub) if sub else (name,))
    assert sorted(with_format) == sorted(FORMAT_OPTIONS)


def test_several_configs_offer_the_formats_a_fleet_has() -> None:
    assert "oscal" in registry.formats("check")
    assert "oscal" not in registry.formats("fleet")
    assert registry.formats("diff-set") == registry.formats("diff")


def test_an_unknown_format_is_a_usage_error_naming_the_choices() -> None:
    with pytest.raises(UsageError) as caught:
        registry.reporter("fleet", "oscal")
    assert "text, json" in (caught.value.hint or "")


#: Sets that say something of report formats, not which exist: the output boundary's (which
#: formats flatten text, which write workflow commands) and the schema's `format` keywords.
NOT_REPORT_FORMATS = {"COMMAND_FORMATS", "FLATTENED_FORMATS", "FAST_FORMATS"}


def test_no_other_module_keeps_a_format_map() -> None:
    """The six maps of three shapes that were there before must not grow back."""
    offenders = []
    for path in (ROOT / "src" / "phi_policy").rglob("*.py"):
        if path.name == "registry.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = (
                node.targets if isinstance(node, ast.Assign)
                else [node.target] if isinstance(node, ast.AnnAssign) else []
            )
            offenders += [
                f"{path.name}: {target.id}" for target in targets
                if isinstance(target, ast.Name)
                and target.id.endswith(("FORMATS", "RENDERERS"))
                and target.id not in NOT_REPORT_FORMATS
            ]
    assert not offenders, offenders
