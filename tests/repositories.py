"""Git repositories for the tests that run charter-check as a project would get it: this checkout
as a repository of its own (which pip, pre-commit and the Action install from), and a project's
repository holding example manifests."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, TESTS

REPO = TESTS.parent
EXAMPLES_DAY = dt.date(2026, 11, 28)
NOT_COPIED = (
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    "build",
    "dist",
)


def git(folder: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=charter-check tests", "-c", "user.email=tests@charter-check.example"]
    subprocess.run(["git", *identity, *arguments], cwd=folder, check=True, capture_output=True)


def as_of_today(text: str) -> str:
    """The example's dates moved so that the example reads on today's date as it did on the day
    it was written (the hook runs with the real date)."""
    shift = dt.date.today() - EXAMPLES_DAY

    def moved(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group(0)) + shift).isoformat()

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", moved, text)


def checkout_snapshot(folder: Path) -> Path:
    """The files of this checkout, as they are now (changes not yet committed included), committed
    as a git repository of their own in ``folder/charter-check``."""
    copy = folder / "charter-check"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "snapshot")
    return copy


def project_with_examples(folder: Path) -> Path:
    """A project's repository in ``folder`` holding a passing and a failing manifest, staged."""
    for name in ("nhs-admissions-forecast", "council-chatbot"):
        shutil.copytree(EXAMPLES / name, folder / name)
        manifest = folder / name / "charter.yaml"
        manifest.write_text(as_of_today(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    return folder
