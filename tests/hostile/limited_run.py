"""A small fork server that runs charter-check on many cases, each case in its own child process
under hard limits and a wall-clock timeout, and prints what each command did as one JSON list.

Usage: ``python limited_run.py MEMORY_BYTES FILE_BYTES SECONDS_PER_COMMAND`` with a JSON list of
cases on stdin, each ``{"cwd": FOLDER, "commands": [{"args": [...], "stdin": "..."}]}``.

The server imports charter-check once; each case then runs in a child forked from it, which sets
its limits, moves to the case's folder and runs the case's commands one after another through the
tool's real entry point (``charter_check.launch.main``), exactly as typed on a command line. Starting
Python once instead of once per command keeps the corpus quick enough to run on every commit.

Each command has SECONDS_PER_COMMAND of wall-clock time (an interval timer in the child) and the
child as a whole that much CPU time per command; a child that outlives all its commands' time is
killed. A command that runs out of time, a child that dies, and anything that escapes the entry
point (with its traceback) are all reported.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from importlib import import_module
from typing import Any

_WARM = (
    "charter_check.launch",
    "charter_check.cli",
    "charter_check.commands.validate",
    "charter_check.commands.report",
    "charter_check.commands.assess",
    "charter_check.commands.init",
)


class CommandTimedOut(BaseException):
    """Raised in the child when a command overruns its time. A BaseException, so that the tool's
    own handling of unexpected errors does not turn it into an ordinary exit code."""


def main() -> None:
    memory_bytes, file_bytes, seconds = (int(value) for value in sys.argv[1:4])
    cases = json.load(sys.stdin)
    _warm_up()
    results = [run_case(case, (memory_bytes, file_bytes), seconds) for case in cases]
    sys.stdout.write(json.dumps(results))


def _warm_up() -> None:
    for name in _WARM:
        with contextlib.suppress(ImportError):
            import_module(name)
    from charter_check.reading.loading import load_charter

    load_charter(None)  # the bundled charter, parsed once and kept by every child


def run_case(case: dict[str, Any], limits: tuple[int, int], seconds: int) -> dict[str, Any]:
    """Run one case's commands in a child process; its outcomes, or why it has none."""
    timeout = seconds * len(case["commands"])
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read_end)
        _child(case, (*limits, timeout), seconds, write_end)
    os.close(write_end)
    received = _read_until(read_end, time.monotonic() + timeout + 5)
    if received is None:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        return {"broken": f"no answer within {timeout}s"}
    _, status = os.waitpid(child, 0)
    if status != 0 or not received:
        return {"broken": f"the process died (wait status {status})"}
    outcome: dict[str, Any] = json.loads(received)
    return outcome


def _child(case: dict[str, Any], limits: tuple[int, int, int], seconds: int, write_end: int) -> None:
    try:
        set_limits(*limits)
        os.chdir(case["cwd"])
        os.environ["HOME"] = case["cwd"]  # configuration is looked for up to the home folder
        signal.signal(signal.SIGALRM, _out_of_time)
        outcomes = [
            run_command(command["args"], command.get("stdin", ""), seconds) for command in case["commands"]
        ]
        data = json.dumps({"outcomes": outcomes}).encode()
    except BaseException:
        data = json.dumps({"broken": traceback.format_exc()}).encode()
    with os.fdopen(write_end, "wb") as stream:
        stream.write(data)
    os._exit(0)


def _out_of_time(signum: int, frame: object) -> None:
    raise CommandTimedOut


def set_limits(memory_bytes: int, file_bytes: int, cpu_seconds: int) -> None:
    for limit, value in (
        (resource.RLIMIT_AS, memory_bytes),
        (resource.RLIMIT_FSIZE, file_bytes),
        (resource.RLIMIT_CPU, cpu_seconds),
        (resource.RLIMIT_CORE, 0),
    ):
        resource.setrlimit(limit, (value, value))


def _read_until(descriptor: int, deadline: float) -> bytes | None:
    """Everything written to ``descriptor`` until it closes, or None at the deadline."""
    chunks: list[bytes] = []
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([descriptor], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(descriptor, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(descriptor)


def run_command(args: list[str], stdin: str, seconds: int) -> dict[str, Any]:
    """One command line through the real entry point, with its stdin, stdout, stderr and exit
    code, or ``timed_out`` when it overran ``seconds``."""
    from charter_check.launch import main as charter_check

    stdout, stderr = io.StringIO(), io.StringIO()
    sys.argv = ["charter-check", *args]
    sys.stdin = io.StringIO(stdin)
    code, timed_out = 0, False
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            charter_check()
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
        except CommandTimedOut:
            timed_out = True
        except BaseException:
            stderr.write(traceback.format_exc())
            code = -2
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"code": code, "stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "timed_out": timed_out}


if __name__ == "__main__":
    main()
