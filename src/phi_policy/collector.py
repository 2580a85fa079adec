"""Python's cycle collector paused around a burst of allocation that makes no reference cycle.

Building a config (a few thousand values, locations and frames) and piling up the results of
many configs make no cycles, so the collector has nothing to find in them; left on, it walks
them, and every object the caller keeps alive, again and again: a third more time per config
when many stay loaded (history keeps every version it read); a third of a combined diff of
1,000 configs, and a tenth of a long history, spent on results already received.
Objects are still freed as usual by reference counting, and the collector runs again at its
next threshold once it is back on.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the `with` block, and on again after only if it was on before:
    a caller that turned it off keeps it off."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
