"""Person answers: a named person and the role in which they act.

PASS: ``{name: Dr A Patel, role: Caldicott Guardian}`` (organisation and email optional).
FAIL: a bare name, a person with no role, a key a person does not have, a name that is not a
person's: a role title (``name: Senior Responsible Owner``), an email address alone, a
placeholder (``TBC``), or a single word; or a role that is a placeholder (``role: TBC``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charter_check.answers.base import NON_EMPTY_TEXT, AnswerContext, Judgement, Kind, Schema, plain
from charter_check.model.charter import AnswerKind, Criterion
from charter_check.model.vocabulary import Vocabulary

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
        problem = name_problem(name, context.vocabulary)
        if problem:
            return Judgement(False, problem, shown, at=("name",))
        problem = role_problem(role, name, context.vocabulary)
        if problem:
            return Judgement(False, problem, shown, at=("role",))
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


def name_problem(name: str, vocabulary: Vocabulary) -> str | None:
    """Why ``name`` is not a person's name, or None: a placeholder ('TBC', or 'Dr TBC'), an email
    address, a role title, or a single word."""
    if vocabulary.is_empty_phrase(name):
        return f"'{name}' is not a name; give the person's name (if nobody is named yet, leave it unanswered)"
    if "@" in name:
        return f"give the person's name, not only an email address ('{name}'); put the address under 'email'"
    role = vocabulary.role_in(name)
    if role is not None and vocabulary.is_empty_phrase(role):
        return (
            f"'{name}' holds the place of a name ('{role}') but names nobody; give the person's name "
            "(if nobody is named yet, leave it unanswered)"
        )
    if role is not None:
        return (
            f"'{name}' is a role or a body, not a person's name; give the name of the person who holds it, "
            "and the role under 'role'"
        )
    words = [word for word in name.split() if any(character.isalpha() for character in word)]
    if len(words) < 2:
        return f"give the person's full name (first name and surname), not '{name}'"
    return None


def role_problem(role: str, name: str, vocabulary: Vocabulary) -> str | None:
    """Why ``role`` does not say in what capacity ``name`` acts, or None: a placeholder ('TBC',
    'unknown'), or no word at all."""
    if vocabulary.is_empty_phrase(role) or sum(character.isalpha() for character in role) < 2:
        return f"'{role}' is not a role; say in what role {name} acts (for example Caldicott Guardian)"
    return None


def finder_problem(who: str, vocabulary: Vocabulary) -> str | None:
    """Why ``who`` (who will find out an answer not known yet: "Nadia Farrell, Digital Services
    Manager") does not name a person, or None. The name is what comes before a comma or bracket."""
    words = " ".join(who.split())
    if not words or vocabulary.is_empty_phrase(words):
        return "say who will find out (a person's name, then role)"
    name = words.split(",", 1)[0].split("(", 1)[0].strip()
    if name_problem(name, vocabulary) is None:
        return None
    return f"say who will find out by name, then role ('{name}' is not a person's full name)"


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


PERSON = Person()
