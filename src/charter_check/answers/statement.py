"""Statement answers: a statement made in the words the charter gives (``statement:``).

PASS: the statement exactly as worded (spacing and line breaks aside). FAIL: any other wording, so
nobody signs something weaker than the charter asks. At a prompt, ``yes`` makes the statement.
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, plain
from charter_check.answers.yes_no import read_yes_no
from charter_check.model.charter import AnswerKind, Criterion


class Statement(Kind):
    kind = AnswerKind.STATEMENT
    prompt = "Has the accountable person made this declaration"

    def describe(self, criterion: Criterion) -> str:
        return "the statement below, word for word"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        expected = _normalise(criterion.statement or "")
        if isinstance(value, str) and _normalise(value) == expected:
            return Judgement(True, "the statement is made as the charter words it", value.strip())
        return Judgement(
            False, f"the statement must read exactly: \u201c{criterion.statement}\u201d", plain(value)
        )

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
