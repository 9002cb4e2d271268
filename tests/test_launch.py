"""The quick start of ``validate``: argparse reads ordinary ``validate`` arguments exactly as the
Typer app would, hands anything else to Typer, and the command imports only what it needs."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest
import typer.main

from charter_check.cli import ValidateFormat, app
from charter_check.commands import validate as validate_module
from charter_check.commands.outcome import exit_code
from charter_check.commands.validate import ValidateOptions
from charter_check.launch import quick_validate_options, validate_parser
from charter_check.model.charter import CriterionSeverity
from charter_check.reading.loading import CannotRun
from tests.conftest import EXAMPLES, run_cli

EXAMPLE = str(EXAMPLES / "nhs-admissions-forecast" / "charter.yaml")


def typer_options(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> ValidateOptions:
    """The options the Typer app hands to the validate command for these arguments."""
    seen: list[ValidateOptions] = []

    def capture(options: ValidateOptions) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(validate_module, "validate", capture)
    result = run_cli(*arguments)
    assert result.exit_code == 0, result.output
    return seen[0]


def test_the_quick_parser_knows_every_validate_option() -> None:
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    declared = {
        opt for param in command.params for opt in (*param.opts, *param.secondary_opts) if opt.startswith("-")
    }
    quick = {opt for action in validate_parser()._actions for opt in action.option_strings}
    assert quick == declared


def test_the_quick_parser_offers_the_same_choices() -> None:
    actions = {action.dest: action for action in validate_parser()._actions}
    assert list(actions["output_format"].choices or []) == list(get_args(ValidateFormat))
    assert list(actions["fail_level"].choices or []) == list(CriterionSeverity)


@pytest.mark.parametrize(
    "arguments",
    [
        ["validate"],
        ["validate", "a.yaml"],
        ["validate", "a.yaml", "b", "--today", "2026-11-28"],
        ["validate", "-f", "sarif", "-o", "out.sarif", "projects/*/charter.yaml"],
        ["validate", "--format=json", "a.yaml", "--strict", "b.yaml"],
        ["validate", "-fjunit", "--fail-level", "warning", "--charter", "lcr-2025", "x"],
        ["validate", "--config", "conf.yaml", "--output=o.txt", "--charter=c.yaml", "--today=2026-01-02"],
        ["validate", "-j", "2", "many/", "--jobs=0"],
        ["validate", "-"],
        ["validate", "-", "-f", "sarif", "--today", "2026-11-28"],
        ["validate", "-f", "json", "-"],
    ],
)
def test_ordinary_arguments_are_read_as_typer_reads_them(
    arguments: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = quick_validate_options(arguments)
    assert quick is not None
    assert quick == typer_options(arguments, monkeypatch)


@pytest.mark.parametrize(
    "arguments",
    [
        [],
        ["principles"],
        ["--debug", "validate", "a.yaml"],
        ["validate", "--help"],
        ["validate", "-h"],
        ["validate", "-", "-h"],
        ["validate", "-V"],
        ["validate", "--format", "yaml"],
        ["validate", "--form", "json"],
        ["validate", "--unknown"],
        ["validate", "--today", "28/11/2026"],
        ["validate", "--", "-odd-name.yaml"],
        ["validate", "--jobs", "-1"],
        ["validate", "--jobs", "two"],
    ],
)
def test_anything_else_goes_to_typer(arguments: list[str]) -> None:
    assert quick_validate_options(arguments) is None


def test_outcomes_become_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    def cannot() -> int:
        raise CannotRun("x.yaml: no such file")

    def interrupted() -> int:
        raise KeyboardInterrupt

    def broken() -> int:
        raise RuntimeError("inside")

    assert exit_code(lambda: 1) == 1
    assert exit_code(cannot) == 2
    assert capsys.readouterr().err == "charter-check: error: x.yaml: no such file\n"
    assert exit_code(interrupted) == 130
    assert exit_code(broken) == 70
    assert "internal error (RuntimeError: inside)" in capsys.readouterr().err
    with pytest.raises(RuntimeError):
        exit_code(broken, debug=True)


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "charter_check", *arguments],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def _imported(stderr: str) -> set[str]:
    return {
        line.rsplit("|", 1)[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")
    }


@pytest.mark.slow
def test_validate_starts_without_typer_jinja2_rich_or_ruamel(tmp_path: Path) -> None:
    result = _run("validate", EXAMPLE, "--today", "2026-11-28")
    assert result.returncode == 0, result.stderr[-2000:]
    imported = _imported(result.stderr)
    assert "charter_check.judging.engine" in imported
    heavy = {
        name for name in imported if name.split(".")[0] in {"typer", "click", "jinja2", "rich", "ruamel"}
    }
    assert heavy == set()


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["json", "github", "sarif", "junit", "gitlab"])
def test_machine_formats_start_without_typer_jinja2_or_rich(output_format: str) -> None:
    result = _run("validate", EXAMPLE, "--today", "2026-11-28", "--format", output_format)
    assert result.returncode == 0
    assert not {n for n in _imported(result.stderr) if n.split(".")[0] in {"typer", "jinja2", "rich"}}


@pytest.mark.slow
def test_the_program_exits_with_validates_code_and_one_line_errors() -> None:
    missing = _run("validate", "nowhere/charter.yaml")
    assert missing.returncode == 2
    [line] = [line for line in missing.stderr.splitlines() if not line.startswith("import time:")]
    assert line.startswith("charter-check: error: nowhere/charter.yaml: no such file")
    assert _run("validate", str(EXAMPLES / "council-chatbot"), "--today", "2026-11-28").returncode == 1


@pytest.mark.slow
def test_other_commands_still_go_through_typer() -> None:
    result = _run("--version")
    assert result.returncode == 0 and result.stdout.startswith("charter-check ")
    assert "typer" in _imported(result.stderr)


def test_today_defaults_to_the_real_date() -> None:
    options = quick_validate_options(["validate"])
    assert options is not None and options.today == dt.date.today()
