"""Person answers: a named person and the role in which they act.

PASS: ``{name: Dr A Patel, role: Caldicott Guardian}`` (organisation and email optional).
FAIL: a bare name, a person with no role, or a key a person does not have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charter_check.answers.base import NON_EMPTY_TEXT, AnswerContext, Judgement, Kind, Schema, plain
from charter_check.model.charter import AnswerKind, Criterion

PERSON_FIELDS = ("name", "role", "organisation", "email")


class Person(Kind):
    kind = AnswerKind.PERSON

    def describe(self, criterion: Criterion) -> str:
        return "a person: name and role (organisation and email optional)"

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        if not isinstance(value, Mapping):
            return Judgement(False, "name a person: give 'name' and 'role'", plain(value))
        unknown = sorted(set(value) - set(PERSON_FIELDS))
        if unknown:
            return Judgement(
                False, f"unknown key '{unknown[0]}'; a person has name, role, organisation, email", None
            )
        name, role = (_clean(value.get(key)) for key in ("name", "role"))
        shown = ", ".join(part for part in (name, role, _clean(value.get("organisation"))) if part)
        missing = [key for key, given in (("name", name), ("role", role)) if not given]
        if missing:
            return Judgement(False, f"give the person's {' and '.join(missing)}", shown or None)
        return Judgement(True, f"named {shown}", shown)

    def shown(self, criterion: Criterion, value: Any) -> str | None:
        if isinstance(value, Mapping):
            return ", ".join(str(value[key]) for key in PERSON_FIELDS if value.get(key)) or None
        return super().shown(criterion, value)

    def json_schema(self, criterion: Criterion) -> Schema:
        return {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "role"],
            "properties": {"name": NON_EMPTY_TEXT, "role": NON_EMPTY_TEXT, "organisation": {}, "email": {}},
        }


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


PERSON = Person()
