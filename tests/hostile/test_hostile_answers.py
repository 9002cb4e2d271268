"""Hostile conditions for ``assess``, which writes the manifest: two runs at once, a manifest that
is a link, a hard link, another user's file or a set-user-ID one, and answers holding characters
that would act rather than show. Driven through the real program with piped answers.

- Two ``assess`` runs saving answers to one manifest at the same time lose none of them: each
  save takes a lock, reads the file as it is, adds its answer and writes; a run that finds the file
  changed by another says so in one line.
- A save keeps the file what it was: written through a link to its target, with its owner,
  group and permissions (never a set-user-ID or set-group-ID bit), its hard links still one file;
  and never half of each, even when stopped in the middle of writing over a hard-linked file.
- An answer typed with a control, bidirectional or invisible character is not accepted, and the
  message names the character.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import sys
from pathlib import Path

import pytest

from charter_check.reading.yaml_reader import read_yaml
from charter_check.writing import atomic
from tests.commands.test_assess_terminal import finish as finish_at_terminal
from tests.commands.test_assess_terminal import spawn
from tests.conftest import FIXTURES, init_arguments
from tests.hostile.characters import characters_that_act
from tests.hostile.processes import charter_check, finish, no_crash, start
from tests.hostile.sandbox import TODAY

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="locks, links, owners and signals"),
    pytest.mark.slow,  # each case runs the real program in processes of its own
]

MINI = str(FIXTURES / "mini_charter.yaml")
PROJECT_DETAILS = (
    "--summary",
    "Forecasts how many beds Knowsley wards will need next week, so that ward managers can plan their "
    "staff. It uses admissions records.",
    "--contact",
    "https://example.org/contact",
    "--stage",
    "pilot",
)
QUESTIONS_EACH = 12


def two_principle_charter(folder: Path) -> Path:
    """A charter of two principles with QUESTIONS_EACH text questions each, so that two runs, one
    per principle, save many answers each to the same manifest, side by side."""
    criteria = {
        principle: "".join(
            f"      - {{id: {principle}.q{number}, title: Q{number}, question: Question {number}?, "
            f"action: Answer it., answer: text, min_length: 5, may_be_not_applicable: false, "
            f'sources: [{{type: charter, ref: "Principle"}}]}}\n'
            for number in range(QUESTIONS_EACH)
        )
        for principle in ("north", "south")
    }
    charter = folder / "two.yaml"
    charter.write_text(
        "schema_version: 1\nid: two-2026\ntitle: Two Principles\nversion: '1.0'\npublished: 2026-01-01\n"
        "publisher: tests\nsources: [{title: Tests}]\nprovenance: Written for the tests.\n"
        "profile:\n  - {id: personal_data, question: Personal data?, label: personal data}\n"
        "principles:\n"
        + "".join(
            f"  - number: {number}\n    id: {principle}\n    title: {principle.title()}\n"
            f"    wording: summary\n    statement: {principle.title()}.\n    criteria:\n{criteria[principle]}"
            for number, principle in enumerate(("north", "south"), start=1)
        ),
        encoding="utf-8",
    )
    return charter


def init(project: Path, name: str, organisation: str, charter: Path | str) -> None:
    """A fresh manifest in ``project`` for ``charter``, written by ``init`` without questions."""
    made = charter_check(
        *init_arguments(name, organisation, *PROJECT_DETAILS, "--charter", str(charter)), cwd=project
    )
    assert made.code == 0, made.describe()


def saved_answers(manifest: Path) -> dict[str, object]:
    data = read_yaml(manifest.read_bytes()).data
    assert isinstance(data, dict)
    answers = data.get("answers") or {}
    return {key: entry.get("answer") for key, entry in answers.items() if isinstance(entry, dict)}


def test_two_assess_runs_at_once_lose_no_answer(tmp_path: Path) -> None:
    charter = two_principle_charter(tmp_path)
    init(tmp_path, "Both", "Council", charter)
    runs = []
    for principle in ("north", "south"):
        typed = "".join(f"{principle} answer {number}\n\n" for number in range(QUESTIONS_EACH))
        args = ("assess", "--charter", str(charter), "--principle", principle, "--today", TODAY)
        runs.append((args, start(*args, cwd=tmp_path, stdin=typed.encode())))
    outcomes = [finish(process, args) for args, process in runs]
    for outcome in outcomes:
        assert outcome.code == 0, outcome.describe()
        no_crash(outcome)
    expected = {
        f"{principle}.q{number}": f"{principle} answer {number}"
        for principle in ("north", "south")
        for number in range(QUESTIONS_EACH)
    }
    assert saved_answers(tmp_path / "charter.yaml") == expected


def test_a_run_that_finds_the_file_changed_since_it_read_it_says_so_and_keeps_both(tmp_path: Path) -> None:
    # Two runs at the terminal, their turns taken in a fixed order, so that the second always
    # saves after the first has changed the file it read.
    charter = two_principle_charter(tmp_path)
    init(tmp_path, "Both", "Council", charter)
    runs = {
        principle: spawn(
            tmp_path, "assess", "--charter", str(charter), "--principle", principle, "--today", TODAY
        )
        for principle in ("north", "south")
    }
    for run in runs.values():
        run.expect_exact("Answer: ")  # each has read the manifest as it was
    for principle, run in runs.items():  # north saves first, then south
        run.sendline(f"{principle} answer 0")
        run.expect_exact("Evidence: ")
        run.sendline("")
        run.expect_exact(f"{principle}.q0 is now met")
    south = runs["south"].logfile_read
    assert isinstance(south, io.StringIO)
    assert "charter.yaml was changed by another program since assess read it" in south.getvalue()
    for run in runs.values():
        run.expect_exact("Answer: ")
        run.sendintr()
        finish_at_terminal(run)
    answered = {key: text for key, text in saved_answers(tmp_path / "charter.yaml").items() if text}
    assert answered == {"north.q0": "north answer 0", "south.q0": "south answer 0"}


# Saving keeps the file what it was -------------------------------------------------------------------


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A project with a fresh manifest for the mini charter, in a folder of its own."""
    project = tmp_path / "project"
    project.mkdir()
    init(project, "Mini", "Mersey NHS", MINI)
    return project


