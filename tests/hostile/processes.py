"""The real ``charter-check`` program in processes of its own, for the hostile cases: one command
at a time (``charter_check``), one started beside another (``start`` and ``finish``), or a whole
corpus of cases side by side (``run_cases``). Each gives an ``Outcome``.

A hostile input may try to make the tool slow, greedy or talkative, or hang it for ever. Every run
has a wall-clock timeout, so a run that hangs fails the test instead of stopping the suite. Under
``Limits`` (asked for with ``limits=LIMITS``, and always for a corpus) the address space, the CPU
time and the size of any file the process writes are capped too: running out of them is a failing
test instead of a stuck or crashed CI job. Output must be UTF-8 (it is decoded strictly, so a stray
byte of a file name fails the test).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LIMITED_RUN = Path(__file__).with_name("limited_run.py")
SECONDS = 20
Argument = str | bytes | Path

# What no line of output may hold raw: C0 and C1 controls (a line break only ends a line), DEL,
# bidirectional controls and invisible marks, and lone surrogates.
HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


@dataclass(frozen=True)
class Limits:
    """How much one run may take: address space, the size of any file it writes, and the seconds
    each command has (of CPU time, and of wall-clock time in a corpus)."""

    memory_bytes: int = 512 * 1024 * 1024
    written_file_bytes: int = 16 * 1024 * 1024
    seconds_per_command: int = 5


LIMITS = Limits()


@dataclass(frozen=True)
class Outcome:
    """What one command did: its exit code and everything it printed."""

    command: tuple[str, ...]
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def describe(self) -> str:
        """For assertion messages: the command and what it printed, shortened."""
        return f"charter-check {' '.join(self.command)} -> exit {self.code}\n{self.output[:3000]}"


class LimitBroken(AssertionError):
    """The tool ran out of time or memory, or died, on one case."""


def environment(**extra: str) -> dict[str, str]:
    keep = {"PATH", "LANG", "LC_ALL", "SYSTEMROOT", "VIRTUAL_ENV"}
    variables = {name: value for name, value in os.environ.items() if name in keep}
    variables.update(
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8:strict",  # a byte that is not UTF-8 cannot slip out unnoticed
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=os.pathsep.join(path for path in sys.path if path),
    )
    variables.update(extra)
    return variables


def charter_check(
    *args: Argument,
    cwd: Path,
    stdin: bytes | str = b"",
    seconds: float = SECONDS,
    env: dict[str, str] | None = None,
    user: Callable[[], None] | None = None,
    limits: Limits | None = None,
) -> Outcome:
    """Run ``charter-check ARGS`` from ``cwd``, under ``limits`` when given; fails the test if it
    overruns ``seconds`` or prints anything that is not UTF-8."""
    completed = subprocess.run(
        [sys.executable, "-m", "charter_check", *(os.fsencode(arg) for arg in args)],
        cwd=cwd,
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=seconds,
        env=env or environment(HOME=str(cwd)),
        preexec_fn=_before_running(limits, user),
        check=False,
    )
    shown = tuple(os.fsdecode(os.fsencode(arg)) for arg in args)
    return Outcome(shown, completed.returncode, completed.stdout.decode(), completed.stderr.decode())


def _before_running(limits: Limits | None, user: Callable[[], None] | None) -> Callable[[], None] | None:
    """What the child process does before the program starts: take on the limits, run as another
    user. Only from a test that starts no threads, as the child does it between fork and exec."""
    if limits is None and user is None:
        return None
    from tests.hostile.limited_run import set_limits  # resource limits exist on POSIX systems only

    def prepare() -> None:
        if limits is not None:
            set_limits(limits.memory_bytes, limits.written_file_bytes, limits.seconds_per_command)
        if user is not None:
            user()

    return prepare


def start(*args: Argument, cwd: Path, stdin: bytes) -> subprocess.Popen[bytes]:
    """Start ``charter-check ARGS`` with piped ``stdin``, to run beside another."""
    process = subprocess.Popen(
        [sys.executable, "-m", "charter_check", *(os.fsencode(arg) for arg in args)],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(HOME=str(cwd)),
    )
    assert process.stdin is not None
    process.stdin.write(stdin)  # small: the pipe holds it all before the program reads a line
    process.stdin.close()
    process.stdin = None  # given in full; communicate() has nothing more to send
    return process


def finish(process: subprocess.Popen[bytes], args: Sequence[str]) -> Outcome:
    stdout, stderr = process.communicate(timeout=SECONDS * 3)
    return Outcome(tuple(args), process.returncode, stdout.decode(), stderr.decode())


@dataclass(frozen=True)
class Command:
    """One command line of a case in a corpus, with what to type at it."""

    args: tuple[str, ...]
    stdin: str = ""


def run_cases(cases: Sequence[tuple[Sequence[Command], Path]]) -> list[list[Outcome] | LimitBroken]:
    """Run each case's commands from its folder, each case in its own child process under
    ``LIMITS``; the outcomes of each case, or the limit it broke. The cases are shared between a
    few servers running side by side (``limited_run.py``), each of which starts Python once, so
    that a corpus of hundreds of commands is quick enough to run on every commit."""
    workers = max(1, min(4, os.cpu_count() or 1))
    shares = [list(range(start, len(cases), workers)) for start in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        answers = list(pool.map(lambda share: _serve([cases[index] for index in share]), shares))
    results: dict[int, list[Outcome] | LimitBroken] = {}
    for share, answer in zip(shares, answers, strict=True):
        results.update(zip(share, answer, strict=True))
    return [results[index] for index in range(len(cases))]


def _serve(cases: Sequence[tuple[Sequence[Command], Path]]) -> list[list[Outcome] | LimitBroken]:
    spec = [
        {"cwd": str(cwd), "commands": [{"args": list(c.args), "stdin": c.stdin} for c in commands]}
        for commands, cwd in cases
    ]
    seconds = LIMITS.seconds_per_command
    limits = [str(LIMITS.memory_bytes), str(LIMITS.written_file_bytes), str(seconds)]
    completed = subprocess.run(
        [sys.executable, str(LIMITED_RUN), *limits],
        input=json.dumps(spec).encode(),
        capture_output=True,
        timeout=30 + sum(seconds * len(commands) + 5 for commands, _ in cases),
        env=environment(),
        check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(completed.stderr.decode("utf-8", errors="replace")[-3000:])
    answers = json.loads(completed.stdout)
    return [_outcomes(commands, answer) for (commands, _), answer in zip(cases, answers, strict=True)]


def _outcomes(commands: Sequence[Command], result: dict[str, Any]) -> list[Outcome] | LimitBroken:
    if "broken" in result:
        return LimitBroken(f"{result['broken']}: {[' '.join(c.args) for c in commands]}")
    late = [c.args for c, outcome in zip(commands, result["outcomes"], strict=True) if outcome["timed_out"]]
    if late:
        return LimitBroken(
            f"no answer within {LIMITS.seconds_per_command}s: charter-check {' '.join(late[0])}"
        )
    return [
        Outcome(command.args, outcome["code"], outcome["stdout"], outcome["stderr"])
        for command, outcome in zip(commands, result["outcomes"], strict=True)
    ]


def one_error_line(outcome: Outcome) -> str:
    """Exit 2 with exactly one line on stderr, ``charter-check: error: ...``, and no traceback."""
    assert outcome.code == 2, outcome.describe()
    assert "Traceback" not in outcome.output, outcome.describe()
    [line] = outcome.stderr.splitlines()
    assert line.startswith("charter-check: error: "), outcome.describe()
    return line


def no_crash(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.output, outcome.describe()
    assert "internal error" not in outcome.output, outcome.describe()
    assert outcome.code in (0, 1, 2), outcome.describe()
