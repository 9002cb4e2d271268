"""Date answers, written ``YYYY-MM-DD``.

PASS: a real date that fits the criterion's rule: not in the future (``date_rule: not_future``),
in the future (``future``), no older than ``max_age_days``. FAIL: ``2025-02-30``, ``next
spring``, a review date that has passed, a last review more than a year ago.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, plain, quoted
from charter_check.model.charter import AnswerKind, Criterion, DateRule

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RULE_WORDS = {
    DateRule.ANY: "",
    DateRule.NOT_FUTURE: ", not in the future",
    DateRule.FUTURE: ", in the future",
}


class Date(Kind):
    kind = AnswerKind.DATE
    prompt = "Date (YYYY-MM-DD)"

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
            return Judgement(False, f"{shown} has passed: {criterion.action_clause}", shown)
        if criterion.max_age_days is not None and (today - given).days > criterion.max_age_days:
            return Judgement(
                False,
                f"{shown} is more than {criterion.max_age_days} days before {today.isoformat()}; "
                f"{criterion.action_clause}",
                shown,
            )
        return Judgement(True, f"dated {shown}", shown)

    def read_typed(self, criterion: Criterion, typed: str) -> dt.date | Invalid:
        return self.read_typed_for_prompt(typed)

    def read_typed_for_prompt(self, typed: str) -> dt.date | Invalid:
        """A date typed at a prompt, for a question that is not a criterion's (by when, ...)."""
        given = parse_date(typed)
        return Invalid("give a real date as YYYY-MM-DD, for example 2026-03-31") if given is None else given

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


def _not_a_date(value: Any) -> str:
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        return f"{quoted(value.strip())} is not a day on the calendar; give a date as YYYY-MM-DD that exists"
    return f"give a date as YYYY-MM-DD (got {quoted(value)})"


DATE = Date()
