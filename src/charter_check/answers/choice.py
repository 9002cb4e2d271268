"""Choice answers: one of the values the charter lists for the criterion.

PASS: a listed value that meets the criterion for this project. FAIL: a value not listed, one
that never meets it (``meets: false``), or one a cross-check refuses for this project
(``rejected:``, e.g. a public authority cannot rely on Art. 6(1)(f) legitimate interests; a DPIA
screened out is refused where the profile already shows a likely high risk), with the provision
the refusal rests on.
"""

from __future__ import annotations

from typing import Any

from charter_check.answers.base import AnswerContext, Invalid, Judgement, Kind, Schema, one_of_words
from charter_check.model.charter import AnswerKind, Criterion
from charter_check.model.conditions import evaluate


class ChoiceKind(Kind):
    kind = AnswerKind.CHOICE

    def describe(self, criterion: Criterion) -> str:
        return "one of the values listed"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        options = ", ".join(option.value for option in criterion.choices)
        picked = criterion.choice(value.strip()) if isinstance(value, str) else None
        if picked is None:
            return Judgement.unrecognised(f"choose one of: {options}", value)
        if not picked.meets:
            return Judgement(False, f"{picked.label}: {picked.reason}", picked.label, answers_no=True)
        for rejection in picked.rejected:
            if evaluate(rejection.when, context.facts) is True:
                cited = (
                    f" ({rejection.cites})"
                    if rejection.cites and rejection.cites not in rejection.reason
                    else ""
                )
                return Judgement(False, f"{picked.label}: {rejection.reason}{cited}", picked.label)
        return Judgement(True, f"answered {picked.label}", picked.label)

    def read_typed(self, criterion: Criterion, typed: str) -> str | Invalid:
        """A choice by its number in the list or by its value."""
        word = typed.strip()
        if word.isdigit() and 1 <= int(word) <= len(criterion.choices):
            return criterion.choices[int(word) - 1].value
        picked = criterion.choice(word.lower())
        if picked is not None:
            return picked.value
        return Invalid(f"type a number from 1 to {len(criterion.choices)}, or one of the values listed")

    def understood(self, criterion: Criterion, typed: str, value: Any) -> str | None:
        """A choice picked by its number, said back by its value: ``2 -> public-task``."""
        return f"{typed.strip()} -> {value}" if typed.strip().isdigit() else None

    def json_schema(self, criterion: Criterion) -> Schema:
        return one_of_words([choice.value for choice in criterion.choices])


CHOICE = ChoiceKind()
