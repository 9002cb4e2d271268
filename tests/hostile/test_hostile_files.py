"""Hostile files: symbolic links that loop, lead nowhere or lead out of the project; pipes, sockets,
devices and folders where a manifest or an output should be; a manifest nobody may read. Each is
made on disk and given to the real program, with a time limit, since the danger of most of them
is a run that never ends.

- Searching folders and expanding ``**`` never follows a link to a folder, and stops after
  ``MAX_FOLDERS``.
- A manifest that is a link to itself, a dangling link, a pipe, a socket, a folder or a file that
  cannot be read is one line (exit 2) naming the path as given.
- ``-o`` never replaces a device or a pipe with a file: ``/dev/null`` stays a device, a pipe with
  no reader is refused at once, a pipe with one is written to.
- Evidence that leads out of the project, through a linked folder, a linked file, ``..`` after a
  link or a chain of links, is refused, with the same words whether or not the target exists.
"""

from __future__ import annotations

import ctypes
import json
import os
import select
import shutil
import socket
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from charter_check.reading import discovery
from charter_check.reading.discovery import manifest_paths
from charter_check.reading.loading import CannotRun
from charter_check.reading.yaml_reader import read_yaml
from tests.hostile.processes import charter_check, no_crash, one_error_line
from tests.hostile.sandbox import EXAMPLE, HOSTILE, TODAY, cite

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="links, pipes, sockets and devices"),
    pytest.mark.slow,  # each case runs the real program in processes of its own
]


def example_project(folder: Path) -> Path:
    shutil.copy(EXAMPLE / "charter.yaml", folder / "charter.yaml")
    shutil.copytree(EXAMPLE / "docs", folder / "docs")
    return folder / "charter.yaml"


# Links that loop, under ** and folder searches --------------------------------------------------------


@pytest.fixture
def looping_tree(tmp_path: Path) -> Path:
    """One real manifest at a/b/charter.yaml, and links to folders that make endless paths: to
    the folder itself, to its parent, to the top and across to each other."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    example_project(tmp_path / "a" / "b")
    (tmp_path / "a" / "self").symlink_to(".")
    (tmp_path / "a" / "up").symlink_to("..")
    (tmp_path / "a" / "b" / "top").symlink_to("../..")
    (tmp_path / "a" / "b" / "across").symlink_to("../self")
    (tmp_path / "loop").symlink_to("loop")
    return tmp_path


@pytest.mark.parametrize(
    "pattern",
    ["**/charter.yaml", "a/**/charter.yaml", "**", "a/**", "*/*/charter.yaml", "**/b/**/*.yaml", "."],
)
def test_links_that_loop_do_not_make_a_search_endless(looping_tree: Path, pattern: str) -> None:
    # A search that did not end would be stopped at 20 s, and fail.
    outcome = charter_check("validate", pattern, "-f", "json", "--today", TODAY, cwd=looping_tree, seconds=20)
    assert outcome.code == 0, outcome.describe()
    assert json.loads(outcome.stdout)["manifest"]["path"] == "a/b/charter.yaml"  # found once, as itself


def test_a_search_stops_after_so_many_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(30):
        (tmp_path / f"folder-{number}").mkdir()
    example_project(tmp_path / "folder-29")
    monkeypatch.setattr(discovery, "MAX_FOLDERS", 10)
    for argument in (tmp_path, tmp_path / "**" / "charter.yaml"):
        with pytest.raises(CannotRun, match="searched 10 folders without reaching the end"):
            manifest_paths([argument])
    monkeypatch.setattr(discovery, "MAX_FOLDERS", 100)
    assert manifest_paths([tmp_path]) == [tmp_path / "folder-29" / "charter.yaml"]


# Where a manifest should be ------------------------------------------------------------------------------


def self_loop(project: Path) -> None:
    (project / "charter.yaml").symlink_to("charter.yaml")


def two_link_loop(project: Path) -> None:
    (project / "charter.yaml").symlink_to("other.yaml")
    (project / "other.yaml").symlink_to("charter.yaml")


def dangling(project: Path) -> None:
    (project / "charter.yaml").symlink_to("governance/charter.yaml")


def fifo(project: Path) -> None:
    os.mkfifo(project / "charter.yaml")


def unix_socket(project: Path) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    previous = Path.cwd()
    os.chdir(project)  # a socket's path is limited to about 100 bytes: bind it by its short name
    try:
        listener.bind("charter.yaml")
    finally:
        os.chdir(previous)
    listener.close()


def folder(project: Path) -> None:
    (project / "charter.yaml").mkdir()


def unreadable(project: Path) -> None:
    example_project(project)
    (project / "charter.yaml").chmod(0)


KINDS = {
    "link-to-itself": (self_loop, "leads round in a loop"),
    "links-to-each-other": (two_link_loop, "leads round in a loop"),
    "dangling-link": (dangling, "leads to no such file"),
    "fifo": (fifo, "is not a regular file"),
    "socket": (unix_socket, "is not a regular file"),
    "folder": (folder, "charter.yaml"),
    "unreadable": (unreadable, "permission denied"),
}


def without_overriding_permissions() -> None:
    """Run as root without the power to read what permissions forbid (CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH dropped before the program starts), so that a file's mode binds."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", ["validate", "report", "assess"])
