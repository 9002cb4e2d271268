"""The command line's own behaviour: internal errors and interruptions."""

from __future__ import annotations

import pytest

from charter_check import __version__
from charter_check.commands import validate as validate_module
from tests.conftest import EXAMPLES, run_cli

EXAMPLE = str(EXAMPLES / "nhs-admissions-forecast" / "charter.yaml")


def explode(*_: object) -> int:
    raise RuntimeError("something inside broke")


def test_an_internal_error_is_one_line_with_the_version_and_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "validate", explode)
    result = run_cli("validate", EXAMPLE)
    assert result.exit_code == 70
    assert "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert "internal error (RuntimeError: something inside broke)" in line
    assert f"charter-check {__version__}" in line
    assert "--debug" in line


def test_debug_shows_the_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "validate", explode)
    with pytest.raises(RuntimeError, match="something inside broke"):
        run_cli("--debug", "validate", EXAMPLE)


def test_ctrl_c_exits_130_without_a_trace(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(validate_module, "validate", interrupted)
    result = run_cli("validate", EXAMPLE)
    assert result.exit_code == 130
    assert result.stderr == "charter-check: interrupted\n"
