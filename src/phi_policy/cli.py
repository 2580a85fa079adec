"""The `phi-policy` command line: one group, one module per subcommand, one error boundary.

Subcommands are imported only when they run, so `phi-policy --help` and `validate` do not pay
for git or report code. Every exception ends here and becomes an exit status (see
`phi_policy.errors`): a user's mistake is one clear message with status 2, a bug is one line
saying so (with `--debug` for the traceback) and status 3, and Ctrl-C is status 130.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import signal
import sys
from typing import Any

import click

from phi_policy import __version__
from phi_policy.errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    PhiPolicyError,
)

#: name -> (module, attribute, one-line help shown by `phi-policy --help`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "validate": ("phi_policy.commands.validate", "validate",
                 "Check configs against the schema."),
    "check": ("phi_policy.commands.check", "check",
              "Score a config: bands, domains, what to fix first."),
    "diff": ("phi_policy.commands.diff", "diff",
             "Compare the config at two revisions; gate a pull request."),
    "history": ("phi_policy.commands.history", "history",
                "Score the config at every commit that changed it."),
    "evidence": ("phi_policy.commands.evidence", "evidence",
                 "Write or verify an audit evidence bundle."),
    "controls": ("phi_policy.commands.controls", "controls",
                 "List, show and map the controls to HIPAA."),
    "schema": ("phi_policy.commands.schema", "schema",
               "Print the config schema, its path, or write it beside a config."),
    "init": ("phi_policy.commands.init", "init",
             "Write a starter config from a short questionnaire."),
    "completion": ("phi_policy.commands.completion", "completion",
                   "Print the shell completion script for bash, zsh or fish."),
}

REPORT_BUG = "https://github.com/phi-policy/phi-policy/issues"


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name, (module, _, _) in COMMANDS.items() if _available(module))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(COMMANDS[name][0]):
            return None
        module, attribute, _ = COMMANDS[name]
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="phi-policy")
@click.option("--debug", is_flag=True, help="Show the traceback of an internal error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Policy-as-code HIPAA compliance for telemedicine.

    Describe your telemedicine setup in phi-policy.yaml, keep it in git, and let phi-policy
    validate it, score it against the HIPAA Security Rule and related telehealth safeguards,
    and gate pull requests on the score.

    \b
    Exit status: 0 ok, 1 a gate failed, 2 bad input or usage, 3 internal error, 130 interrupted.
    """
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the status DESIGN.md assigns to what happened."""
    sys.exit(run(argv))


def run(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status (see the module docstring).

    Standard output and standard error are wrapped for the run in `safe_text.SafeStream`, the
    one boundary every line the tool prints passes through: no line from a config or a
    commit can start a CI workflow command, and a stream that cannot encode a character
    gets its ASCII spelling. SIGTERM is handled as Ctrl-C is: workers stop, status 130.
    """
    from phi_policy.safe_text import SafeStream

    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    previous = _on_sigterm()
    try:
        return _run(argv)
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        sys.stdout, sys.stderr = out, err
        _restore_sigterm(previous)


def _on_sigterm() -> Any:
    """Make SIGTERM (a CI job cancelled, `kill`) interrupt the run like Ctrl-C, so that
    worker processes are stopped and nothing is left half-written; the old handler, or None
    when this is not the main thread (signals can only be set there)."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


def _run(argv: list[str] | None = None) -> int:
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        # A shell asking for completions (see phi_policy.commands.shell_completion): click's
        # main() would answer it, but this boundary invokes the command without main().
        instruction = os.environ.get("_PHI_POLICY_COMPLETE")
        if instruction:
            from phi_policy.commands.shell_completion import complete

            return complete(cli, instruction)
        # make_context + invoke is click's main() without its Ctrl-C handling, which prints a
        # blank line before raising Abort: an interruption here is exactly one line.
        args = list(argv if argv is not None else sys.argv[1:])
        with cli.make_context("phi-policy", args) as ctx:
            result: Any = cli.invoke(ctx)
    except PhiPolicyError as error:
        click.echo(f"phi-policy: error: {error.render()}", err=True)
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("phi-policy: interrupted", err=True)
        return EXIT_INTERRUPTED
    except KeyboardInterrupt:
        click.echo("phi-policy: interrupted", err=True)
        return EXIT_INTERRUPTED
    except click.ClickException as error:
        error.show()
        return EXIT_INPUT if error.exit_code == 2 else error.exit_code
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except BrokenPipeError:
        return 0
    except Exception as error:  # the boundary: a bug must not show a wall of traceback
        if debug:
            raise
        click.echo(
            f"phi-policy: internal error: {type(error).__name__}: {error}\n"
            f"This is a bug in phi-policy {__version__}. Run again with --debug for the "
            f"traceback and report it at {REPORT_BUG}",
            err=True,
        )
        return EXIT_INTERNAL
    return int(result or 0)
