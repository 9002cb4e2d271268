"""The README's first command, run as written (from its Set-up section) on the last day of each year
to 2030: the bundled NHS example's reviews fall due over those years, and the command still ends
well and writes the report, with validate's verdict shown on the way. Installing is left to the
install tests: here ``python3 -m venv`` and ``pip install .`` stand in, and ``charter-check`` is
this checkout's, with the day given (``--today``) as the clock would."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, TESTS

README = TESTS.parent / "README.md"
YEAR_ENDS = [f"{year}-12-31" for year in range(2026, 2031)]
REPORT = "nhs-report.html"

STAND_INS = {
    "python3": 'if [ "$*" = "-m venv .venv" ]; then exit 0; fi\necho "unexpected: python3 $*" >&2; exit 97\n',
    ".venv/bin/pip": 'if [ "$*" = "install ." ]; then exit 0; fi\necho "unexpected: pip $*" >&2; exit 97\n',
    ".venv/bin/charter-check": 'command="$1"; shift\nexec "{python}" -m charter_check "$command" --today "{today}" "$@"\n',
}


def quick_start() -> str:
    """The one command in the first ``sh`` block of the README's Set-up section."""
    readme = README.read_text(encoding="utf-8")
    set_up = readme.split("\n## Set-up", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"^```sh\n(.*?)^```$", set_up, flags=re.MULTILINE | re.DOTALL)
    assert block, "README.md's Set-up section has no ```sh block"
    lines = block[1].strip().splitlines()
    assert len(lines) == 1, "the README's first command is one line to copy"
    return lines[0]


def checkout(folder: Path, today: str) -> Path:
    """A folder like a fresh checkout: the examples, and stand-ins for Python, pip and charter-check."""
    shutil.copytree(EXAMPLES, folder / "examples")
    for name, script in STAND_INS.items():
        path = folder / "bin" / name if "/" not in name else folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("#!/bin/sh\n" + script.format(python=sys.executable, today=today), encoding="utf-8")
        path.chmod(0o755)
    return folder


def test_the_first_command_installs_then_checks_the_example_and_writes_its_report() -> None:
    command = quick_start()
    assert command.startswith("python3 -m venv .venv && .venv/bin/pip install . && ")
    assert "charter-check validate examples/nhs-admissions-forecast" in command
    assert f"charter-check report examples/nhs-admissions-forecast --format html -o {REPORT}" in command


@pytest.mark.slow
@pytest.mark.parametrize("today", YEAR_ENDS)
def test_the_first_command_writes_the_report_whatever_the_year(tmp_path: Path, today: str) -> None:
    folder = checkout(tmp_path, today)
    run = subprocess.run(
        ["sh", "-c", quick_start()],
        cwd=folder,
        env={"PATH": f"{folder / 'bin'}:/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"examples/nhs-admissions-forecast/charter\.yaml: (PASS|FAIL): ", run.stdout), run.stdout
    assert run.stdout.endswith(f"Wrote the report to {REPORT}: {verdict(run.stdout)}.\n")
    assert (folder / REPORT).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def verdict(validate_output: str) -> str:
    """The verdict validate printed, which the report's line repeats."""
    found = re.search(r": (?:PASS|FAIL): (.+?)(?:; \d+ error|$)", validate_output, flags=re.MULTILINE)
    assert found, validate_output
    return found[1]
