"""Statement answers: a statement made by a named person, such as the declaration of
responsibility. The charter (or this tool) may suggest a wording (``statement:``); a project may
use it or its own words.

PASS: the suggested wording (spacing and line breaks aside), or the project's own words that say
what the statement must (every phrase in ``must_mention``, e.g. 'responsib') and are not a
non-answer. FAIL: a statement that leaves out what it must say, or says nothing ('TBC'). At a
prompt, ``yes`` makes the statement in the suggested words.
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, plain
from charter_check.answers.quality import non_answer
from charter_check.answers.yes_no import read_yes_no
from charter_check.model.charter import AnswerKind, Criterion


class Statement(Kind):
    kind = AnswerKind.STATEMENT
    prompt = "Has the accountable person made this declaration"

    def describe(self, criterion: Criterion) -> str:
        return "a statement: the suggested wording below, or your own words"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        if not isinstance(value, str) or not value.strip():
            return Judgement(False, self._suggestion(criterion, "make the statement"), plain(value))
        words = _normalise(value)
        if words == _normalise(criterion.statement or ""):
            return Judgement(True, "the statement is made in the suggested words", words)
        problem = non_answer(words, context.vocabulary, advice=context.honest_ways)
        if problem:
            return Judgement(False, problem, words)
        lacking = [phrase for phrase in criterion.must_mention if phrase.lower() not in words.lower()]
        if lacking:
            said = ", ".join(f"'{phrase}'" for phrase in lacking)
            return Judgement(False, self._suggestion(criterion, f"the statement must say {said}"), words)
        return Judgement(True, "the statement is made in the project's own words", words)

    @staticmethod
    def _suggestion(criterion: Criterion, what: str) -> str:
        if not criterion.statement:
            return what
        return f"{what}; the suggested wording is: \u201c{_normalise(criterion.statement)}\u201d"

    def read_typed(self, criterion: Criterion, typed: str) -> bool | Invalid:
        """Yes makes the statement in the charter's words; no leaves it to be made later."""
        return read_yes_no(typed)

    def shown(self, criterion: Criterion, value: Any) -> str | None:
        return "yes" if isinstance(value, str) and value.strip() else None

    def json_schema(self, criterion: Criterion) -> Schema:
        return {"type": "string"}


def _normalise(words: str) -> str:
    return " ".join(words.split())


STATEMENT = Statement()
