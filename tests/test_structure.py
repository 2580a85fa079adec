"""The tree shows the architecture: small modules, each saying its job, no private reach-ins.

These are the rules a next maintainer relies on to find a concept from `ls` and a file's first
line (docs/design.md): a module that grows past them, or code that reaches into another
module's private names, fails here rather than in review.
"""

from __future__ import annotations

import ast
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "phi_policy"
MAX_LINES = 400
MAX_TOP_LEVEL = 12
#: Modules allowed past MAX_LINES, each with the reason (its docstring says the same). None
#: today: even the YAML loader, which the rule would allow, is split by job.
LONG_MODULES: dict[str, str] = {}


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def dotted(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@pytest.mark.parametrize("path", modules(), ids=rel)
def test_every_module_is_small_and_says_its_job_first(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.count("\n")
    if rel(path) in LONG_MODULES:
        assert lines > MAX_LINES, f"{rel(path)} is short now: drop it from LONG_MODULES"
    else:
        assert lines <= MAX_LINES, (
            f"{rel(path)} has {lines} lines (at most {MAX_LINES}): split it by job"
        )
    docstring = ast.get_docstring(ast.parse(text))
    assert docstring and docstring.strip(), f"{rel(path)} has no docstring saying its job"
    assert text.startswith('"""'), f"{rel(path)}: the docstring comes first"


def test_the_top_level_holds_few_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, f"{len(top)} modules at the top: {top}"


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def private_reach_ins(source_text: str, here: str) -> Iterator[str]:
    """Every private name of another phi_policy module that module `here` imports or touches."""
    tree = ast.parse(source_text)
    module_aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            source = node.module
            if not source.startswith("phi_policy"):
                continue
            if any(part.startswith("_") for part in source.split(".")[1:]):
                yield f"line {node.lineno}: imports from private module {source}"
            for alias in node.names:
                if alias.name.startswith("_") and alias.name != "__version__":
                    yield f"line {node.lineno}: imports {alias.name} from {source}"
                elif _is_module(f"{source}.{alias.name}"):
                    module_aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("phi_policy") and alias.asname:
                    module_aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
            and isinstance(node.value, ast.Name)
            and node.value.id in module_aliases
            and module_aliases[node.value.id] != here
        ):
            yield f"line {node.lineno}: uses {node.value.id}.{node.attr}"


def test_no_module_imports_another_modules_private_names() -> None:
    found = {
        rel(p): list(private_reach_ins(p.read_text(encoding="utf-8"), dotted(p)))
        for p in modules()
    }
    found = {k: v for k, v in found.items() if v}
    assert not found, "private names used across modules (make them public in one place):\n" + (
        "\n".join(f"  {k}: {'; '.join(v)}" for k, v in found.items())
    )


def test_the_private_reach_in_check_catches_one() -> None:
    """The rule above is only worth having if it fails on the patterns it names."""
    probe = (
        "from phi_policy.reporters import wording as c\n"
        "from phi_policy.config.loader import _EventLoader\n"
        "x = c._private\n"
    )
    found = list(private_reach_ins(probe, "phi_policy.probe"))
    assert any("_EventLoader" in f for f in found)
    assert any("c._private" in f for f in found)


def test_design_md_lists_every_module() -> None:
    design = (ROOT / "docs" / "design.md").read_text(encoding="utf-8")
    missing = [rel(p) for p in modules() if rel(p) not in design]
    assert not missing, f"docs/design.md's module table lacks: {missing}"


def test_lint_and_types_run_in_the_project_ci_and_the_public_workflow() -> None:
    """`ruff check` and `mypy` gate every build, before the tests, with the pinned versions."""
    import yaml

    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line.strip() for line in run.splitlines() if line.startswith(".venv/bin/")]
    assert ".venv/bin/ruff check ." in steps and ".venv/bin/mypy" in steps
    assert steps.index(".venv/bin/mypy") < steps.index(".venv/bin/python -m pytest -q")
    assert "'.[test,lint]'" in run
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    commands = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert "ruff check ." in commands and "mypy" in commands
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"ruff==' in pyproject and '"mypy==' in pyproject
