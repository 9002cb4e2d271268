"""Checking many manifests on several processors at once, with the standard library's process pool.

Reading a manifest (its YAML, its evidence), assessing it and rendering it takes a few
milliseconds, most of it in the YAML parser. An organisation that checks a thousand manifests in
one run saves most of that time by sharing them among the machine's processors. Each worker
checks a manifest and renders it in the output format there and then, so what comes back is a few
lines of text and a verdict, never the assessment: results are small to send, cheap to keep, and
written out as they come, in the order the manifests were given, so the output is the same however
many processes ran.
"""

from __future__ import annotations

import gc
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")

PARALLEL_FROM = 100
"""Share the work among processes from this many manifests; below it, starting them costs about
what it saves (measured on two processors: even at 50 manifests)."""
MAX_PROCESSES = 8
CHUNKS_PER_PROCESS = 32
"""Manifests are handed to the workers in chunks: the work divided into this many per process,
small enough that the output and the progress bar move steadily and that no worker waits long
for the others at the end (a chunk of a thousand manifests' share is about 15 of them, 60 ms of
work), large enough that handing them over costs little beside checking them."""


def usable_processors() -> int:
    """The processors this process may run on (fewer than the machine has, in a limited container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not offered on macOS and Windows
        return os.cpu_count() or 1


def processes_for(count: int, jobs: int | None) -> int:
    """How many worker processes should check ``count`` manifests (1: none, this process does it):
    ``jobs`` when given (0 for one per processor), else one per processor when there are enough
    manifests to be worth it."""
    if jobs is None:
        wanted = usable_processors() if count >= PARALLEL_FROM else 1
    else:
        wanted = jobs or usable_processors()
    return max(1, min(wanted, MAX_PROCESSES, count))


def map_in_processes(
    function: Callable[[Item], Result], items: Sequence[Item], processes: int
) -> Iterator[Result]:
    """``function`` applied to each item, in ``processes`` processes (in this one when 1), the
    results given back in item order as they are ready. ``function`` must be importable by name
    (a module-level function, or a partial of one) and its results small to send."""
    if processes <= 1:
        yield from map(function, items)
        return
    chunk = max(1, len(items) // (processes * CHUNKS_PER_PROCESS))
    context = _context()
    forked = context.get_start_method() == "fork"
    if forked:
        # What is loaded by now (modules, the charter) is kept for the whole run: the workers'
        # garbage collectors need not look through it again and again, nor touch (and so copy)
        # the memory they share with this process.
        gc.freeze()
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 (only when there are workers to start)

    executor = ProcessPoolExecutor(processes, mp_context=context, initializer=_start_worker)
    try:
        yield from executor.map(function, items, chunksize=chunk)
    finally:  # also when the caller stops early, or is interrupted: no worker is left running
        executor.shutdown(wait=True, cancel_futures=True)
        if forked:
            gc.unfreeze()


def _context() -> BaseContext:
    """Fork where it is safe (Linux, with no other thread running): the workers then start with
    the modules and the charter already loaded. Elsewhere, start fresh interpreters."""
    import multiprocessing  # noqa: PLC0415 (only when there are workers to start)

    if (
        os.name == "posix"
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker() -> None:
    """Ctrl-C reaches every process of the terminal's group, and a cancelled CI job may stop the
    whole group: the parent alone handles both (it stops the pool and reports the interruption
    once), so the workers ignore them and finish the chunk in hand."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
