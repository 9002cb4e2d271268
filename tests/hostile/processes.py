"""The real ``charter-check`` program in a process of its own, for the hostile cases that need
one: names the file system holds as bytes, pipes and devices that could make a run wait for ever,
two runs at once, another user. Output must be UTF-8 (it is decoded strictly, so a stray byte of a
file name fails the test), and every run has a time limit: a run that hangs fails, it does not
stop the suite.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.hostile.sandbox import Outcome

SECONDS = 20
Argument = str | bytes | Path

# What no line of output may hold raw: C0 and C1 controls (a line break only ends a line), DEL,
# bidirectional controls and invisible marks, and lone surrogates.
HIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)


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
) -> Outcome:
    """Run ``charter-check ARGS`` from ``cwd``; fails the test if it overruns ``seconds`` or
    prints anything that is not UTF-8."""
    completed = subprocess.run(
        [sys.executable, "-m", "charter_check", *(os.fsencode(arg) for arg in args)],
        cwd=cwd,
        input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
        capture_output=True,
        timeout=seconds,
        env=env or environment(HOME=str(cwd)),
        preexec_fn=user,  # only to run as another user, from a test that starts no threads
        check=False,
    )
    shown = tuple(os.fsdecode(os.fsencode(arg)) for arg in args)
    return Outcome(shown, completed.returncode, completed.stdout.decode(), completed.stderr.decode())


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
