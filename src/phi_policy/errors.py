"""Typed errors, each mapped to an exit status at the one boundary in `phi_policy.cli`.

Exit status (every command): 0 ran and every gate holds; 1 a gate failed; 2 could not run
(bad arguments, unreadable or invalid input, git problems); 3 internal error; 130 interrupted.
"""

from __future__ import annotations

from collections.abc import Sequence

from phi_policy.model import Location, Problem

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
    """The config could not be read or is invalid; carries every problem found.

    The message is a heading and `render` lists the problems under it, so each is printed
    once: the message must not repeat them.
    """

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)

    @classmethod
    def invalid_config(cls, path: str, problems: Sequence[Problem]) -> InputError:
        """ "cfg.yaml is not a valid config (2 problems):", with the problems in line order."""
        ordered = sorted(problems, key=lambda p: (p.location.line, p.location.col))
        count = f"{len(ordered)} problem" + ("s" if len(ordered) != 1 else "")
        return cls(f"{path} is not a valid config ({count}):", ordered)

    def render(self) -> str:
        from phi_policy.reporters.problems import render_problem

        if not self.problems:
            return self.message
        rendered = [render_problem(p) for p in self.problems]
        if all(line in self.message for line in rendered):  # the loader's message lists them
            return self.message
        return "\n".join([self.message, *rendered])


class UnreadableFile(InputError):
    """A config that could not be read at all (missing, a folder, no permission).

    It still carries its one problem (at line 1) for the reports that list problems, but it
    renders as one line and a hint: there is no line of the file to point at.
    """

    def __init__(self, path: str, reason: str, hint: str) -> None:
        problem = Problem(Location(path, 1, 1), f"cannot read the file: {reason}", hint=hint,
                          code="unreadable")
        super().__init__(f"{path}: cannot read the file: {reason}", [problem])
        self.hint = hint

    def render(self) -> str:
        return PhiPolicyError.render(self)


class PackError(PhiPolicyError):
    """A control pack is broken: a duplicate id, bad metadata, an import that failed."""


class GitError(PhiPolicyError):
    """The repository, a revision or an object could not be read."""
