"""The NHS example passes; a copy of it with any one blocking answer made a non-answer, the
accountable person's name made a role, the summary blanked, or a configuration that switches a
blocking rule off, does not. Each fails with the exit code a pipeline reads, naming the line."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from charter_check.model.charter import AnswerKind
from charter_check.reading.loading import load_charter
from tests.conftest import EXAMPLES, run_cli

EXAMPLE = EXAMPLES / "nhs-admissions-forecast"
TODAY = "2026-11-28"
CHARTER = load_charter("lcr-2025")


def blocking_met_criteria() -> list[str]:
    """The criteria the example meets whose failure blocks approval, answered under ``answers:``."""
    result = run_cli("validate", str(EXAMPLE / "charter.yaml"), "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.output
    criteria = [c for p in json.loads(result.stdout)["principles"] for c in p["criteria"]]
    return [
        c["id"]
        for c in criteria
        if c["status"] == "met"
        and c["severity"] == "error"
        and CHARTER.criterion(c["id"]).answer_from is None  # type: ignore[union-attr]
        and CHARTER.criterion(c["id"]).answer is not AnswerKind.EVIDENCE  # type: ignore[union-attr]
    ]


BLOCKING = blocking_met_criteria()


def copy_of_example(folder: Path) -> Path:
    project = folder / "forecast"
    shutil.copytree(EXAMPLE, project)
    (project / ".git").mkdir()  # its own repository, so no configuration from above is read
    return project / "charter.yaml"


def with_non_answer(text: str, criterion_id: str, non_answer: str = "TBC") -> tuple[str, int]:
    """The manifest with the answer of ``criterion_id`` (however many lines it takes) replaced by
    ``non_answer``, and the line it is on."""
    lines = text.splitlines()
    start = lines.index(f"  {criterion_id}:")
    answer = next(n for n in range(start + 1, len(lines)) if lines[n].startswith("    answer:"))
    end = answer + 1
    while end < len(lines) and lines[end].startswith("      "):  # a folded or listed answer
        end += 1
    lines[answer:end] = [f"    answer: {json.dumps(non_answer)}"]
    return "\n".join(lines) + "\n", answer + 1


def validate(manifest: Path) -> tuple[int, str]:
    result = run_cli("validate", str(manifest), "--today", TODAY)
    return result.exit_code, result.output + result.stderr


def test_the_example_has_blocking_answers_of_every_kind_to_break() -> None:
    kinds = {CHARTER.criterion(c).answer for c in BLOCKING}  # type: ignore[union-attr]
    assert len(BLOCKING) > 30
    assert {AnswerKind.TEXT, AnswerKind.YES_NO, AnswerKind.CHOICE, AnswerKind.DATE} <= kinds


@pytest.mark.slow
@pytest.mark.parametrize("criterion_id", BLOCKING)
def test_any_one_blocking_answer_made_a_non_answer_fails_naming_its_line(
    tmp_path: Path, criterion_id: str
) -> None:
    manifest = copy_of_example(tmp_path)
    text, line = with_non_answer(manifest.read_text(encoding="utf-8"), criterion_id)
    manifest.write_text(text, encoding="utf-8")

    code, output = validate(manifest)

    assert code == 1, output
    assert re.search(rf"charter\.yaml:{line}:\d+: error \[{re.escape(criterion_id)}\]", output), output
    assert "FAIL: Not ready" in output


@pytest.mark.parametrize(
    "paraphrase",
    [
        "We will decide this at a later date.",
        "The team will confirm it in due course.",
        "Details are in the DPIA.",
        "Covered in our data protection policy.",
        "Please see the attached documents.",
        "Not applicable to this project.",
    ],
)
def test_a_paraphrased_non_answer_to_a_text_question_fails_naming_its_line(
    tmp_path: Path, paraphrase: str
) -> None:
    criterion_id = next(c for c in BLOCKING if CHARTER.criterion(c).answer is AnswerKind.TEXT)  # type: ignore[union-attr]
    manifest = copy_of_example(tmp_path)
    text, line = with_non_answer(manifest.read_text(encoding="utf-8"), criterion_id, paraphrase)
    manifest.write_text(text, encoding="utf-8")

    code, output = validate(manifest)

    assert code == 1, output
    finding = rf"charter\.yaml:{line}:\d+: error \[{re.escape(criterion_id)}\] the answer says "
    assert re.search(finding, output), output  # refused for what it says, not for being short
    assert "FAIL: Not ready" in output


@pytest.mark.parametrize(
    "name",
    ["Chief Clinical Information Officer", "TBC", "aisha.rahman@mersey-valley.nhs.example"],
)
def test_the_accountable_person_must_be_a_person(tmp_path: Path, name: str) -> None:
    manifest = copy_of_example(tmp_path)
    text = manifest.read_text(encoding="utf-8")
    person = "    name: Dr Aisha Rahman\n"
    assert person in text
    manifest.write_text(text.replace(person, f"    name: {name}\n", 1), encoding="utf-8")

    code, output = validate(manifest)

    assert code == 1, output
    assert "charter.yaml:19:11: error [accountability.accountable-person]" in output


def test_a_blank_summary_fails_naming_its_line(tmp_path: Path) -> None:
    manifest = copy_of_example(tmp_path)
    text = manifest.read_text(encoding="utf-8")
    summary = re.search(r"(?ms)^  summary: >-\n(?:    .*\n)+", text)
    assert summary is not None
    manifest.write_text(text.replace(summary.group(), "  summary:\n"), encoding="utf-8")

    code, output = validate(manifest)

    assert code == 1, output
    assert "charter.yaml:9:" in output and "[project.summary]" in output


@pytest.mark.parametrize(
    "rule",
    [
        "security.lawful-basis",
        "accountability.declaration-statement",
        "security.dpia-review",
        "beneficial.public-benefit",
    ],
)
def test_a_configuration_switching_off_a_blocking_or_statutory_rule_stops_validate(
    tmp_path: Path, rule: str
) -> None:
    manifest = copy_of_example(tmp_path)
    (manifest.parent / ".charter-check.yaml").write_text(
        f"switch-off:\n  {rule}: The board has agreed this does not apply to us.\n", encoding="utf-8"
    )

    code, output = validate(manifest)

    assert code == 2, output
    assert f".charter-check.yaml:2:3: '{rule}' cannot be switched off" in output
