"""Running charter-check as a separate process under hard limits, in a throwaway project folder.

A hostile input may try to make the tool slow, greedy or talkative. The limits below turn that into
a failing test instead of a stuck or crashed CI job: the wall-clock timeout, the address-space and
CPU limits, and a cap on the size of any file the process writes are the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECONDS_PER_COMMAND = 5
MEMORY_BYTES = 512 * 1024 * 1024
WRITTEN_FILE_BYTES = 16 * 1024 * 1024
TODAY = "2026-11-28"

HOSTILE = Path(__file__).parent
CASES = HOSTILE / "cases"
EXAMPLE = HOSTILE.parents[1] / "examples" / "nhs-admissions-forecast"


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


@dataclass(frozen=True)
class Command:
    """One command line to run, with what to type at it."""

    args: tuple[str, ...]
    stdin: str = ""


class LimitBroken(AssertionError):
    """The tool ran out of time or memory, or died, on one case."""


def run_cases(cases: Sequence[tuple[Sequence[Command], Path]]) -> list[list[Outcome] | LimitBroken]:
    """Run each case's commands from its folder, each case in its own child process under the
    limits above; the outcomes of each case, or the limit it broke. The cases are shared between
    a few servers running side by side."""
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
    limits = [str(MEMORY_BYTES), str(WRITTEN_FILE_BYTES), str(SECONDS_PER_COMMAND)]
    completed = subprocess.run(
        [sys.executable, str(HOSTILE / "limited_run.py"), *limits],
        input=json.dumps(spec).encode(),
        capture_output=True,
        timeout=30 + sum(SECONDS_PER_COMMAND * len(commands) + 5 for commands, _ in cases),
        env=_environment(),
        check=False,
    )
    if completed.returncode != 0:
        raise AssertionError(completed.stderr.decode("utf-8", errors="replace")[-3000:])
    answers = json.loads(completed.stdout)
    return [_outcomes(commands, answer) for (commands, _), answer in zip(cases, answers, strict=True)]


def run_limited(commands: Sequence[Command], cwd: Path) -> list[Outcome]:
    """Run one case; raises LimitBroken when it overruns its time or memory, or dies."""
    [outcomes] = run_cases([(commands, cwd)])
    if isinstance(outcomes, LimitBroken):
        raise outcomes
    return outcomes


def _outcomes(commands: Sequence[Command], result: dict[str, Any]) -> list[Outcome] | LimitBroken:
    if "broken" in result:
        return LimitBroken(f"{result['broken']}: {[' '.join(c.args) for c in commands]}")
    late = [c.args for c, outcome in zip(commands, result["outcomes"], strict=True) if outcome["timed_out"]]
    if late:
        return LimitBroken(f"no answer within {SECONDS_PER_COMMAND}s: charter-check {' '.join(late[0])}")
    return [
        Outcome(command.args, outcome["code"], outcome["stdout"], outcome["stderr"])
        for command, outcome in zip(commands, result["outcomes"], strict=True)
    ]


def _environment() -> dict[str, str]:
    keep = {"PATH", "LANG", "LC_ALL", "SYSTEMROOT", "VIRTUAL_ENV"}
    environment = {name: value for name, value in os.environ.items() if name in keep}
    environment.update(
        NO_COLOR="1",
        TERM="dumb",
        PYTHONIOENCODING="utf-8",
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONPATH=os.pathsep.join(path for path in sys.path if path),
    )
    return environment


@dataclass
class Sandbox:
    """A folder holding a project (``project/``, with the example project's ``docs/`` as evidence)
    next to files the project must not reach (``outside/``), and a link from ``project/docs`` out
    to them."""

    root: Path
    project: Path = field(init=False)
    outside: Path = field(init=False)

    def __post_init__(self) -> None:
        self.project = self.root / "project"
        self.outside = self.root / "outside"
        self.project.mkdir(parents=True)
        shutil.copytree(EXAMPLE / "docs", self.project / "docs")
        self.outside.mkdir()
        (self.outside / "secret.md").write_text("not for the project\n", encoding="utf-8")
        shutil.copy(EXAMPLE / "charter.yaml", self.outside / "charter.yaml")
        (self.outside / "easy-charter.yaml").write_text(_EASY_CHARTER, encoding="utf-8")
        (self.project / "docs" / "escape.md").symlink_to(Path("..", "..", "outside", "secret.md"))

    @property
    def manifest(self) -> Path:
        return self.project / "charter.yaml"

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Every file under the sandbox (links not followed), with its size and modification time."""
        found: dict[str, tuple[int, int]] = {}
        for path in _walk(self.root):
            status = path.lstat()
            found[path.relative_to(self.root).as_posix()] = (status.st_size, status.st_mtime_ns)
        return found


def _walk(root: Path) -> Iterable[Path]:
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            yield Path(folder, name)


# A charter a hostile manifest would like to be judged by: one criterion, always met.
_EASY_CHARTER = """\
schema_version: 1
id: lcr-2025
title: Easy
version: "1.0"
published: 2025-01-01
publisher: Nobody
sources: [{title: Nothing}]
provenance: Made up.
profile: [{id: anything, question: Anything?, label: anything}]
principles:
  - number: 1
    id: easy
    title: Easy
    wording: summary
    statement: Nothing to do.
    criteria:
      - id: easy.nothing
        title: Nothing
        question: Nothing?
        action: Nothing.
        answer: evidence
        severity: warning
        sources: [{ref: none, type: guidance}]
"""


def cite(project: Path, references: list[str]) -> None:
    """Write a manifest citing ``references`` as the DPIA's evidence."""
    cited = "".join(f"      - {json.dumps(reference)}\n" for reference in references)
    (project / "charter.yaml").write_text(
        "charter: lcr-2025\nproject:\n  name: Evidence\n  organisation: Liverpool City Council\n"
        f"answers:\n  security.dpia:\n    answer: completed\n    evidence:\n{cited}",
        encoding="utf-8",
    )
