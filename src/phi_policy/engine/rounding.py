"""One rounding rule for every output that shows a score or a change of score.

Scores are shown with two decimals. A change between two scores is computed from the two
scores as shown, never from the unrounded ones, so a report's change always equals the
difference of the scores it prints beside it, and `history`, `diff` and the `--max-drop` gate
agree: 99.934 -> 97.955 shows as 99.93 -> 97.96 and changes by -1.97 everywhere (the
unrounded difference, -1.979, would round to -1.98).
"""

from __future__ import annotations

#: The decimals a score is shown and compared with.
PLACES = 2


def shown(score: float) -> float:
    """The score as shown: two decimals, and never -0.0."""
    return round(score, PLACES) + 0.0


def change(base: float | None, head: float | None) -> float | None:
    """head minus base, both as shown; None when either side has no score."""
    if base is None or head is None:
        return None
    return round(shown(head) - shown(base), PLACES) + 0.0
