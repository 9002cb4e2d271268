"""What a person types at a prompt, read as an answer of the kind a criterion needs."""

from __future__ import annotations

import datetime as dt

import pytest

from charter_check.answers.typed import (
    Invalid,
    read_choice,
    read_date,
    read_evidence,
    read_justification,
    read_text,
    read_yes_no,
    shown_answer,
)
from charter_check.model.charter import Criterion
from charter_check.reading.loading import load_charter
from tests.conftest import FIXTURES

MINI = load_charter(str(FIXTURES / "mini_charter.yaml"))


def criterion(criterion_id: str) -> Criterion:
    found = MINI.criterion(criterion_id)
    assert found is not None
    return found


@pytest.mark.parametrize(("typed", "read"), [("yes", True), ("Y", True), ("no", False), ("N", False)])
def test_yes_and_no(typed: str, read: bool) -> None:
    assert read_yes_no(typed) is read


def test_anything_else_is_not_yes_or_no() -> None:
    assert read_yes_no("maybe") == Invalid("answer yes or no")


def test_a_choice_by_number_or_value() -> None:
    basis = criterion("law.basis")

    assert read_choice(basis, "2") == read_choice(basis, "legitimate-interests") == "legitimate-interests"
    assert isinstance(read_choice(basis, "4"), Invalid)
    assert isinstance(read_choice(basis, "(e) public task"), Invalid)


@pytest.mark.parametrize("typed", ["2027-02-30", "31/12/2026", "next spring", "2026-1-5"])
def test_a_date_must_be_a_real_date_written_yyyy_mm_dd(typed: str) -> None:
    assert isinstance(read_date(typed), Invalid)


def test_a_real_date() -> None:
    assert read_date(" 2026-02-28 ") == dt.date(2026, 2, 28)


def test_text_has_its_spacing_tidied_and_its_length_checked() -> None:
    benefit = criterion("care.benefit")

    assert read_text(benefit, "  Better   care  ") == "Better care"
    assert read_text(benefit, "Care") == Invalid("write at least 10 characters (this is 4)")


def test_a_justification_is_a_sentence() -> None:
    assert isinstance(read_justification("n/a really"), Invalid)
    assert read_justification("No data leaves the UK.") == "No data leaves the UK."


def test_evidence_is_comma_separated_and_links_must_be_https() -> None:
    assert read_evidence("docs/a.md,  https://x.example/b , docs/a.md") == [
        "docs/a.md",
        "https://x.example/b",
    ]
    assert read_evidence("none") == []
    assert read_evidence("http://x.example/b") == Invalid(
        "'http://x.example/b': only https:// links are accepted as evidence"
    )
    assert isinstance(read_evidence("/etc/passwd"), Invalid)


def test_saved_answers_are_shown_as_they_would_be_typed() -> None:
    assert shown_answer(criterion("care.approved"), True) == "yes"
    assert shown_answer(criterion("care.approved"), "no") == "no"
    assert shown_answer(criterion("care.person"), {"name": "A", "role": "B"}) == "A, B"
    assert shown_answer(criterion("review.next"), None) is None
