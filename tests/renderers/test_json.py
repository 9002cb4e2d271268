"""The ``json`` format: the versioned contract other tools read. Each criterion's result reads
back, field by field, as the assessment holds it, whatever its text holds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from charter_check.model.assessment import Assessment, CriterionResult, SaidField
from charter_check.renderers.json import render_json
from tests.conftest import EXAMPLES
from tests.renderers.assessed import FAILING, assessed

SAID: tuple[SaidField, ...] = ("justification", "missing", "who_will_find_out", "find_out_by")


def as_read_back(result: CriterionResult) -> dict[str, Any]:
    """What a reader of the JSON should find for ``result``."""
    criterion = result.criterion
    return {
        "id": criterion.id,
        "title": criterion.title,
        "status": result.status.value,
        "severity": criterion.severity.value,
        "message": result.message,
        "answer": result.answer_text,
        "evidence": [{"reference": item.reference, "state": item.state.value} for item in result.evidence],
        **{field: result.said(field) for field in SAID},
        "due_by": result.due_by.value if result.due_by else None,
        "statutory": criterion.statutory,
        "notes": result.notes,
    }


def read_back(assessment: Assessment) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render_json([assessment]))
    return document


@pytest.mark.parametrize(
    "manifest", [*sorted(EXAMPLES.glob("*/charter.yaml"))], ids=lambda path: path.parent.name
)
def test_every_criterion_reads_back_as_assessed(manifest: Path) -> None:
    assessment = assessed(manifest)
    principles = read_back(assessment)["principles"]
    assert [p["id"] for p in principles] == [result.principle.id for result in assessment.principles]
    for shown, result in zip(principles, assessment.principles, strict=True):
        assert (shown["number"], shown["title"], shown["status"]) == (
            result.principle.number,
            result.principle.title,
            result.status.value,
        )
        assert shown["criteria"] == [as_read_back(item) for item in result.criteria]


def test_what_json_escapes_reads_back_as_written(tmp_path: Path) -> None:
    """Quotation marks, backslashes, line breaks, tabs, the Unicode line separator, markup and
    characters beyond the Basic Multilingual Plane, in what a project writes, read back unchanged."""
    notes = 'He said "yes" \\ no\tthen\nmore \u2028 </script> café \U0001f600'
    written = r'"He said \"yes\" \\ no\tthen\nmore \u2028 </script> café \U0001F600"'  # as YAML escapes them
    project = tmp_path / "chatbot"
    shutil.copytree(FAILING.parent, project)
    manifest = project / "charter.yaml"
    text = manifest.read_text(encoding="utf-8")
    entry = "  security.safe-settings:\n    answer: controlled-environment\n"
    assert entry in text
    manifest.write_text(
        text.replace(entry, f"{entry}    notes: {written}\n    evidence: [missing.md]\n", 1).replace(
            "    evidence: [docs/dpia.md]\n  security.safe-data:", "  security.safe-data:", 1
        ),
        encoding="utf-8",
    )
    assessment = assessed(manifest)
    criteria = [item for principle in read_back(assessment)["principles"] for item in principle["criteria"]]
    shown = next(item for item in criteria if item["id"] == "security.safe-settings")
    assert shown["notes"] == notes
    assert shown["evidence"] == [{"reference": "missing.md", "state": "missing"}]
    result = next(item for item in assessment.criteria if item.criterion.id == "security.safe-settings")
    assert shown == as_read_back(result)
