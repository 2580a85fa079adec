"""Worker processes: one task over many items on the machine's cores, results in the items' order.

Fleet mode (a config per item) and history (a distinct config version per item) both spend
their time in CPU-bound Python (YAML, validation, controls), which threads cannot spread, so
the work goes to a ProcessPoolExecutor. What every worker needs (the control catalog, the
settings) is the *state*: a forked worker inherits the parent's, already loaded; a spawned
worker (macOS, Windows, a host with threads) makes its own with `rebuild`, once.

A worker ignores SIGINT, so Ctrl-C reaches only the parent, which cancels what has not
started, waits for the items in hand (milliseconds), and lets the interruption end the run:
no orphaned worker, and since results come back only when all are in, nothing half-written.
SIGTERM (a cancelled CI job) takes the same way: the CLI turns it into KeyboardInterrupt in
the parent, and a worker keeps SIGTERM's default, so that the pool can still end it. SIGINT
and SIGTERM are blocked while the workers start, so none of them can be interrupted before
it has set its handlers; a signal in that moment is delivered to the parent right after.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from phi_policy.collector import collector_paused

if TYPE_CHECKING:  # multiprocessing is imported only when workers start (about 15 ms)
    from concurrent.futures import Executor, ProcessPoolExecutor

T = TypeVar("T")
R = TypeVar("R")

#: The state of the current run, set in the parent before the workers fork (a forked worker
#: inherits it) and by `_start` in a spawned worker; `_token` names the run it belongs to.
_state: Any = None
_token: str | None = None
_runs = itertools.count(1)


def default_jobs() -> int:
    """The machine's cores: os.cpu_count(), or fewer where the OS (Linux) says this process
    may use fewer, as in a container limited to some CPUs."""
    allowed = getattr(os, "sched_getaffinity", None)
    if allowed is not None:
        try:
            return max(1, len(allowed(0)))
        except OSError:
            pass
    return max(1, os.cpu_count() or 1)


def run(
    task: Callable[[Any, T], R],
    items: Sequence[T],
    state: Any,
    *,
    workers: int | None,
    min_items: int = 2,
    rebuild: Callable[[], Any] | None = None,
    chunk: int | None = None,
    on_done: Callable[[int], None] | None = None,
) -> list[R]:
    """`task(state, item)` for every item, in up to `workers` processes (None: the machine's
    cores), in the items' order; in this process when there are fewer than `min_items`
    items, since starting workers would then cost more than it saves.

    `task` and `rebuild` must be picklable (module-level functions, or partials of them) for
    spawned workers; without `rebuild` the work runs in this process wherever workers could
    not inherit `state` by forking. `chunk` items go to a worker at a time (default: about
    eight messages per worker, at most 16 items each): fewer, larger messages when each item
    takes only milliseconds. `on_done(n)` is called in this process as n more items are
    done (a progress bar).
    """
    if len(items) < min_items:
        workers = 1
    elif workers is None:
        workers = default_jobs()
    if chunk is None:
        chunk = max(1, min(16, len(items) // (workers * 8)))
    groups = [list(items[i:i + chunk]) for i in range(0, len(items), chunk)]
    workers = min(workers, len(groups))
    context = _context() if workers > 1 else None
    with collector_paused():
        if context is None or (rebuild is None and context.get_start_method() != "fork"):
            results = []
            for item in items:
                results.append(task(state, item))
                if on_done is not None:
                    on_done(1)
            return results
        return _in_workers(task, groups, state, workers, context, rebuild, on_done)


def _in_workers(
    task: Callable[[Any, T], R],
    groups: Sequence[Sequence[T]],
    state: Any,
    workers: int,
    context: Any,
    rebuild: Callable[[], Any] | None,
    on_done: Callable[[int], None] | None,
) -> list[R]:
    from concurrent.futures import ProcessPoolExecutor

    global _state, _token
    token = f"{os.getpid()}-{next(_runs)}"
    _state, _token = state, token
    executor: ProcessPoolExecutor | None = None
    try:
        with _sigint_blocked():
            executor = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_start, initargs=(token, rebuild)
            )
            futures = [executor.submit(_batch, task, group) for group in groups]
        results: list[R] = []
        for future in futures:
            done = future.result()
            results.extend(done)
            if on_done is not None:
                on_done(len(done))
    except BaseException:
        if executor is not None:
            _stop(executor)
        raise
    finally:
        _state, _token = None, None
    executor.shutdown()
    return results


def _context() -> Any:
    """fork where it is safe and cheap (Linux, and this process has a single thread): the
    workers start at once and inherit the state. Elsewhere spawn, which is safe everywhere:
    each worker imports phi-policy and rebuilds the state itself."""
    import multiprocessing

    if (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (they stay pending) while worker processes start: they
    inherit the mask, so none can be interrupted before `_start` has set its handlers."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _start(token: str, rebuild: Callable[[], Any] | None) -> None:
    """In each worker: ignore Ctrl-C (the parent handles it), then get the state: inherited
    from a fork of this run, or rebuilt."""
    global _state, _token
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's "interrupt" handler
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
    if _token != token:
        if rebuild is None:
            raise RuntimeError("a worker that did not fork needs a way to rebuild its state")
        _state, _token = rebuild(), token


def _batch(task: Callable[[Any, T], R], group: Sequence[T]) -> list[R]:
    return [task(_state, item) for item in group]


def _stop(executor: Executor) -> None:
    """Cancel what has not started and wait for the workers to finish what they hold and
    exit, deaf to a second Ctrl-C meanwhile (a few milliseconds)."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    term = signal.signal(signal.SIGTERM, signal.SIG_IGN) if main else None
    try:
        executor.shutdown(wait=True, cancel_futures=True)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
            signal.signal(signal.SIGTERM, term)
