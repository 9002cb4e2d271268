"""The kinds of answer as a person types them at a prompt: dates as people in the UK write them,
day first, and said back in full so that a date meant month first is caught; a choice picked by
its number said back by its value."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charter_check.answers import kind_of
from charter_check.answers.base import Invalid
from charter_check.answers.date import DATE
from charter_check.reading.loading import load_charter
from tests.conftest import FIXTURES

MINI = load_charter(str(FIXTURES / "mini_charter.yaml"))


@pytest.mark.parametrize(
    "typed",
    [
        "3/12/2026",
        "03/12/2026",
        "3.12.2026",
        "3-12-2026",
        "3 Dec 2026",
        "3 December 2026",
        "3rd December 2026",
        "3 dec. 2026",
        "2026-12-03",
        " 3 Dec 2026 ",
    ],
)
def test_a_date_is_read_day_first_as_people_in_the_uk_write_it(typed: str) -> None:
    assert DATE.read_typed_for_prompt(typed) == dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12/31/2026", "there is no month 31: give the day first"),
        ("31/2/2026", "'31/2/2026' is not a day on the calendar"),
        ("2026-02-30", "'2026-02-30' is not a day on the calendar"),
        ("3/12/26", "give the year in full"),
        ("3 Decembre 2026", "'Decembre' is not a month"),
        ("next spring", "give a date, day first, for example 3/12/2026, 3 Dec 2026 or 2026-12-03"),
    ],
)
def test_what_is_not_a_date_says_what_to_type(typed: str, message: str) -> None:
    read = DATE.read_typed_for_prompt(typed)

    assert isinstance(read, Invalid)
    assert read.message.startswith(message)


def test_a_date_typed_another_way_is_said_back_in_full_and_iso_is_not() -> None:
    assert (
        DATE.said_back("3/12/2026", dt.date(2026, 12, 3))
        == "3/12/2026 -> 2026-12-03 (Thursday 3 December 2026)"
    )
    assert DATE.said_back("2026-12-03", dt.date(2026, 12, 3)) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_day_typed_day_first_reads_back_as_that_day(day: dt.date) -> None:
    assert DATE.read_typed_for_prompt(f"{day.day}/{day.month}/{day.year}") == day
    assert DATE.read_typed_for_prompt(day.isoformat()) == day


def test_a_choice_picked_by_its_number_is_said_back_by_its_value() -> None:
    basis = MINI.criterion("law.basis")
    assert basis is not None
    choice = kind_of(basis)

    assert choice.understood(basis, "1", choice.read_typed(basis, "1")) == "1 -> public-task"
    assert choice.understood(basis, "public-task", "public-task") is None