def answer_the_profile(project: Path, manifest: str = "charter.yaml") -> None:
    outcome = charter_check(
        "assess", manifest, "--charter", MINI, "--today", TODAY, cwd=project, stdin=b"yes\nyes\nyes\nno\n"
    )
    assert outcome.code == 1, outcome.describe()  # the input ends after the profile
    data = read_yaml((project / manifest).read_bytes()).data
    assert data["profile"] == {
        "personal_data": True,
        "health_data": True,
        "public_authority": True,
        "uses_ai": False,
    }


def test_a_manifest_that_is_a_link_is_written_through_to_its_target(mini: Path) -> None:
    (mini / "governance").mkdir()
    (mini / "charter.yaml").rename(mini / "governance" / "charter.yaml")
    (mini / "charter.yaml").symlink_to("governance/charter.yaml")
    answer_the_profile(mini)
    assert (mini / "charter.yaml").is_symlink()
    assert (mini / "charter.yaml").readlink() == Path("governance/charter.yaml")
    assert not [path.name for path in (mini / "governance").iterdir() if path.name.endswith(".tmp")]


def test_a_hard_linked_manifest_stays_one_file_with_every_name(mini: Path) -> None:
    manifest = mini / "charter.yaml"
    os.link(manifest, mini / "published-copy.yaml")
    before = manifest.stat()
    answer_the_profile(mini)
    after = manifest.stat()
    assert (after.st_ino, after.st_nlink) == (before.st_ino, 2)
    assert (mini / "published-copy.yaml").read_bytes() == manifest.read_bytes()


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o444 | 0o200])
def test_the_manifest_keeps_its_permissions(mini: Path, mode: int) -> None:
    (mini / "charter.yaml").chmod(mode)
    answer_the_profile(mini)
    assert stat.S_IMODE((mini / "charter.yaml").stat().st_mode) == mode


@pytest.mark.parametrize("hard_linked", [False, True], ids=["renamed", "in place"])
@pytest.mark.parametrize("bits", [stat.S_ISUID, stat.S_ISGID, stat.S_ISUID | stat.S_ISGID])
def test_a_set_user_or_group_id_bit_is_never_kept(mini: Path, bits: int, hard_linked: bool) -> None:
    manifest = mini / "charter.yaml"
    if hard_linked:
        os.link(manifest, mini / "other-name.yaml")
    manifest.chmod(0o755 | bits)
    answer_the_profile(mini)
    assert stat.S_IMODE(manifest.stat().st_mode) == 0o755


