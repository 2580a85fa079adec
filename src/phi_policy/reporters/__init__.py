"""Reporters: pure functions `render(subject, options) -> str`, one module per format.

The CLI alone writes the string to a stream or file. Which formats exist, for what, and which
function renders each is said once, in `phi_policy.reporters.registry`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from phi_policy.model import Assessment


@dataclass(frozen=True)
class RenderOptions:
    """What a reporter may be told besides the assessment."""

    color: bool = False
    verbose: int = 0
    max_recommendations: int = 10


Renderer = Callable[[Assessment, RenderOptions], str]
