"""The checkers the tests run that are not Python packages: programs from the system (Chromium,
its WebDriver, Java, Node.js) and npm packages in ``.ci/browser-tools``. ``.ci/run`` installs them
all; a missing one fails the test that needs it, rather than skipping it, and nothing is fetched
while the tests run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TESTS

NODE_MODULES = Path(
    os.environ.get("CHARTER_CHECK_BROWSER_TOOLS", TESTS.parent / ".ci" / "browser-tools" / "node_modules")
)
INSTALL = "run .ci/run, which installs it (see the README)"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"


def program(name: str) -> str:
    """The path of a program on PATH; the test fails when it is not installed."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"'{name}' is not installed; {INSTALL}")
    return found


def tool_file(path: Path) -> Path:
    """A file an installed tool provides; the test fails when it is missing."""
    if not path.is_file():
        pytest.fail(f"{path} is missing; {INSTALL}")
    return path


def html_checker_errors(pages: Iterable[Path]) -> list[dict[str, Any]]:
    """What the Nu HTML Checker (run with Java) finds wrong in the HTML files ``pages``: every
    message of its but the informative ones."""
    checked = subprocess.run(
        [program("java"), "-jar", str(tool_file(VNU)), "--format", "json", "--stdout", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages: list[dict[str, Any]] = json.loads(checked.stdout)["messages"]
    return [message for message in messages if message["type"] != "info"]
