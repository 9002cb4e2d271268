"""Checking many manifests on several processors at once.

Reading a manifest (its YAML, its evidence) and assessing it takes a few milliseconds, most of it
in the YAML parser. An organisation that checks a thousand manifests in one run saves most of that
time by sharing them among the machine's processors. Each worker process checks a share of the
manifests and sends back what it found; the results come back in the order the manifests were
given, so the output is the same however many processes ran.

An assessment refers to its charter, principle by principle and criterion by criterion. Sending a
copy of the charter back with every assessment would cost more than the assessment itself, so
charter objects travel as references (the charter's id and fingerprint, and the principle or
criterion id) and are resolved, in the parent process, to the charter it loaded itself.
"""

from __future__ import annotations

import dataclasses
import gc
import io
import operator
import os
import pickle
import signal
import threading
from collections import deque
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from charter_check.model.assessment import CriterionResult, EvidenceItem
from charter_check.model.charter import Charter, Criterion, Principle
from charter_check.model.findings import Finding

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

Item = TypeVar("Item")
Result = TypeVar("Result")
Kept = TypeVar("Kept")

PARALLEL_FROM = 100
"""Share the work among processes from this many manifests; below it, starting them costs about
what it saves (measured on two processors: even at 50 manifests)."""
MAX_PROCESSES = 8
SHARES_PER_WORKER = 16
"""A share is the work left divided by this many per process: small enough that the progress bar
moves smoothly and few results wait in memory, large enough that sending it costs little beside
checking it."""
SHARES_AHEAD = 2
"""Shares given to each worker ahead of time: one to work on, one ready for when it is done."""


def usable_processors() -> int:
    """The processors this process may run on (fewer than the machine has, in a limited container)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not offered on macOS and Windows
        return os.cpu_count() or 1


def processes_for(count: int, jobs: int | None) -> int:
    """How many processes (this one included) should check ``count`` manifests: ``jobs`` when given
    (0 for one per processor), else one per processor when there are enough manifests to be worth it."""
    if jobs is None:
        wanted = usable_processors() if count >= PARALLEL_FROM else 1
    else:
        wanted = jobs or usable_processors()
    return max(1, min(wanted, MAX_PROCESSES, count))


def map_in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    processes: int,
    resolve_charter: Callable[[str, str], Charter],
    advance: Callable[[int], None],
) -> list[Result]:
    """``function`` applied to each item, in ``processes`` processes; the results in item order.

    This process is one of them: it checks items itself, reading the others' results as they
    come in between items, rather than wait idle and then compete with the workers for the
    processors. ``function`` must be importable by name (a module-level function, or a partial of
    one); ``resolve_charter(id, sha256)`` finds this process's copy of a charter the workers'
    results refer to; ``advance(n)`` is called as ``n`` more items are done."""
    frozen_already = gc.get_freeze_count() > 0  # by the caller, who would not want them collected
    try:
        if processes <= 1:
            return [_kept(function(item), advance) for item in items]
        return _in_processes(function, items, processes, resolve_charter, advance)
    finally:
        if not frozen_already:
            gc.unfreeze()  # the results are the caller's now, collected as usual


def _in_processes(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    processes: int,
    resolve_charter: Callable[[str, str], Charter],
    advance: Callable[[int], None],
) -> list[Result]:
    """Workers take shares from the front of the list, two each at a time; this process takes
    items one by one from the back, and reads the workers' results between them. The two meet
    wherever the work has gone fastest, so a worker given less of the processor by a busy machine
    (or this process, busy reading results) holds nobody up. Shares shrink as the work left
    shrinks, so that at the end nobody waits long for the last of them."""
    workers = processes - 1
    front, back = 0, len(items)  # items[front:back] are not yet taken
    sent: deque[Any] = deque()  # the shares given to workers, oldest first
    received: list[list[Result]] = []
    taken_back: list[Result] = []
    context = _context()
    gc.freeze()  # forked workers then leave the parent's objects alone, rather than copy them to count them
    pool = context.Pool(workers, initializer=_start_worker)
    with pool:

        def send() -> None:
            nonlocal front
            while len(sent) < SHARES_AHEAD * workers and front < back:
                size = max(1, (back - front) // (processes * SHARES_PER_WORKER))
                share = list(items[front : front + size])
                sent.append(pool.apply_async(_run_share, (function, share)))
                front += size

        def receive(wait: bool) -> None:
            while sent and (wait or sent[0].ready()):
                pickled = sent.popleft().get()
                share = _CharterAwareUnpickler(io.BytesIO(pickled), resolve_charter).load()
                received.append(_kept(share, advance, len(share)))
                send()

        send()
        while front < back:
            back -= 1
            taken_back.append(_kept(function(items[back]), advance))
            receive(wait=False)
        receive(wait=True)
    return [result for share in received for result in share] + taken_back[::-1]


def _kept(results: Kept, advance: Callable[[int], None], count: int = 1) -> Kept:
    """Results as they are kept to the end of the run: counted done, and set aside from the cyclic
    garbage collector. They hold no reference cycles (a test checks), and without this each
    collection would scan every result so far, again and again as they accumulate: reading the
    results of other processes took 2.5 times as long (measured at a thousand manifests)."""
    gc.freeze()
    advance(count)
    return results


def _context() -> BaseContext:
    """Fork where it is safe (Linux, with no other thread running): the workers then start with
    the modules and the charter already loaded. Elsewhere, start fresh interpreters."""
    import multiprocessing  # noqa: PLC0415 (only when there are workers to start)

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1 and os.name == "posix":
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _start_worker() -> None:
    """Ctrl-C reaches every process of the terminal's group; the parent alone handles it (it
    stops the pool), so that no worker is left waiting on a queue. A worker stopped by the parent
    (SIGTERM) ends quietly, rather than with the parent's handler, which reports an interruption."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_share(function: Callable[[Item], Any], share: list[Item]) -> bytes:
    results = [function(item) for item in share]
    buffer = io.BytesIO()
    _CharterAwarePickler(buffer, results).dump(results)
    return buffer.getvalue()


