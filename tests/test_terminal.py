"""Text output fits the terminal (80 columns when it is not one) and colors only when asked."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import click
import pytest

from phi_policy.cli import run
from phi_policy.reporters.terminal import fit, fit_line, paint, terminal_width, visible
from tests import gitrepo
from tests.gitrepo import MakeRepo

ROOT = Path(__file__).resolve().parents[1]
LAKESIDE = ROOT / "examples" / "org-config" / "lakeside-health.yaml"
ESCAPE = re.compile(r"\x1b\[")
isolated_git = gitrepo.isolated_git
make_repo = gitrepo.make_repo


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_width_is_80_off_a_terminal_and_the_window_on_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(io.StringIO()) == 80
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback: os.terminal_size((132, 40)))
    assert terminal_width(Tty()) == 132
    monkeypatch.setenv("COLUMNS", "100")
    assert terminal_width(io.StringIO()) == 100  # a width the user asks for wins
    monkeypatch.setenv("COLUMNS", "12")
    assert terminal_width(Tty()) == 40  # narrower would leave a word a line


def test_a_location_a_path_and_a_long_token_are_never_split() -> None:
    line = ("phi-policy.yaml:356:31: TECH-026 partial: automatic logoff is 30 minutes; "
            "see access_control.automatic_logoff_minutes and "
            "https://www.hhs.gov/hipaa/for-professionals/security/guidance/index.html now")
    lines = fit_line(line, 40)
    assert lines[0].startswith("phi-policy.yaml:356:31:")
    words = line.split()
    assert " ".join(" ".join(lines).split()) == " ".join(words)  # nothing lost or cut
    for word in words:
        assert any(word in shown for shown in lines), word
    assert all(len(shown) <= 40 for shown in lines if " " in shown.strip())


def test_a_table_row_continues_under_its_last_cell() -> None:
    row = "2e88a95  2026-12-05  a.name   99.77  green    -0.12  " + "word " * 12
    lines = fit_line(row.rstrip(), 80)
    start = row.index("word")
    assert len(lines) == 3
    assert all(shown.startswith(" " * start + "word") for shown in lines[1:])
    assert all(len(shown) <= 80 for shown in lines)
    assert " ".join(" ".join(lines).split()) == " ".join(row.split())


def test_escape_codes_take_no_width() -> None:
    red = click.style("RED", fg="red", bold=True)
    line = f"Score 40.0 / 100  {red} " + "x" * 50
    assert len(line) > 80
    assert fit_line(line, 80) == [line]  # 72 shown
    assert visible(paint("band RED")) == "band RED"


def test_short_lines_and_line_ends_are_kept() -> None:
    text = "one\n\n  two  three\n"
    assert fit(text, 80) == text


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = run(list(args))
    return code, capsys.readouterr().out


def test_controls_list_fits_80_columns_off_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COLUMNS")
    code, out = cli(capsys, "controls", "list")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "TECH-026" in out


def test_history_fits_the_terminal_and_a_file_keeps_its_lines(
    make_repo: MakeRepo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    repo = make_repo()
    text = LAKESIDE.read_text(encoding="utf-8")
    repo.commit("Add the config", files={"phi-policy.yaml": text})
    repo.commit("Raise the logoff to 30 minutes, as the night shift asked for at the October "
                "staff meeting of the whole clinic",
                files={"phi-policy.yaml": text.replace("automatic_logoff_minutes: 15",
                                                      "automatic_logoff_minutes: 30")})
    monkeypatch.chdir(repo.path)
    monkeypatch.setenv("COLUMNS", "72")
    code, out = cli(capsys, "history")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 72
    assert "October staff meeting" in " ".join(out.split())
    code, _ = cli(capsys, "history", "--output", str(tmp_path / "history.txt"))
    written = (tmp_path / "history.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in written.splitlines()) > 72  # a record keeps lines whole


@pytest.mark.parametrize("args", [
    ("controls", "list"),
    ("controls", "show", "TECH-003"),
    ("validate", "tests/broken/bad-date.yaml"),
])
def test_color_only_when_asked(
    args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, plain = cli(capsys, *args)
    assert not ESCAPE.search(plain)  # not a terminal: no color unless asked
    _, never = cli(capsys, *args, "--color", "never")
    assert never == plain
    _, colored = cli(capsys, *args, "--color", "always")
    assert ESCAPE.search(colored)
    assert re.sub(r"\x1b\[[0-9;]*m", "", colored) == plain  # color adds codes, nothing else


def test_history_takes_color_like_check() -> None:
    from phi_policy.cli import cli as group

    command = group.get_command(click.Context(group), "history")
    assert command is not None
    assert any("--color" in getattr(p, "opts", ()) for p in command.params)
