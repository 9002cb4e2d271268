"""A throwaway project folder for the hostile cases, beside files the project must not reach,
and the date and example project they are checked with."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

TODAY = "2026-11-28"

HOSTILE = Path(__file__).parent
CASES = HOSTILE / "cases"
EXAMPLE = HOSTILE.parents[1] / "examples" / "nhs-admissions-forecast"


@dataclass
class Sandbox:
    """A folder holding a project (``project/``, with the example project's ``docs/`` as evidence)
    next to files the project must not reach (``outside/``), and a link from ``project/docs`` out
    to them."""

    root: Path
    project: Path = field(init=False)
    outside: Path = field(init=False)

    def __post_init__(self) -> None:
        self.project = self.root / "project"
        self.outside = self.root / "outside"
        self.project.mkdir(parents=True)
        shutil.copytree(EXAMPLE / "docs", self.project / "docs")
        self.outside.mkdir()
        (self.outside / "secret.md").write_text("not for the project\n", encoding="utf-8")
        shutil.copy(EXAMPLE / "charter.yaml", self.outside / "charter.yaml")
        (self.outside / "easy-charter.yaml").write_text(_EASY_CHARTER, encoding="utf-8")
        (self.project / "docs" / "escape.md").symlink_to(Path("..", "..", "outside", "secret.md"))

    @property
    def manifest(self) -> Path:
        return self.project / "charter.yaml"

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Every file under the sandbox (links not followed), with its size and modification time."""
        found: dict[str, tuple[int, int]] = {}
        for path in _walk(self.root):
            status = path.lstat()
            found[path.relative_to(self.root).as_posix()] = (status.st_size, status.st_mtime_ns)
        return found


def _walk(root: Path) -> Iterable[Path]:
    for folder, folders, files in os.walk(root):
        for name in [*folders, *files]:
            yield Path(folder, name)


# A charter a hostile manifest would like to be judged by: one criterion, always met.
_EASY_CHARTER = """\
schema_version: 1
id: lcr-2025
title: Easy
version: "1.0"
published: 2025-01-01
publisher: Nobody
sources: [{title: Nothing}]
provenance: Made up.
profile: [{id: anything, question: Anything?, label: anything}]
principles:
  - number: 1
    id: easy
    title: Easy
    wording: summary
    statement: Nothing to do.
    criteria:
      - id: easy.nothing
        title: Nothing
        question: Nothing?
        action: Nothing.
        answer: evidence
        severity: warning
        sources: [{ref: none, type: guidance}]
"""


def cite(project: Path, references: list[str]) -> None:
    """Write a manifest citing ``references`` as the DPIA's evidence."""
    cited = "".join(f"      - {json.dumps(reference)}\n" for reference in references)
    (project / "charter.yaml").write_text(
        "charter: lcr-2025\nproject:\n  name: Evidence\n  organisation: Liverpool City Council\n"
        f"answers:\n  security.dpia:\n    answer: completed\n    evidence:\n{cited}",
        encoding="utf-8",
    )
