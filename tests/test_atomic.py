"""Atomic writes: a file the tool writes appears whole or not at all. Interrupted at any point,
the previous file is left as it was; stopped in an ordinary way (an error, Ctrl-C, SIGTERM from a
cancelled CI job), no temporary file is left behind either. Checked for ``write_atomically`` and,
by stopping the real command line in the middle of a write, for every file the tool writes."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from charter_check.writing.atomic import write_atomically
from tests.conftest import EXAMPLES

PREVIOUS = "the previous contents, which must survive\n"
TODAY = "2026-11-28"


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".tmp"))


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_the_text_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    write_atomically(target, "één\r\nline two\n" * 1000)
    assert target.read_bytes() == ("één\r\nline two\n" * 1000).encode("utf-8")
    assert leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions_not_private_ones(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "report.html"
    write_atomically(target, "<p>published</p>\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_an_existing_file_keeps_its_permissions(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "charter.yaml"
    target.write_text(PREVIOUS, encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "charter: lcr-2025\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "charter: lcr-2025\n"


@pytest.mark.parametrize(
    ("where", "failure"),
    [
        ("fsync", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", KeyboardInterrupt()),
        ("replace", OSError(errno.EACCES, "Permission denied")),
        ("replace", KeyboardInterrupt()),
    ],
)
def test_a_write_stopped_part_way_leaves_the_previous_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, failure: BaseException
) -> None:
    target = tmp_path / "charter.yaml"
    target.write_text(PREVIOUS, encoding="utf-8")

    def fail(*_: object) -> None:
        raise failure

    if where == "fsync":
        monkeypatch.setattr("charter_check.writing.atomic.os.fsync", fail)
    else:
        monkeypatch.setattr("charter_check.writing.atomic.Path.replace", fail)
    with pytest.raises(type(failure)):
        write_atomically(target, "the new contents\n" * 10_000)
    assert target.read_text(encoding="utf-8") == PREVIOUS
    assert leftovers(tmp_path) == []


def test_a_symbolic_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(PREVIOUS, encoding="utf-8")
    target = tmp_path / "report.html"
    target.symlink_to(elsewhere)
    write_atomically(target, "<p>report</p>\n")
    assert not target.is_symlink()
    assert target.read_text(encoding="utf-8") == "<p>report</p>\n"
    assert elsewhere.read_text(encoding="utf-8") == PREVIOUS


# Every file the tool writes, stopped in the middle of writing it --------------------------------

# Runs the real command line, with os.fsync replaced so that the first file flushed (the finished
# temporary file, just before it is renamed over the target) announces itself and waits there:
# the test then stops the process at exactly that point.
_PAUSING_LAUNCHER = """
import os, sys, time
from pathlib import Path

announce = Path(sys.argv[1])
flush = os.fsync

def pause_at_first_flush(descriptor):
    flush(descriptor)
    if not announce.exists():
        announce.write_text("writing")
        time.sleep(60)

os.fsync = pause_at_first_flush
sys.argv = ["charter-check", *sys.argv[2:]]
from charter_check.launch import main
main()
"""


@dataclass(frozen=True)
class Write:
    """A command that writes ``target`` (relative to the project), and what it is typed."""

    name: str
    args: tuple[str, ...]
    target: str
    stdin: str = ""
    stopped: str = "charter-check: interrupted"  # what it says when stopped


WRITES = [
    Write(
        "init",
        ("init", "--force", "--no-input", "--name", "Bed planner", "--organisation", "NHS"),
        "charter.yaml",
    ),
    Write("assess", ("assess", "--today", TODAY), "charter.yaml", stdin="yes\n", stopped="Stopped."),
    Write(
        "report -o", ("report", "-o", "report.html", "-f", "html", "--force", "--today", TODAY), "report.html"
    ),
    Write(
        "validate -o",
        ("validate", "-o", "findings.sarif", "-f", "sarif", "--force", "--today", TODAY),
        "findings.sarif",
    ),
    Write("schema -o", ("schema", "-o", "charter.schema.json", "--force"), "charter.schema.json"),
]


def project_with_previous(tmp_path: Path, write: Write) -> tuple[Path, Path]:
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES / "nhs-admissions-forecast", project)
    if write.name == "assess":
        manifest = project / "charter.yaml"
        manifest.write_text(
            "charter: lcr-2025\nproject:\n  name: Bed planner\n  organisation: NHS\n  summary: Forecasts how "
            "many beds the wards will need next week, so that ward managers can plan their staff.\n"
            "  contact: https://example.org/contact\n  stage: pilot\n",
            encoding="utf-8",
        )
        return project, manifest
    target = project / write.target
    target.write_text(PREVIOUS, encoding="utf-8")
    return project, target


def start(write: Write, project: Path, announce: Path) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "NO_COLOR": "1", "TERM": "dumb", "HOME": str(project)}
    environment.pop("GITHUB_ACTIONS", None)
    environment.pop("GITHUB_STEP_SUMMARY", None)
    typed = announce.with_name("typed")
    typed.write_text(write.stdin, encoding="utf-8")
    with typed.open("rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-c", _PAUSING_LAUNCHER, str(announce), *write.args],
            cwd=project,
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
    deadline = time.monotonic() + 30
    while not announce.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            _, errors = process.communicate(timeout=5)
            pytest.fail(f"charter-check {' '.join(write.args)} never began writing:\n{errors.decode()}")
        time.sleep(0.02)
    return process


posix_signals = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and SIGTERM are POSIX signals")


@pytest.mark.slow
@posix_signals
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.name)
def test_killed_mid_write_the_previous_file_is_intact(tmp_path: Path, write: Write) -> None:
    project, target = project_with_previous(tmp_path, write)
    before = target.read_bytes()
    process = start(write, project, tmp_path / "writing")
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert target.read_bytes() == before
    # Nothing can tidy up after SIGKILL: what may be left is one hidden, complete temporary file
    # beside the target, never a half-written target.
    assert all(name.startswith(f".{target.name}.") for name in leftovers(project))


@pytest.mark.slow
@posix_signals
@pytest.mark.parametrize("write", WRITES, ids=lambda write: write.name)
def test_terminated_mid_write_the_previous_file_is_intact_and_nothing_is_left(
    tmp_path: Path, write: Write
) -> None:
    project, target = project_with_previous(tmp_path, write)
    before = target.read_bytes()
    files_before = sorted(path.name for path in project.iterdir())
    process = start(write, project, tmp_path / "writing")
    process.send_signal(signal.SIGTERM)
    output, errors = process.communicate(timeout=30)
    assert process.returncode == 130, errors.decode()
    assert write.stopped in output.decode() + errors.decode()
    assert "Traceback" not in errors.decode()
    assert target.read_bytes() == before
    assert sorted(path.name for path in project.iterdir()) == files_before
