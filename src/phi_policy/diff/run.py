"""What `phi-policy diff` does once its options are parsed: compare one config, or several.

One plain `--config` path (or none: phi-policy.yaml) is the single diff
(phi_policy.diff.single); several, a folder or a glob give the combined report
(phi_policy.diff.many), exactly as `check` tells one config from a fleet.
"""

from __future__ import annotations

from pathlib import Path

from phi_policy.config.discover import is_fleet
from phi_policy.diff.many import run_many
from phi_policy.diff.request import DiffRequest
from phi_policy.diff.single import run_one


def run_diff(request: DiffRequest, cwd: Path | None = None) -> int:
    """Compare, report, and return the exit status (see `run_one` and `run_many`)."""
    if is_fleet(request.configs):
        return run_many(request, cwd)
    return run_one(request, cwd)
