"""Text answers, in words.

PASS: an answer of at least ``min_length`` characters that answers: "Pseudonymised extracts stay
in the SDE for the life of the pilot and are deleted 12 months after it ends." FAIL: blank, too
short, not text (a list or a mapping), or words that do not answer: 'TBC', 'See attached', 'No
measures have been set.', 'To be confirmed by the programme board.', the question copied back
(see ``quality``).
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema
from charter_check.answers.quality import non_answer
from charter_check.model.charter import AnswerKind, Criterion


class Text(Kind):
    kind = AnswerKind.TEXT

    def describe(self, criterion: Criterion) -> str:
        return f"text, at least {criterion.min_length} characters" if criterion.min_length > 1 else "text"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        if isinstance(value, (dict, list, bool)):
            return Judgement(False, "answer in words (plain text)", None)
        words = " ".join(str(value).split())
        problem = non_answer(
            words, context.vocabulary, [criterion.question, criterion.help], context.honest_ways
        )
        if problem:
            return Judgement(False, problem, words)
        if len(words) < criterion.min_length:
            return Judgement(
                False, f"the answer is too short; write at least {criterion.min_length} characters", words
            )
        return Judgement(True, "answered", words)

    def read_typed(self, criterion: Criterion, typed: str) -> str | Invalid:
        words = " ".join(typed.split())
        if len(words) < criterion.min_length:
            return Invalid(f"write at least {criterion.min_length} characters (this is {len(words)})")
        return words

    def json_schema(self, criterion: Criterion) -> Schema:
        return {"anyOf": [{"type": "string", "minLength": criterion.min_length}, {"type": "number"}]}


TEXT = Text()
