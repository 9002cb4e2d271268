"""Assessments of the examples (and of small manifests written by a test), as ``validate`` makes
them, for the tests of the CI formats."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from charter_check.checking.check import Checking, check_manifest
from charter_check.model.assessment import Assessment, SwitchedOff
from charter_check.reading.config import Config
from tests.conftest import EXAMPLES

TODAY = dt.date(2026, 11, 28)
PASSING = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
FAILING = EXAMPLES / "council-chatbot" / "charter.yaml"


def assessed(path: Path, *, strict: bool = False) -> Assessment:
    return check_manifest(path, Checking(today=TODAY, fail_level="warning" if strict else None)).assessment


def switched_off(assessment: Assessment, rule: str, reason: str) -> Assessment:
    """The assessment with ``rule`` switched off by a configuration file, for ``reason``."""
    config = Config(
        source=".charter-check.yaml", switches=(SwitchedOff(rule, reason, ".charter-check.yaml:4:3"),)
    )
    return config.apply(assessment)


def write_manifest(folder: Path, text: str) -> Path:
    path = folder / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def in_a_repository(folder: Path) -> Path:
    """A copy of the failing example at ``projects/chatbot/charter.yaml`` in a repository made in
    ``folder`` (``folder/repo``, whose ``.git`` marks its top, as git's own does)."""
    repository = folder / "repo"
    (repository / ".git").mkdir(parents=True)
    project = repository / "projects" / "chatbot"
    shutil.copytree(FAILING.parent, project)
    return project / "charter.yaml"


def answer_line(manifest: Path, criterion_id: str) -> int:
    """The line of ``answer:`` under ``criterion_id`` in ``manifest`` (1-based), found in the text."""
    lines = manifest.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {criterion_id}:")
    return next(
        number for number, line in enumerate(lines[start:], start + 1) if line.startswith("    answer:")
    )
