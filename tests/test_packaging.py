"""The built wheel carries the bundled charter and templates, and works away from the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory, distributions: tuple[Path, Path]) -> Path:
    """The wheel built for the run (``distributions``), unpacked into an empty folder."""
    _, wheel = distributions
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "charter_check", *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_wheel_ships_the_charter_and_templates(unpacked_wheel: Path) -> None:
    assert (unpacked_wheel / "charter_check" / "charters" / "lcr_2025.yaml").is_file()
    shipped = {path.name for path in (unpacked_wheel / "charter_check" / "templates").iterdir()}
    assert shipped == {path.name for path in (ROOT / "templates").iterdir()}


def test_installed_package_finds_its_charter_from_another_folder(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    result = run_installed(unpacked_wheel, tmp_path, "principles", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["principles"]) == 11


def test_installed_package_validates_the_passing_example(unpacked_wheel: Path, tmp_path: Path) -> None:
    example = ROOT / "examples" / "nhs-admissions-forecast" / "charter.yaml"
    result = run_installed(unpacked_wheel, tmp_path, "validate", str(example), "--today", "2026-11-28")
    assert result.returncode == 0, result.stdout + result.stderr
