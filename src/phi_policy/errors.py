"""Typed errors, each mapped to an exit status at the one boundary in `phi_policy.cli`.

Exit status (every command): 0 ran and every gate holds; 1 a gate failed; 2 could not run
(bad arguments, unreadable or invalid input, git problems); 3 internal error; 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence

from phi_policy.model import Problem

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class PhiPolicyError(Exception):
    """An error the user can act on: printed as one message, never as a traceback."""

    exit_code = EXIT_INPUT

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def render(self) -> str:
        return self.message if not self.hint else f"{self.message}\n  hint: {self.hint}"


class UsageError(PhiPolicyError):
    """Bad arguments or options."""


class InputError(PhiPolicyError):
    """The config could not be read or is invalid; carries every problem found."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    def render(self) -> str:
        from phi_policy.problems_format import render_problem

        if not self.problems:
            return self.message
        rendered = [render_problem(p) for p in self.problems]
        if all(line in self.message for line in rendered):  # the loader's message lists them
            return self.message
        return "\n".join([self.message, *rendered])


class PackError(PhiPolicyError):
    """A control pack is broken: a duplicate id, bad metadata, an import that failed."""


class GitError(PhiPolicyError):
    """The repository, a revision or an object could not be read."""
