"""The command line as a user meets it: ``-h`` and ``-V``, help that names arguments plainly,
mistakes reported in one line of the tool's own style, shell completion, and ``validate -``."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from charter_check import __version__
from charter_check.cli import app
from charter_check.reading.loading import CannotRun
from charter_check.reading.stdin import read_manifest_stdin
from charter_check.reading.yaml_reader import MAX_BYTES
from tests.conftest import EXAMPLES, run_cli

COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
PROGRAM = Path(sys.executable).parent / "charter-check"
PASSING = EXAMPLES / "nhs-admissions-forecast"
FAILING = EXAMPLES / "council-chatbot"
TODAY = "2026-11-28"
ONE_LINE = re.compile(r"charter-check: error: [a-z].*; see 'charter-check( [a-z]+)? --help'\n")


def program(
    *arguments: str, cwd: Path | None = None, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed program, in a process of its own."""
    return subprocess.run(
        [str(PROGRAM), *arguments],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    short, long = run_cli(*command, "-h"), run_cli(*command, "--help")
    assert short.exit_code == long.exit_code == 0
    assert short.stdout == long.stdout and "Usage: charter-check" in short.stdout
    assert "-h, --help" in short.stdout


def test_dash_capital_v_is_the_version() -> None:
    assert run_cli("-V").stdout == run_cli("--version").stdout == f"charter-check {__version__}\n"


def test_help_names_arguments_by_their_metavar() -> None:
    validate = run_cli("validate", "--help").stdout
    assert "<list[Path]>" not in validate and "<path>" not in validate
    assert "Usage: charter-check validate [OPTIONS] [PATH]..." in validate
    assert re.search(r"^  PATH\.\.\.  Manifests to check", validate, re.MULTILINE)
    assert "'-' alone reads one manifest from standard input" in " ".join(validate.split())
    for command in COMMANDS:
        arguments = run_cli(command, "--help").stdout.partition("Arguments:")[2].partition("Options:")[0]
        assert "<" not in arguments, command


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_in_words_not_python_types(command: str) -> None:
    """``--name NAME``, not ``--name <str>``; a choice may be listed (``<text|json>``)."""
    help_text = run_cli(command, "--help").stdout
    assert not re.search(r"<(str|int|float|path|bool|list\[\w+\])>", help_text, re.IGNORECASE), help_text
    assert "Default: this folder.  [default: .]" not in " ".join(help_text.split())


MISTAKES = {
    "unknown option": (
        ["validate", "--unknown"],
        "no such option: --unknown; see 'charter-check validate --help'",
    ),
    "misspelt option": (["validate", "--forc"], "no such option: --forc (did you mean --force, --format?)"),
    "missing value": (
        ["validate", "-o"],
        "option '-o' requires an argument; see 'charter-check validate --help'",
    ),
    "bad choice": (
        ["validate", "-f", "yaml"],
        "invalid value for '--format' / '-f': 'yaml' is not one of 'auto',",
    ),
    "bad choice elsewhere": (["report", "--format", "pdf"], "'pdf' is not one of 'markdown', 'html'"),
    "not a number": (
        ["validate", "--jobs", "x"],
        "invalid value for '--jobs' / '-j': 'x' is not a whole number; see 'charter-check validate --help'",
    ),
    "number too small": (["validate", "-j", "-1"], "invalid value for '--jobs' / '-j': '-1' is less than 0;"),
    "unknown command": (
        ["vaildate"],
        "no such command 'vaildate' (did you mean 'validate'?); see 'charter-check --help'",
    ),
    "unknown app option": (["--bogus"], "no such option: --bogus; see 'charter-check --help'"),
    "extra argument": (
        ["principles", "extra"],
        "unexpected extra argument(s) (extra); see 'charter-check principles",
    ),
}


@pytest.mark.parametrize("kind", sorted(MISTAKES))
def test_a_mistake_on_the_command_line_is_one_line_and_exit_2(kind: str) -> None:
    arguments, expected = MISTAKES[kind]
    result = run_cli(*arguments)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert expected in result.stderr
    assert "Usage:" not in result.stderr and "Try '" not in result.stderr
    assert "Value error" not in result.stderr and "Input should" not in result.stderr


@pytest.mark.parametrize("kind", ["unknown option", "missing value", "bad choice"])
def test_the_installed_program_reports_mistakes_the_same_way(kind: str) -> None:
    arguments, expected = MISTAKES[kind]
    result = program(*arguments)
    assert result.returncode == 2 and result.stdout == ""
    assert ONE_LINE.fullmatch(result.stderr) and expected in result.stderr


def test_no_command_shows_the_help() -> None:
    result = run_cli()
    assert result.exit_code == 2 and "Usage: charter-check [OPTIONS] COMMAND" in result.stderr


# Shell completion --------------------------------------------------------------------------------


def test_completion_is_offered_in_the_help() -> None:
    help_text = run_cli("--help").stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text


@pytest.mark.slow
def test_bash_completes_commands_and_choices() -> None:
    script = (
        'eval "$(_CHARTER_CHECK_COMPLETE=source_bash charter-check)"\n'
        "COMP_WORDS=(charter-check val); COMP_CWORD=1; _charter_check_completion charter-check\n"
        'echo "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(charter-check validate --format s); COMP_CWORD=3; _charter_check_completion charter-check\n"
        'echo "${COMPREPLY[@]}"\n'
    )
    path = f"{PROGRAM.parent}{os.pathsep}{os.environ['PATH']}"
    result = subprocess.run(
        ["bash", "--norc", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PATH": path},
    )
    assert result.stdout.splitlines() == ["validate", "sarif"]


def test_install_completion_writes_the_script_for_the_shell_named(tmp_path: Path) -> None:
    # Typer's switch for naming the shell instead of detecting it (as its own tests do).
    environment = {"HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    result = program("--install-completion", "bash", env=environment)
    assert result.returncode == 0, result.stderr
    script = tmp_path / ".bash_completions" / "charter-check.sh"
    assert "_CHARTER_CHECK_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert str(script) in (tmp_path / ".bashrc").read_text(encoding="utf-8")


# validate - --------------------------------------------------------------------------------------


def test_validate_dash_reads_a_manifest_from_standard_input() -> None:
    manifest = (FAILING / "charter.yaml").read_text(encoding="utf-8")
    from_file = run_cli("validate", "charter.yaml", "--today", TODAY, cwd=FAILING)
    piped = run_cli("validate", "-", "--today", TODAY, cwd=FAILING, input_text=manifest)
    assert piped.exit_code == from_file.exit_code == 1
    assert piped.stdout == from_file.stdout.replace("charter.yaml:", "<stdin>:")


def test_evidence_of_a_piped_manifest_is_looked_up_from_the_working_folder(tmp_path: Path) -> None:
    manifest = (PASSING / "charter.yaml").read_text(encoding="utf-8")
    assert run_cli("validate", "-", "--today", TODAY, cwd=PASSING, input_text=manifest).exit_code == 0
    elsewhere = run_cli("validate", "-", "--today", TODAY, cwd=tmp_path, input_text=manifest)
    assert elsewhere.exit_code == 1
    assert "<stdin>:" in elsewhere.stdout and "docs/dpia.md" in elsewhere.stdout


def test_the_installed_program_reads_standard_input_too() -> None:
    manifest = (FAILING / "charter.yaml").read_text(encoding="utf-8")
    result = program("validate", "-", "-f", "json", "--today", TODAY, cwd=FAILING, stdin=manifest)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["manifest"]["path"] == "<stdin>"
    assert {finding["path"] for finding in document["findings"]} == {"<stdin>"}


def test_dash_is_given_alone(tmp_path: Path) -> None:
    result = run_cli("validate", "-", str(PASSING), input_text="")
    assert result.exit_code == 2
    assert result.stderr == (
        "charter-check: error: '-' (standard input) is checked on its own; give '-' alone, "
        "or the manifests' paths\n"
    )


def test_standard_input_has_the_files_size_limit() -> None:
    result = run_cli("validate", "-", input_text="#" * (MAX_BYTES + 1))
    assert result.exit_code == 2
    assert result.stderr == (
        f"charter-check: error: <stdin>: is over the {MAX_BYTES:,}-byte limit for a manifest; "
        "check this is the right file, and remove what does not belong in it\n"
    )
    assert run_cli("validate", "-", input_text="#" * MAX_BYTES).exit_code == 1  # at the limit: read


class _Terminal(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_terminal_is_not_read_as_a_manifest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Terminal(io.BytesIO(b"charter: lcr-2025\n")))
    with pytest.raises(CannotRun, match=r"^<stdin>: is a terminal; pipe a manifest in"):
        read_manifest_stdin()


def test_an_unreadable_standard_input_is_one_line() -> None:
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(5, "Input/output error")

    with pytest.raises(CannotRun, match=r"^<stdin>: cannot be read \(Input/output error\)"):
        read_manifest_stdin(Broken())