def test_a_manifest_that_is_not_a_readable_file_is_one_clear_line(
    tmp_path: Path, kind: str, command: str
) -> None:
    build, phrase = KINDS[kind]
    project = tmp_path / "project"
    project.mkdir()
    build(project)
    user = without_overriding_permissions if kind == "unreadable" and os.geteuid() == 0 else None
    for given in ("charter.yaml", "project/charter.yaml"):
        cwd = project if given == "charter.yaml" else tmp_path
        outcome = charter_check(command, given, "--today", TODAY, cwd=cwd, stdin=b"", seconds=15, user=user)
        if kind == "unreadable" and command != "validate":
            # The command line itself refuses an unreadable PATH of report and assess (a usage
            # error: exit 2, naming it).
            assert outcome.code == 2 and "Traceback" not in outcome.output, outcome.describe()
            assert f"path '{given}' is not readable" in outcome.stderr, outcome.describe()
            continue
        line = one_error_line(outcome)
        assert f"error: {given}" in line, line  # the path as given, first
        assert phrase in line, line
        assert str(tmp_path) not in line, "no absolute path the user did not give"


# Where an output should be -----------------------------------------------------------------------------

WRITES = {
    "report": ("report", "charter.yaml", "-f", "html", "--today", TODAY, "-o"),
    "validate": ("validate", "charter.yaml", "-f", "sarif", "--today", TODAY, "-o"),
    "schema": ("schema", "-o"),
}


