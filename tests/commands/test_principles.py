"""``charter-check principles`` and ``--version``: the charter at a glance."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from charter_check import __version__
from tests.conftest import run_cli


def test_json_lists_eleven_principles_with_their_criteria() -> None:
    result = run_cli("principles", "--format", "json")
    assert result.exit_code == 0
    principles = json.loads(result.stdout)["principles"]
    assert [p["number"] for p in principles] == list(range(1, 12))
    assert principles[1]["id"] == "security"
    assert all({"id", "number", "title", "statement", "criteria"} <= set(p) for p in principles)
    assert all(len(p["criteria"]) >= 3 for p in principles)


def test_text_marks_which_statements_are_the_charters_words() -> None:
    output = run_cli("principles").stdout
    assert " 1. Beneficial  [the charter's wording]" in output
    assert " 6. Privacy  [summary written for charter-check; not the charter's wording]" in output


def test_markdown_is_a_table_per_principle() -> None:
    output = run_cli("principles", "--format", "markdown").stdout
    assert output.count("\n## ") == 11
    assert '| <a id="security-lawful-basis"></a>`security.lawful-basis` |' in output


@pytest.mark.slow
def test_version_is_printed_by_the_entry_point_and_python_m() -> None:
    assert run_cli("--version").stdout == f"charter-check {__version__}\n"
    module = subprocess.run(
        [sys.executable, "-m", "charter_check", "--version"], capture_output=True, text=True, check=True
    )
    assert module.stdout == f"charter-check {__version__}\n"
