"""Records and their two readers: the quick reader that ``validate`` relies on to start without
pydantic, and pydantic, the authority on what is valid.

- Whatever the quick reader accepts, pydantic accepts too, and reads into the very same record.
- The quick reader accepts every example manifest, each of its answers, and the bundled charter,
  so the quick start is the one users get.
- Anything it is unsure of still gets pydantic's located findings.

Data is generated from the examples and the bundled charter with a fixed seed (``derandomize``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.model.charter import Charter, Criterion
from charter_check.model.manifest import CriterionAnswer, Manifest
from charter_check.model.records import (
    InvalidData,
    Record,
    read_quickly,
    record_fields,
    record_from,
    validated_by_pydantic,
)
from charter_check.reading.loading import CannotRun, load_charter
from charter_check.reading.resources import bundled_charter
from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import EXAMPLES, FIXED_SEED, run_cli

AGREEMENT = settings(FIXED_SEED, max_examples=300)
MANIFESTS = [read_yaml(path.read_bytes()).data for path in sorted(EXAMPLES.glob("*/charter.yaml"))]
CHARTER_DATA = read_yaml(bundled_charter("lcr-2025").read_bytes()).data
ANSWERS = [entry for manifest in MANIFESTS for entry in manifest["answers"].values() if entry]

# Values that sit on the edges of what each field takes: wrong types, text that only looks like
# another type, blank and padded text, text with a final newline (where the two readers' pattern
# engines differ), dates real and impossible, numbers at the limits, and containers.
EDGE_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    -1,
    1.5,
    "",
    " ",
    "  padded  ",
    "yes",
    "No",
    "true",
    "answered",
    "not_applicable",
    "pending",
    "live",
    "lcr-2025",
    "Upper-Case",
    "id\n",
    "two words",
    "2025-07-03",
    "2025-02-30",
    "20250703",
    "2025-07-03T00:00:00",
    "x" * 3,
    [],
    ["docs/dpia.md"],
    [1, 2],
    {},
    {"answer": "yes"},
    {"unknown": 1},
    {"all": ["uses_ai"]},
    {"not": "uses_ai"},
    {"any": []},
]


@st.composite
def mutated(draw: st.DrawFn, originals: list[Any]) -> Any:
    """An original with a few values replaced, keys removed or keys added, anywhere in it."""
    data = copy.deepcopy(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        containers = list(_containers(data))
        container = draw(st.sampled_from(containers))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "add" or not keys:
            value = copy.deepcopy(draw(st.sampled_from(EDGE_VALUES)))
            if isinstance(container, dict):
                container[draw(st.sampled_from(["extra", "answer", "status", "notes", "id"]))] = value
            else:
                container.append(value)
            continue
        key = draw(st.sampled_from(keys))
        if action == "remove":
            del container[key]
        else:
            container[key] = copy.deepcopy(draw(st.sampled_from(EDGE_VALUES)))
    return data


def _containers(data: Any) -> list[Any]:
    found = [data] if isinstance(data, (dict, list)) else []
    children = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    for child in children:
        found += _containers(child)
    return found


def _pydantic_reading(record: type[Record], data: Any) -> Any:
    try:
        return validated_by_pydantic(record, data)
    except InvalidData:
        return InvalidData


def assert_agree(record: type[Record], data: Any) -> None:
    """What the quick reader accepts, pydantic accepts as the same record (repr shows every field,
    and whether a value is an enum member or plain text)."""
    quick = read_quickly(record, data)
    if quick is not None:
        assert repr(_pydantic_reading(record, data)) == repr(quick)


@AGREEMENT
@given(mutated(MANIFESTS))
def test_the_readers_agree_on_manifests(data: Any) -> None:
    assert_agree(Manifest, data)


@AGREEMENT
@given(mutated(ANSWERS))
def test_the_readers_agree_on_answers(data: Any) -> None:
    assert_agree(CriterionAnswer, data)


@settings(AGREEMENT, max_examples=120)
@given(mutated([CHARTER_DATA]))
def test_the_readers_agree_on_charters(data: Any) -> None:
    assert_agree(Charter, data)


@settings(AGREEMENT, max_examples=200)
@given(
    mutated([criterion for principle in CHARTER_DATA["principles"] for criterion in principle["criteria"]])
)
def test_the_readers_agree_on_criteria(data: Any) -> None:
    assert_agree(Criterion, data)


def test_the_quick_reader_takes_every_example_and_the_bundled_charter() -> None:
    for manifest in MANIFESTS:
        assert read_quickly(Manifest, manifest) is not None
    for answer in ANSWERS:
        assert read_quickly(CriterionAnswer, answer) is not None
    charter = read_quickly(Charter, CHARTER_DATA)
    assert charter is not None
    assert repr(charter) == repr(validated_by_pydantic(Charter, CHARTER_DATA))
    assert len(charter.criteria) == len(load_charter("lcr-2025").criteria)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"status": "maybe"}, "enum"),
        ({"evidence": "docs/dpia.md"}, "list_type"),
        ({"notes": 3}, "string_type"),
        ({"answer": "yes", "extra": 1}, "unexpected_keyword_argument"),
    ],
)
def test_what_the_quick_reader_declines_gets_pydantics_errors(data: dict[str, Any], expected: str) -> None:
    assert read_quickly(CriterionAnswer, data) is None
    with pytest.raises(InvalidData) as raised:
        record_from(CriterionAnswer, data)
    assert [error["type"] for error in raised.value.errors] == [expected]


def test_text_constraints_are_kept_by_both_readers() -> None:
    padded = {"charter": "  lcr-2025  ", "project": {"name": " A ", "organisation": "B"}}
    quick = read_quickly(Manifest, padded)
    assert quick is not None and quick.charter == "lcr-2025" and quick.project.name == "A"
    blank = {"charter": "lcr-2025", "project": {"name": "   ", "organisation": "B"}}
    assert read_quickly(Manifest, blank) is None
    with pytest.raises(InvalidData) as raised:
        record_from(Manifest, blank)
    assert raised.value.errors[0]["loc"] == ("project", "name")


def test_profile_answers_read_yes_and_no_as_true_and_false() -> None:
    data = {"charter": "x", "project": {"name": "A", "organisation": "B"}, "profile": {"a": "yes", "b": "No"}}
    for reading in (read_quickly(Manifest, data), validated_by_pydantic(Manifest, data)):
        assert reading is not None and reading.profile == {"a": True, "b": False}


def test_record_fields_name_what_a_manifest_may_hold() -> None:
    assert list(record_fields(CriterionAnswer)) == ["status", "answer", "evidence", "justification", "notes"]
    assert "criteria" not in record_fields(Charter) and "sha256" not in record_fields(Charter)


def test_a_charter_with_a_bad_condition_names_the_line(tmp_path: Path) -> None:
    text = bundled_charter("lcr-2025").read_text(encoding="utf-8")
    broken = text.replace("applies_when: uses_ai", "applies_when: {maybe: uses_ai}", 1)
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
