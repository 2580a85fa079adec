"""phi_policy.fleet.workers: the process pool fleet mode, history, validate and diff share.

Its callers' tests check that each gives the same report with workers as without; these pin
the pool's own promises: order, where the work runs, the progress count, and that the cycle
collector comes back on whatever happens.
"""

from __future__ import annotations

import gc
import multiprocessing
import os

import pytest

from phi_policy.fleet import workers


def _times(state: int, item: int) -> tuple[int, int]:
    """The item scaled by the state, and the process that did it."""
    return item * state, os.getpid()


def _fails(state: int, item: int) -> int:
    if item == 3:
        raise ValueError("item 3 is bad")
    return item


def test_results_come_back_in_order_from_forked_workers() -> None:
    done: list[int] = []
    found = workers.run(_times, list(range(40)), 3, workers=2, chunk=3, on_done=done.append)
    assert [value for value, _ in found] == [3 * i for i in range(40)]
    pids = {pid for _, pid in found}
    assert os.getpid() not in pids and len(pids) >= 1
    assert sum(done) == 40


def test_few_items_or_one_worker_run_in_this_process() -> None:
    for items, count, least in ((list(range(5)), 2, 6), (list(range(40)), 1, 2), ([7], 2, 2)):
        found = workers.run(_times, items, 2, workers=count, min_items=least)
        assert {pid for _, pid in found} == {os.getpid()}
        assert [value for value, _ in found] == [2 * i for i in items]


def test_no_workers_given_means_the_machines_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "default_jobs", lambda: 1)
    found = workers.run(_times, list(range(40)), 1, workers=None)
    assert {pid for _, pid in found} == {os.getpid()}
    monkeypatch.setattr(workers, "default_jobs", lambda: 2)
    found = workers.run(_times, list(range(40)), 1, workers=None)
    assert os.getpid() not in {pid for _, pid in found}


def test_without_a_way_to_rebuild_the_state_spawned_workers_are_not_started(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A state that only a fork can carry (a catalog from a folder that is gone) stays here."""
    monkeypatch.setattr(workers, "_context", lambda: multiprocessing.get_context("spawn"))
    found = workers.run(_times, list(range(40)), 1, workers=2)
    assert {pid for _, pid in found} == {os.getpid()}


@pytest.mark.parametrize("count", [1, 2])
def test_a_failing_task_raises_and_the_collector_is_back_on(count: int) -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError, match="item 3 is bad"):
        workers.run(_fails, list(range(40)), None, workers=count)
    assert gc.isenabled()
    assert workers._state is None and workers._token is None


def test_the_collector_is_paused_only_while_results_pile_up() -> None:
    seen: list[bool] = []
    workers.run(lambda state, item: seen.append(gc.isenabled()), [1, 2, 3], None, workers=1)
    assert seen == [False, False, False]
    assert gc.isenabled()
