"""The models a manifest and a charter are read into (pydantic, strict for what a project writes):
what they refuse, and the messages and lines a maintainer or a project sees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from charter_check.model.base import InvalidData, validated
from charter_check.model.charter import Charter
from charter_check.model.manifest import CriterionAnswer, Manifest
from charter_check.reading.loading import CannotRun, load_charter
from charter_check.reading.resources import bundled_charter
from tests.conftest import run_cli


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"status": "maybe"}, "enum"),
        ({"evidence": "docs/dpia.md"}, "list_type"),
        ({"notes": 3}, "string_type"),
        ({"answer": "yes", "extra": 1}, "extra_forbidden"),
    ],
)
def test_an_answer_entry_of_the_wrong_shape_gets_one_error_each(data: dict[str, Any], expected: str) -> None:
    with pytest.raises(InvalidData) as raised:
        validated(CriterionAnswer, data)
    assert [error["type"] for error in raised.value.errors] == [expected]


def test_names_are_read_without_the_spaces_around_them_and_may_not_be_blank() -> None:
    padded = validated(Manifest, {"charter": "  lcr-2025  ", "project": {"name": " A ", "organisation": "B"}})
    assert padded.charter == "lcr-2025" and padded.project.name == "A"
    blank = {"charter": "lcr-2025", "project": {"name": "   ", "organisation": "B"}}
    with pytest.raises(InvalidData) as raised:
        validated(Manifest, blank)
    assert raised.value.errors[0]["loc"] == ("project", "name")


def test_profile_answers_read_yes_and_no_as_true_and_false() -> None:
    data = {"charter": "x", "project": {"name": "A", "organisation": "B"}, "profile": {"a": "yes", "b": "No"}}
    assert validated(Manifest, data).profile == {"a": True, "b": False}


def test_a_number_is_not_taken_as_text_nor_text_as_a_number() -> None:
    with pytest.raises(InvalidData) as raised:
        validated(
            Manifest, {"charter": "x", "charter_version": 1.0, "project": {"name": "A", "organisation": "B"}}
        )
    assert [error["type"] for error in raised.value.errors] == ["string_type"]


def test_the_fields_name_what_a_manifest_may_hold() -> None:
    assert list(CriterionAnswer.model_fields) == [
        "status",
        "answer",
        "evidence",
        "justification",
        "missing",
        "who_will_find_out",
        "find_out_by",
        "notes",
    ]
    assert "criteria" not in Charter.model_fields and "sha256" not in Charter.model_fields


def test_a_charter_with_a_bad_condition_names_the_line(tmp_path: Path) -> None:
    text = bundled_charter("lcr-2025").read_text(encoding="utf-8")
    broken = text.replace("applies_when: personal_data\n", "applies_when: {maybe: uses_ai}\n", 1)
    assert broken != text
    charter = tmp_path / "charter.yaml"
    charter.write_text(broken, encoding="utf-8")
    with pytest.raises(CannotRun) as raised:
        load_charter(str(charter))
    message = str(raised.value)
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "{maybe: uses_ai}" in row)
    assert message.startswith(f"{charter}:{line}:")
    assert "a condition must be a profile question id, or 'all:' or 'any:'" in message


def test_a_charter_field_the_charter_may_not_set_is_refused(tmp_path: Path) -> None:
    text = bundled_charter("lcr-2025").read_text(encoding="utf-8")
    charter = tmp_path / "charter.yaml"
    charter.write_text(text + "sha256: forged\n", encoding="utf-8")
    result = run_cli("principles", "--charter", str(charter))
    assert result.exit_code == 2
    assert "unknown key 'sha256'" in result.output
