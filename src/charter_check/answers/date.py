"""Date answers, written ``YYYY-MM-DD`` in the manifest.

PASS: a real date that fits the criterion's rule: not in the future (``date_rule: not_future``),
in the future (``future``), no older than ``max_age_days``. FAIL: ``2025-02-30``, ``next
spring``, a review date that has passed, a last review more than a year ago.

At a prompt, dates are also taken as people in the UK type them, day first: ``3/12/2026``,
``3.12.2026``, ``3 Dec 2026``, ``3rd December 2026`` (all 3 December 2026); they are saved as
``2026-12-03``, and said back so that a date meant month first is caught at once.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, plain, quoted
from charter_check.model.charter import AnswerKind, Criterion, DateRule

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2}|\d{4})$")
_DAY_MONTH_NAME_YEAR = re.compile(
    r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{2}|\d{4})$", re.IGNORECASE
)
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NUMBERS = {
    **{name.lower(): number for number, name in enumerate(MONTHS, start=1)},
    **{name[:3].lower(): number for number, name in enumerate(MONTHS, start=1)},
    "sept": 9,
}
TYPED_DATE_EXAMPLES = "3/12/2026, 3 Dec 2026 or 2026-12-03"
_RULE_WORDS = {
    DateRule.ANY: "",
    DateRule.NOT_FUTURE: ", not in the future",
    DateRule.FUTURE: ", in the future",
}


class Date(Kind):
    kind = AnswerKind.DATE
    prompt = "Date (day/month/year, or YYYY-MM-DD)"

    def describe(self, criterion: Criterion) -> str:
        rule = _RULE_WORDS[criterion.date_rule]
        if criterion.max_age_days is not None:
            rule += f", no more than {criterion.max_age_days} days ago"
        return "a date (YYYY-MM-DD)" + rule

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        given = parse_date(value)
        if given is None:
            return Judgement(False, _not_a_date(value), plain(value))
        shown = given.isoformat()
        today = context.today
        if criterion.date_rule is DateRule.NOT_FUTURE and given > today:
            return Judgement(False, f"{shown} is in the future; give the date it happened", shown)
        if criterion.date_rule is DateRule.FUTURE and given <= today:
            return Judgement(False, f"{shown} has passed: {criterion.action_clause}", shown, answers_no=True)
        if criterion.max_age_days is not None and (today - given).days > criterion.max_age_days:
            return Judgement(
                False,
                f"{shown} is more than {criterion.max_age_days} days before {today.isoformat()}; "
                f"{criterion.action_clause}",
                shown,
                answers_no=True,
            )
        return Judgement(True, f"dated {shown}", shown)

    def read_typed(self, criterion: Criterion, typed: str) -> dt.date | Invalid:
        return self.read_typed_for_prompt(typed)

    def read_typed_for_prompt(self, typed: str) -> dt.date | Invalid:
        """A date typed at a prompt (a criterion's, or another question's: by when, ...): as
        ``YYYY-MM-DD``, or day first as people in the UK write it."""
        words = typed.strip()
        if _ISO_DATE.match(words):
            given = parse_date(words)
            return (
                given
                if given
                else Invalid(f"'{words}' is not a day on the calendar; give a date that exists")
            )
        found = _DAY_MONTH_YEAR.match(words) or _DAY_MONTH_NAME_YEAR.match(words)
        if found is None:
            return Invalid(f"give a date, day first, for example {TYPED_DATE_EXAMPLES}")
        return _day_first(words, *found.groups())

    def understood(self, criterion: Criterion, typed: str, value: Any) -> str | None:
        return self.said_back(typed, value)

    @staticmethod
    def said_back(typed: str, value: Any) -> str | None:
        """A date typed in another form than the one saved, as it was read: day first, which a
        person used to month first would notice."""
        if not isinstance(value, dt.date) or typed.strip() == value.isoformat():
            return None
        return f"{typed.strip()} -> {value.isoformat()} ({long_date(value, weekday=True)})"

    def shown(self, criterion: Criterion, value: Any) -> str | None:
        if isinstance(value, dt.date):
            return value.isoformat()
        return super().shown(criterion, value)

    def json_schema(self, criterion: Criterion) -> Schema:
        return {"type": "string", "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$"}


def parse_date(value: Any) -> dt.date | None:
    """A calendar date from ``YYYY-MM-DD`` text, or None."""
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def long_date(day: dt.date, *, weekday: bool = False) -> str:
    """A date as people in the UK write it, whatever the machine's locale: (Thursday) 3 December 2026."""
    written = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {written}" if weekday else written


def _day_first(words: str, day: str, month: str, year: str) -> dt.date | Invalid:
    if len(year) == 2:
        return Invalid(f"give the year in full, for example {TYPED_DATE_EXAMPLES}")
    number = int(month) if month.isdigit() else _MONTH_NUMBERS.get(month.lower())
    if number is None:
        return Invalid(
            f"'{month}' is not a month; write it as a number or a name, for example {TYPED_DATE_EXAMPLES}"
        )
    if number > 12:
        return Invalid(f"there is no month {number}: give the day first, for example {TYPED_DATE_EXAMPLES}")
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return Invalid(f"'{words}' is not a day on the calendar; give a date that exists")


def _not_a_date(value: Any) -> str:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return f"{quoted(value.strip())} is not a day on the calendar; give a date as YYYY-MM-DD that exists"
    return f"give a date as YYYY-MM-DD (got {quoted(value)})"


DATE = Date()