def another_owner() -> tuple[int, int]:
    """An owner and group other than ours, where we may give a file them: any user as root; else a
    group of ours other than the main one (or ours, when we have no other)."""
    if os.geteuid() == 0:
        return 65534, 65534
    others = [group for group in os.getgroups() if group != os.getegid()]
    return os.geteuid(), (others[0] if others else os.getegid())


@pytest.mark.parametrize("hard_linked", [False, True], ids=["renamed", "in place"])
def test_the_manifest_keeps_its_owner_and_group(mini: Path, hard_linked: bool) -> None:
    manifest = mini / "charter.yaml"
    if hard_linked:
        os.link(manifest, mini / "other-name.yaml")
    owner = another_owner()
    os.chown(manifest, *owner)
    manifest.chmod(0o666)  # so that the run can write it, whoever owns it
    answer_the_profile(mini)
    status = manifest.stat()
    assert (status.st_uid, status.st_gid) == owner


def test_stopped_while_writing_over_a_hard_linked_file_it_is_never_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy over a file with other names is written a piece at a time here, and a SIGTERM
    arrives after the first piece: the file ends whole, new, and the stop is obeyed afterwards."""
    manifest = tmp_path / "charter.yaml"
    old, new = "old: " + "o" * 5000 + "\n", "new: " + "n" * 9000 + "\n"
    manifest.write_text(old, encoding="utf-8")
    os.link(manifest, tmp_path / "second-name.yaml")
    real_pwrite = os.pwrite
    pieces: list[int] = []

    def in_pieces(descriptor: int, data: bytes, offset: int) -> int:
        written = real_pwrite(descriptor, data[:1000], offset)
        pieces.append(offset)
        if len(pieces) == 1:
            os.kill(os.getpid(), signal.SIGTERM)  # arrives now, unless it is held back
        return written

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("charter_check.writing.atomic.os.pwrite", in_pieces)
    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(KeyboardInterrupt), atomic.locked(manifest):
            atomic.rewrite(manifest, new, expected=old.encode())
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert manifest.read_text(encoding="utf-8") == new, "the file must never hold half of each"
    assert len(pieces) > 1
    assert (tmp_path / "second-name.yaml").read_text(encoding="utf-8") == new
    assert sorted(path.name for path in tmp_path.iterdir()) == ["charter.yaml", "second-name.yaml"]


def test_a_file_changed_after_it_was_read_is_never_overwritten(tmp_path: Path) -> None:
    manifest = tmp_path / "charter.yaml"
    manifest.write_text("edited: by someone else\n", encoding="utf-8")
    with pytest.raises(atomic.ChangedMeanwhile), atomic.locked(manifest):
        atomic.rewrite(manifest, "the answer: saved\n", expected=b"as it was read\n")
    assert manifest.read_text(encoding="utf-8") == "edited: by someone else\n"
    assert [path.name for path in tmp_path.iterdir()] == ["charter.yaml"]


# Answers holding characters that act --------------------------------------------------------------

ACTING = characters_that_act()


@pytest.mark.parametrize("case", ACTING)
def test_an_answer_holding_a_control_or_bidirectional_character_is_refused_naming_it(
    mini: Path, case: str
) -> None:
    acting = ACTING[case]
    typed = f"Better care {acting.text} for Knowsley"
    lines = ["yes", "yes", "yes", "no", typed, "Better care for residents of Knowsley", ""]
    outcome = charter_check(
        "assess", "--charter", MINI, "--today", TODAY, cwd=mini, stdin="".join(f"{line}\n" for line in lines)
    )
    no_crash(outcome)
    assert f"Not accepted: the answer holds {acting.shown} ({acting.name})" in outcome.stdout, (
        outcome.describe()
    )
    assert saved_answers(mini / "charter.yaml")["care.benefit"] == "Better care for residents of Knowsley"
    assert not any(character in outcome.output for character in typed if not character.isprintable())


def test_a_control_character_given_to_init_is_refused_and_never_printed(tmp_path: Path) -> None:
    outcome = charter_check(
        "init", "--no-input", "--name", "Roads\x1b[2J", "--organisation", "Council", cwd=tmp_path
    )
    assert outcome.code == 2, outcome.describe()
    assert "\x1b" not in outcome.output
    assert not (tmp_path / "charter.yaml").exists()
