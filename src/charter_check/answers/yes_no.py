"""Yes/no answers.

PASS: ``answer: yes`` when the charter expects yes (``expected: true``, the default); also ``y``,
``true``, or a YAML boolean. FAIL: ``answer: no``, or anything that is not yes or no (``maybe``).
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, one_of_words
from charter_check.model.charter import AnswerKind, Criterion
from charter_check.model.words import NO_WORDS, YES_WORDS, yes_or_no

YES_NO_SCHEMA: Schema = {"anyOf": [{"type": "boolean"}, one_of_words([*YES_WORDS, *NO_WORDS], any_case=True)]}


class YesNo(Kind):
    kind = AnswerKind.YES_NO

    def describe(self, criterion: Criterion) -> str:
        return "yes or no"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        answer = yes_or_no(value)
        if answer is None:
            return Judgement.unrecognised("answer yes or no", value)
        shown = "yes" if answer else "no"
        if answer is criterion.expected:
            return Judgement(True, f"answered {shown}", shown)
        return Judgement(False, f"answered {shown}: {criterion.action_clause}", shown, answers_no=True)

    def read_typed(self, criterion: Criterion, typed: str) -> str | Invalid:
        return read_yes_no_word(typed)

    def shown(self, criterion: Criterion, value: Any) -> str | None:
        answer = yes_or_no(value)
        return None if answer is None else ("yes" if answer else "no")

    def json_schema(self, criterion: Criterion) -> Schema:
        return YES_NO_SCHEMA


def read_yes_no(typed: str) -> bool | Invalid:
    """Yes or no as typed at a prompt."""
    answer = yes_or_no(typed)
    return Invalid("answer yes or no") if answer is None else answer


def read_yes_no_word(typed: str) -> str | Invalid:
    """Yes or no as typed, as the word saved in a manifest."""
    answer = read_yes_no(typed)
    return answer if isinstance(answer, Invalid) else ("yes" if answer else "no")


YES_NO = YesNo()
