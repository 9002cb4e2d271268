"""Colour: only in the ``text`` format on a terminal (or with FORCE_COLOR), never with NO_COLOR,
never in machine formats; and nothing in a manifest is read as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter_check.renderers.colour import coloured_span
from tests.conftest import run_cli
from tests.renderers.assessed import FAILING, write_manifest

ESCAPE = "\x1b["


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")


@pytest.mark.usefixtures("forced")
def test_force_color_colours_the_text_format() -> None:
    result = run_cli("validate", str(FAILING), "--today", "2026-11-28", "--format", "text")
    assert ESCAPE in result.stdout
    assert "error" in result.stdout and "FAIL" in result.stdout


@pytest.mark.usefixtures("forced")
def test_no_color_wins_over_force_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    result = run_cli("validate", str(FAILING), "--today", "2026-11-28")
    assert ESCAPE not in result.stdout


@pytest.mark.usefixtures("forced")
@pytest.mark.parametrize("output_format", ["json", "github", "sarif", "junit", "gitlab"])
def test_machine_formats_are_never_coloured(output_format: str) -> None:
    result = run_cli("validate", str(FAILING), "--today", "2026-11-28", "--format", output_format)
    assert ESCAPE not in result.stdout


@pytest.mark.usefixtures("forced")
def test_output_to_a_file_is_never_coloured(tmp_path: Path) -> None:
    output = tmp_path / "out.txt"
    run_cli("validate", str(FAILING), "--today", "2026-11-28", "--format", "text", "-o", str(output))
    assert ESCAPE not in output.read_text(encoding="utf-8")


@pytest.mark.usefixtures("forced")
def test_markup_and_emoji_codes_in_a_manifest_are_shown_as_typed(tmp_path: Path) -> None:
    write_manifest(
        tmp_path,
        "charter: lcr-2025\nproject: {name: X, organisation: Y}\nanswers:\n"
        '  security.safe-settings:\n    answer: "[bold red]x[/] :smile:"\n',
    )
    result = run_cli("validate", "--today", "2026-11-28", cwd=tmp_path)
    assert "[bold red]x[/] :smile:" in result.stdout


def test_only_the_status_words_are_coloured() -> None:
    line = "charter.yaml:7:13: error [beneficial.public-benefit] the answer is too short"
    assert coloured_span(line) == (19, 24, "bold red")
    assert coloured_span("  2. Security                   NOT MET              1 not met") is not None
    assert coloured_span("charter.yaml: PASS: 0 error(s), 0 warning(s)") == (14, 18, "bold green")
    assert coloured_span("2 manifests checked: 1 passed, 1 failed") is None