class _CharterAwarePickler(pickle.Pickler):
    """Pickles charter objects as references, and slotted result records field by field (they
    would otherwise go through dataclasses' generic, slow ``__getstate__`` and ``__setstate__``).
    Both are reductions, which pickle makes once per object however often it is referred to.

    The reductions do not refer to the pickler itself: a pickler in a reference cycle would keep
    its memo, and with it every result it pickled, until the next garbage collection."""

    def __init__(self, buffer: io.BytesIO, results: list[Any]) -> None:
        super().__init__(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        owners: dict[int, Charter] = {}
        for result in results:
            charter = getattr(result, "charter", None)
            if isinstance(charter, Charter) and id(charter) not in owners:
                owners[id(charter)] = charter
                owners.update({id(part): charter for part in charter.principles})
                owners.update({id(part): charter for part in charter.criteria})
        reference = partial(_reference, owners)
        self.dispatch_table = {
            Charter: reference,
            Principle: reference,
            Criterion: reference,
            **dict.fromkeys(_SLOTTED_RESULTS, _by_fields),
        }


def _reference(
    owners: dict[int, Charter], part: Charter | Principle | Criterion
) -> tuple[Any, tuple[str, ...]]:
    """A charter object as a reference: the charter ``owners`` says it is part of, and its own id."""
    charter = owners.get(id(part))
    if charter is None:
        raise pickle.PicklingError(f"'{part.id}' is not part of a charter the results refer to")
    kind = type(part).__name__.lower()
    return charter_part, (kind, charter.id, charter.sha256, "" if part is charter else part.id)


_SLOTTED_RESULTS = (CriterionResult, EvidenceItem, Finding)


def _by_fields(record: Any) -> tuple[Any, tuple[Any, ...]]:
    """Rebuild by calling the class with each field in order."""
    fields_of = _FIELDS_OF.get(type(record))
    if fields_of is None:
        names = [field.name for field in dataclasses.fields(record)]
        fields_of = _FIELDS_OF[type(record)] = operator.attrgetter(*names)
    return type(record), fields_of(record)


_FIELDS_OF: dict[type, operator.attrgetter[Any]] = {}


def charter_part(kind: str, charter_id: str, sha256: str, part_id: str) -> object:
    """Stands, in a pickle, for a charter object; the unpickler replaces it with its own lookup."""
    raise pickle.UnpicklingError(f"{kind} '{part_id}' of charter {charter_id} ({sha256}) not resolved")


class _CharterAwareUnpickler(pickle.Unpickler):
    """Resolves charter references to this process's charter objects. What ``find_class`` returns
    is kept in the unpickler's memo, so it must not refer to the unpickler (see the pickler)."""

    def __init__(self, buffer: io.BytesIO, resolve_charter: Callable[[str, str], Charter]) -> None:
        super().__init__(buffer)
        self._resolved_part = partial(_resolved_part, resolve_charter)

    def find_class(self, module: str, name: str) -> Any:
        if module == __name__ and name == charter_part.__name__:
            return self._resolved_part
        return super().find_class(module, name)


def _resolved_part(
    resolve_charter: Callable[[str, str], Charter], kind: str, charter_id: str, sha256: str, part_id: str
) -> object:
    charter = resolve_charter(charter_id, sha256)
    part: object | None = None
    if kind == "charter":
        part = charter
    elif kind == "principle":
        part = charter.principle(part_id)
    elif kind == "criterion":
        part = charter.criterion(part_id)
    if part is None:
        raise pickle.UnpicklingError(f"a result refers to {kind} '{part_id}', not in the charter")
    return part
