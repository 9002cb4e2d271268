"""Hostile names: folders and files whose names would forge a CI workflow command, rewrite a
terminal, reverse the text around them, overrun the file system's limits or not be text at all.
Each is made on disk and given to the real program.

- A name holding ``%``, a carriage return, a line feed, ``:`` or ``,`` never becomes a workflow
  command of its own in any line of ``--format github`` or ``text`` output, nor in the job summary
  (GitHub reads ``::command::`` and ``##[command]`` at the start of any line of a log).
- A name holding an escape sequence, a carriage return, a bidirectional control or an invisible
  mark is shown with that character escaped (``\\x1b``, ``\\u202e``) in every output and report.
- A name longer than the file system allows, or made of bytes that are not UTF-8, gives one clear
  line (exit 2) or a normal run, never an internal error.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from tests.hostile.characters import characters_that_act
from tests.hostile.processes import (
    HIDDEN,
    Command,
    LimitBroken,
    Outcome,
    charter_check,
    environment,
    no_crash,
    one_error_line,
    run_cases,
)
from tests.hostile.sandbox import EXAMPLE, TODAY

pytestmark = pytest.mark.slow  # each test runs the real program in processes of its own

# A manifest with findings, so that every output names the file many times.
WITH_FINDINGS = (
    "charter: lcr-2025\nproject:\n  name: Named project\n  organisation: Wirral Council\n"
    "answers:\n  security.dpai: {}\n"
)

# ::command, ##[command], with each character the Actions toolkit escapes, and in every place.
COMMAND_NAMES = {
    "line-feed": "x\n::error::forged by a line feed",
    "carriage-return": "x\r::warning::forged by a carriage return",
    "percent-escape": "x%0A::error::forged by percent",
    "starts-with-command": "::error file=a,line=1::forged at the start",
    "starts-with-spaces": "  ::notice::forged after spaces",
    "old-syntax": "##[error]forged the old way",
    "colon-comma-percent": "a,b:c%d",
    "line-feed-old-syntax": "y\n##[warning]forged",
}
ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^:,]*),line=\d+,col=\d+,title=([^:,]*)::(.*)$")


def manifests_named(folder: Path, names: dict[str, str]) -> dict[str, Path]:
    made = {}
    for key, name in names.items():
        (folder / name).mkdir()
        (folder / name / "charter.yaml").write_text(WITH_FINDINGS, encoding="utf-8")
        made[key] = folder / name / "charter.yaml"
    return made


def unescape_property(text: str) -> str:
    for escaped, character in (("%3A", ":"), ("%2C", ","), ("%0D", "\r"), ("%0A", "\n"), ("%25", "%")):
        text = text.replace(escaped, character)
    return text


def assert_no_forged_command(output: str) -> list[str]:
    """Every line that GitHub would read as a command is one of ours: a well-formed annotation
    whose properties hold no raw ':' or ','. Returns the files the annotations name."""
    files = []
    for line in output.split("\n"):
        assert "\r" not in line, repr(line)
        command = line.lstrip()
        assert not command.startswith("##["), repr(line)
        if command.startswith("::"):
            match = ANNOTATION.match(line)
            assert match, repr(line)
            assert "forged" not in match.group(3) + match.group(4), repr(line)
            files.append(unescape_property(match.group(2)))
    return files


def test_names_that_would_forge_workflow_commands_never_do(tmp_path: Path) -> None:
    manifests_named(tmp_path, COMMAND_NAMES)
    summary = tmp_path / "summary.md"
    environment_in_actions = environment(HOME=str(tmp_path), GITHUB_STEP_SUMMARY=str(summary))
    runs = [
        charter_check(
            "validate", ".", "-f", "github", "--today", TODAY, cwd=tmp_path, env=environment_in_actions
        ),
        charter_check("validate", ".", "-f", "text", "--today", TODAY, cwd=tmp_path),
    ]
    runs += [
        charter_check("validate", f"{name}/charter.yaml", "-f", fmt, "--today", TODAY, cwd=tmp_path)
        for name in COMMAND_NAMES.values()
        for fmt in ("github", "text")
    ]
    for outcome in runs:
        assert outcome.code == 1, outcome.describe()
        files = assert_no_forged_command(outcome.stdout + outcome.stderr)
        if "github" in outcome.command:
            assert files, "the findings are annotated"
            for file in files:
                assert file.endswith("/charter.yaml"), file
                assert "\n" not in file and "\r" not in file
    # The job summary is Markdown, not a log, but it must not be able to become one either.
    text = summary.read_text(encoding="utf-8")
    assert_no_forged_command(text)
    page = str(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))
    assert "<a " not in page


# Control characters, bidirectional controls and invisible marks ----------------------------------

ACTING = characters_that_act()


def strings_in(document: object) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [text for key, value in document.items() for text in (*strings_in(key), *strings_in(value))]
    if isinstance(document, list):
        return [text for value in document for text in strings_in(value)]
    return []


FORMATS = ("text", "json", "github", "sarif", "junit", "gitlab")


@pytest.fixture(scope="module")
def hidden_name_outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Outcome]]:
    """Every command and format run on a manifest in a folder with each hidden name: each case in
    its own limited process (see ``processes``), all side by side."""
    cases, folders = [], []
    for key, acting in ACTING.items():
        name = acting.text
        folder = tmp_path_factory.mktemp(key)
        (folder / name).mkdir()
        (folder / name / "charter.yaml").write_text(WITH_FINDINGS, encoding="utf-8")
        given, today = f"{name}/charter.yaml", ("--today", TODAY)
        commands = [Command(("validate", given, "-f", fmt, *today)) for fmt in FORMATS]
        commands += [Command(("report", given, "-f", fmt, *today)) for fmt in ("markdown", "html")]
        commands += [Command(("assess", given, *today)), Command(("validate", ".", *today))]
        cases.append((commands, folder))
        folders.append(key)
    results = {}
    for key, outcomes in zip(folders, run_cases(cases), strict=True):
        if isinstance(outcomes, LimitBroken):
            raise outcomes
        names = [*FORMATS, "markdown", "html", "assess", "validate many"]
        results[key] = dict(zip(names, outcomes, strict=True))
    return results


@pytest.mark.parametrize("key", ACTING)
def test_hidden_characters_in_names_are_shown_escaped_everywhere(
    hidden_name_outcomes: dict[str, dict[str, Outcome]], key: str
) -> None:
    escape = ACTING[key].shown
    for fmt, outcome in hidden_name_outcomes[key].items():
        no_crash(outcome)
        assert not HIDDEN.search(outcome.output), (fmt, outcome.describe())
        if fmt in ("json", "sarif", "gitlab"):
            decoded = strings_in(json.loads(outcome.stdout))
            assert not [text for text in decoded if HIDDEN.search(text)], fmt
        if fmt != "sarif":  # where SARIF names the file, it is a URI (and '\\' a '/')
            assert escape in outcome.output.replace("\\\\", "\\"), (fmt, outcome.describe())


def test_hidden_characters_a_manifest_may_hold_are_shown_escaped_in_reports(tmp_path: Path) -> None:
    """Invisible marks the reader lets through in values (a zero-width space, a word joiner) are
    shown, not hidden, wherever a report or log prints them."""
    (tmp_path / "charter.yaml").write_text(
        WITH_FINDINGS.replace("Named project", '"Named\\u200bproject\\u2060here\\ufeff"'), encoding="utf-8"
    )
    for args in (("report", "-f", "html"), ("report", "-f", "markdown"), ("validate", "-f", "json")):
        outcome = charter_check(*args, "--today", TODAY, cwd=tmp_path)
        no_crash(outcome)
        if args[0] == "report":
            assert not HIDDEN.search(outcome.stdout)
            for escape in ("\\u200b", "\\u2060", "\\ufeff"):
                assert escape in outcome.stdout.replace("\\\\", "\\"), outcome.describe()


# Names the file system refuses, and names that are not text ----------------------------------------

TOO_LONG = "a" * 300


@pytest.mark.parametrize(
    "args",
    [
        ("validate", f"{TOO_LONG}.yaml"),
        ("validate", f"{TOO_LONG}/charter.yaml"),
        ("validate", "-o", f"{TOO_LONG}.json", "charter.yaml"),
        ("report", f"{TOO_LONG}/charter.yaml"),
        ("report", "-o", f"{TOO_LONG}.html", "charter.yaml"),
        ("assess", f"{TOO_LONG}/charter.yaml"),
        ("assess", TOO_LONG),
        ("init", TOO_LONG, "--no-input", "--organisation", "Wirral Council"),
        ("init", f"ok/{TOO_LONG}", "--no-input", "--organisation", "Wirral Council"),
        ("schema", "-o", f"{TOO_LONG}.json"),
    ],
    ids=lambda args: " ".join(arg.replace(TOO_LONG, "LONG") for arg in args),
)
def test_a_name_too_long_for_the_file_system_is_one_clear_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    shutil.copy(EXAMPLE / "charter.yaml", tmp_path / "charter.yaml")
    today = ("--today", TODAY) if args[0] in ("validate", "report", "assess") else ()
    line = one_error_line(charter_check(*args, *today, cwd=tmp_path))
    assert TOO_LONG in line
    assert "the name is too long for the file system" in line
    assert str(tmp_path) not in line, "the path as given, not made absolute"


NOT_UTF8 = b"\xff\xfeproject"


def test_a_folder_named_with_bytes_that_are_not_utf8_is_checked_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / os.fsdecode(NOT_UTF8)
    folder.mkdir()
    shutil.copy(EXAMPLE / "charter.yaml", folder / "charter.yaml")
    shutil.copytree(EXAMPLE / "docs", folder / "docs")
    runs = [
        charter_check("validate", NOT_UTF8, "--today", TODAY, cwd=tmp_path),
        charter_check(
            "validate", NOT_UTF8 + b"/charter.yaml", "-f", "github", "--today", TODAY, cwd=tmp_path
        ),
        charter_check("validate", ".", "-f", "junit", "--today", TODAY, cwd=tmp_path),
        charter_check("report", NOT_UTF8, "--today", TODAY, cwd=tmp_path),
        charter_check("report", NOT_UTF8, "-f", "html", "--today", TODAY, cwd=tmp_path),
        charter_check("assess", NOT_UTF8, "--today", TODAY, cwd=tmp_path),
    ]
    for outcome in runs:
        assert outcome.code == 0, outcome.describe()  # the example passes, and assess has nothing to ask
        assert "\\xff\\xfeproject" in outcome.output.replace("\\\\", "\\"), outcome.describe()
        assert not HIDDEN.search(outcome.output)


def test_a_manifest_file_named_with_bytes_that_are_not_utf8_is_checked(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE / "charter.yaml", tmp_path / os.fsdecode(b"\xe9t\xe9.yaml"))
    shutil.copytree(EXAMPLE / "docs", tmp_path / "docs")
    for fmt in ("text", "json", "junit"):
        outcome = charter_check("validate", b"\xe9t\xe9.yaml", "-f", fmt, "--today", TODAY, cwd=tmp_path)
        assert outcome.code == 0, outcome.describe()
        assert "\\xe9t\\xe9.yaml" in outcome.stdout.replace("\\\\", "\\")


def test_init_in_a_folder_whose_name_is_not_text_asks_for_a_name_instead_of_using_it(tmp_path: Path) -> None:
    without_name = charter_check(
        "init", NOT_UTF8, "--no-input", "--organisation", "Wirral Council", cwd=tmp_path
    )
    line = one_error_line(without_name)
    assert "--name" in line
    assert not (tmp_path / os.fsdecode(NOT_UTF8) / "charter.yaml").exists()
    named = charter_check(
        "init",
        NOT_UTF8,
        "--no-input",
        "--name",
        "Wirral roads",
        "--organisation",
        "Wirral Council",
        cwd=tmp_path,
    )
    assert named.code == 0, named.describe()
    assert "\\xff\\xfeproject/charter.yaml" in named.stdout.replace("\\\\", "\\")
    checked = charter_check("validate", NOT_UTF8, "-f", "json", "--today", TODAY, cwd=tmp_path)
    assert json.loads(checked.stdout)["manifest"]["project"] == "Wirral roads"
