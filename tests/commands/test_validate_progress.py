"""The progress bar: shown on a terminal when many manifests are checked, never in a pipe or a CI
log, and never mixed into the results."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from charter_check.checking.parallel import PARALLEL_FROM
from tests.conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.slow

MANY = 25  # above commands.validate.PROGRESS_FROM


def organisation(folder: Path, count: int) -> Path:
    for number in range(count):
        shutil.copytree(EXAMPLES / "transport-dashboard", folder / f"project-{number:03d}")
    return folder


@pytest.mark.parametrize("many", [MANY, PARALLEL_FROM + 5], ids=["one process", "several"])
def test_a_terminal_shows_progress_then_the_results(tmp_path: Path, many: int) -> None:
    organisation(tmp_path, many)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "GITHUB_ACTIONS")}
    env.update({"TERM": "xterm", "COLUMNS": "100"})
    child = pexpect.spawn(
        sys.executable,
        ["-m", "charter_check", "validate", ".", "--today", "2026-11-28"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=120,
    )
    child.expect(pexpect.EOF)
    child.close()
    screen = child.before or ""
    assert "Checking manifests" in screen
    assert f"{many} manifests checked: {many} passed, 0 failed" in screen
    assert child.exitstatus == 0


def test_no_progress_bar_outside_a_terminal(tmp_path: Path) -> None:
    organisation(tmp_path, MANY)
    result = run_cli("validate", ".", "--today", "2026-11-28", cwd=tmp_path)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Checking manifests" not in result.stdout