@pytest.fixture
def dev_null_guard() -> Iterator[None]:
    """Put /dev/null back as it was should a broken build replace it (as root, it could)."""
    yield
    status = os.lstat("/dev/null")
    if not stat.S_ISCHR(status.st_mode):
        Path("/dev/null").unlink()
        os.mknod("/dev/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        Path("/dev/null").chmod(0o666)
        pytest.fail("/dev/null was replaced by a file (and has been put back)")


@pytest.mark.parametrize("command", WRITES)
def test_dev_null_is_written_to_never_replaced(tmp_path: Path, dev_null_guard: None, command: str) -> None:
    example_project(tmp_path)
    before = Path("/dev/null").stat()
    outcome = charter_check(*WRITES[command], "/dev/null", cwd=tmp_path, seconds=15)
    assert outcome.code == 0, outcome.describe()
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert (after.st_ino, stat.S_IMODE(after.st_mode)) == (before.st_ino, stat.S_IMODE(before.st_mode))


@pytest.mark.parametrize("command", WRITES)
def test_a_pipe_with_no_reader_is_refused_at_once(tmp_path: Path, command: str) -> None:
    example_project(tmp_path)
    os.mkfifo(tmp_path / "out")
    outcome = charter_check(*WRITES[command], "out", cwd=tmp_path, seconds=15)
    line = one_error_line(outcome)
    assert "out: is a pipe that nothing is reading" in line
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out").st_mode), "still a pipe"


@pytest.mark.parametrize("command", WRITES)
def test_a_pipe_with_a_reader_is_written_to(tmp_path: Path, command: str) -> None:
    example_project(tmp_path)
    os.mkfifo(tmp_path / "out")
    # The pipe is open for reading before the program starts (else it would rightly find nothing
    # reading), and drained meanwhile, so that output larger than the pipe's buffer gets through.
    reading = os.open(tmp_path / "out", os.O_RDONLY | os.O_NONBLOCK)
    received = bytearray()
    finished = threading.Event()

    def drain() -> None:
        while True:
            ready, _, _ = select.select([reading], [], [], 0.05)
            try:
                chunk = os.read(reading, 1 << 16) if ready else b""
            except BlockingIOError:
                chunk = b""
            received.extend(chunk)
            if not chunk and finished.wait(0.01):
                return

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    outcome = charter_check(*WRITES[command], "out", cwd=tmp_path, seconds=15)
    finished.set()
    reader.join(timeout=15)
    os.close(reading)
    assert outcome.code == 0, outcome.describe()
    assert b"charter-check" in received
    assert stat.S_ISFIFO(os.lstat(tmp_path / "out").st_mode), "still a pipe"


def test_init_never_writes_a_manifest_into_a_pipe_or_a_device(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "charter.yaml")
    for force in ((), ("--force",)):
        outcome = charter_check(
            "init", "--no-input", "--organisation", "Wirral Council", *force, cwd=tmp_path, seconds=15
        )
        line = one_error_line(outcome)
        assert "charter.yaml: is there already and is not a file" in line
    assert stat.S_ISFIFO(os.lstat(tmp_path / "charter.yaml").st_mode)


# Evidence through links ----------------------------------------------------------------------------------


@pytest.fixture
def linked_project(tmp_path: Path) -> Path:
    """project/ holds the manifest; outside/ holds files the project must not reach; links of
    every shape lead from one to the other."""
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    example_project(project)
    (outside / "deep" / "er").mkdir(parents=True)
    (outside / "secret.md").write_text("not for the project\n", encoding="utf-8")
    (outside / "deep" / "secret.md").write_text("not for the project\n", encoding="utf-8")
    (project / "a" / "b" / "c").mkdir(parents=True)
    (project / "a" / "near.md").write_text("inside\n", encoding="utf-8")
    links = {
        "folder-out": "../../outside",
        "file-out": "../../outside/secret.md",
        "missing-out": "../../outside/nothing.md",
        "chain-1": "folder-out",
        "chain-2": "chain-1",
        "deep": "../a/b/c",
        "deep-out": "../../outside/deep/er",
    }
    for name, target in links.items():
        (project / "docs" / name).symlink_to(target)
    return project


def outside_pairs() -> dict[str, tuple[str, str]]:
    """The ways out of the project in ``outside-references.yaml``, each with a reference to a file
    that exists and one to a file that does not."""
    table = read_yaml((HOSTILE / "outside-references.yaml").read_bytes()).data
    return {way: (existing, missing) for way, [existing, missing] in table.items()}


OUTSIDE_PAIRS = outside_pairs()


def evidence_findings(project: Path, references: list[str]) -> dict[str, str]:
    """The message validate gives about each reference cited, the reference itself left out."""
    cite(project, references)
    outcome = charter_check("validate", "-f", "json", "--today", TODAY, cwd=project)
    no_crash(outcome)
    messages = {}
    for finding in json.loads(outcome.stdout)["findings"]:
        for reference in references:
            if f"evidence '{reference}'" in finding["message"]:
                messages[reference] = finding["message"].replace(reference, "REFERENCE")
    return messages


@pytest.mark.parametrize("pair", OUTSIDE_PAIRS, ids=OUTSIDE_PAIRS)
def test_evidence_out_of_the_project_through_any_link_is_refused_in_the_same_words(
    linked_project: Path, pair: str
) -> None:
    existing, missing = OUTSIDE_PAIRS[pair]
    messages = evidence_findings(linked_project, [existing, missing])
    assert set(messages) == {existing, missing}, messages
    assert "the path leads outside the project folder" in messages[existing]
    assert messages[existing] == messages[missing], "the words must not tell whether it exists"


def test_evidence_through_links_that_stay_in_the_project_is_accepted(linked_project: Path) -> None:
    (linked_project / "docs" / "inside").symlink_to("../a")
    messages = evidence_findings(linked_project, ["docs/inside/near.md", "docs/deep/../../near.md"])
    assert messages == {}, "no finding about either reference"


def test_the_report_never_links_evidence_out_of_the_project(linked_project: Path) -> None:
    cite(linked_project, [reference for pair in OUTSIDE_PAIRS.values() for reference in pair])
    for fmt in ("html", "markdown"):
        outcome = charter_check("report", "-f", fmt, "--today", TODAY, cwd=linked_project)
        assert outcome.code == 0, outcome.describe()
        for existing, missing in OUTSIDE_PAIRS.values():
            for reference in (existing, missing):
                assert (
                    f'href="{reference}"' not in outcome.stdout and f"(<{reference}>)" not in outcome.stdout
                )


@pytest.mark.parametrize("command", ["validate", "report", "assess"])
def test_a_manifest_link_out_of_its_folder_gets_the_same_words_whether_or_not_its_target_exists(
    tmp_path: Path, command: str
) -> None:
    """A link to a manifest, to nothing, to a folder holding a manifest (never searched: its
    manifests are not this project's) or to a system file: one message, which names none of them."""
    (tmp_path / "outside").mkdir()
    example_project(tmp_path / "outside")
    lines: list[str] = []
    for target in ("../outside/charter.yaml", "../outside/nothing.yaml", "../outside", "/etc/hostname"):
        project = tmp_path / f"project-{len(lines)}"
        project.mkdir()
        (project / "charter.yaml").symlink_to(target)
        line = one_error_line(
            charter_check(command, "charter.yaml", "--today", TODAY, cwd=project, stdin=b"")
        )
        lines.append(line)
        assert "charter.yaml: is a link to a file outside its folder" in line
        assert "outside" not in line.split(":", 2)[2].replace("outside its folder", "")
    assert len(set(lines)) == 1


def test_a_search_never_enters_a_linked_folder_it_was_not_given(looping_tree: Path) -> None:
    """Neither a folder search nor a wildcard goes through ``a/elsewhere``, a link to a folder
    outside holding a manifest of its own."""
    outside = Path(tempfile.mkdtemp(prefix="charter-check-outside-"))
    try:
        example_project(outside)
        (looping_tree / "a" / "elsewhere").symlink_to(outside)
        for pattern in (".", "**/charter.yaml", "a/*/charter.yaml", "*/*/*.yaml", "a/**"):
            outcome = charter_check("validate", pattern, "-f", "json", "--today", TODAY, cwd=looping_tree)
            assert outcome.code == 0, outcome.describe()
            assert json.loads(outcome.stdout)["manifest"]["path"] == "a/b/charter.yaml", pattern
        named = charter_check("validate", "a/elsewhere/charter.yaml", "-f", "json", cwd=looping_tree)
        assert named.code == 0, "a link the user names in full is followed"
    finally:
        shutil.rmtree(outside)
