"""What a person types at a prompt, read as an answer of the kind a criterion needs, or a message
saying what to type instead; and each kind of answer described in words, for prompts and for the
comments of a new manifest. Nothing here reads or writes files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from charter_check.answers.kinds import parse_date
from charter_check.judging.engine import MIN_JUSTIFICATION
from charter_check.model.charter import AnswerKind, Criterion, DateRule, EvidenceNeed
from charter_check.reading.evidence import EVIDENCE_ADVICE, classify_reference

SKIP_WORDS = frozenset({"skip"})
NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "not applicable"})
NO_EVIDENCE_WORDS = frozenset({"none", "-"})
YES_WORDS = frozenset({"yes", "y", "true"})
NO_WORDS = frozenset({"no", "n", "false"})
PERSON_FIELDS = ("name", "role", "organisation", "email")


@dataclass(frozen=True)
class Invalid:
    """Typed input that cannot be used, and what to type instead."""

    message: str


def read_yes_no(typed: str) -> bool | Invalid:
    word = typed.strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    return Invalid("answer yes or no")


def read_choice(criterion: Criterion, typed: str) -> str | Invalid:
    """A choice by its number in the list or by its value."""
    word = typed.strip()
    if word.isdigit() and 1 <= int(word) <= len(criterion.choices):
        return criterion.choices[int(word) - 1].value
    picked = criterion.choice(word.lower())
    if picked is not None:
        return picked.value
    return Invalid(f"type a number from 1 to {len(criterion.choices)}, or one of the values listed")


def read_date(typed: str) -> dt.date | Invalid:
    given = parse_date(typed)
    if given is None:
        return Invalid("give a real date as YYYY-MM-DD, for example 2026-03-31")
    return given


def read_text(criterion: Criterion, typed: str) -> str | Invalid:
    words = " ".join(typed.split())
    if len(words) < criterion.min_length:
        return Invalid(f"write at least {criterion.min_length} characters (this is {len(words)})")
    return words


def read_justification(typed: str) -> str | Invalid:
    words = " ".join(typed.split())
    if len(words) < MIN_JUSTIFICATION:
        return Invalid(
            f"explain in a sentence why it does not apply (at least {MIN_JUSTIFICATION} characters)"
        )
    return words


def read_required(typed: str) -> str | Invalid:
    words = " ".join(typed.split())
    return words if words else Invalid("this cannot be left empty")


def read_optional(typed: str) -> str:
    return " ".join(typed.split())


def read_evidence(typed: str) -> list[str] | Invalid:
    """Evidence references separated by commas: files in the project, or https links. ``none``
    (or ``-``) means no evidence."""
    if typed.strip().lower() in NO_EVIDENCE_WORDS:
        return []
    references = [part.strip() for part in typed.split(",") if part.strip()]
    for reference in references:
        state = classify_reference(reference)
        if state is not None and not state.usable:
            return Invalid(f"'{reference}': {EVIDENCE_ADVICE[state]}")
    return list(dict.fromkeys(references))


def describe_answer(criterion: Criterion) -> str:
    """The form an answer takes, in words: 'yes or no', 'a date (YYYY-MM-DD) in the future', …"""
    kind = criterion.answer
    if kind is AnswerKind.TEXT:
        return f"text, at least {criterion.min_length} characters" if criterion.min_length > 1 else "text"
    if kind is AnswerKind.DATE:
        return "a date (YYYY-MM-DD)" + _date_rule_words(criterion)
    return {
        AnswerKind.YES_NO: "yes or no",
        AnswerKind.CHOICE: "one of the values listed",
        AnswerKind.PERSON: "a person: name and role (organisation and email optional)",
        AnswerKind.EVIDENCE: "evidence only: cite files in the project or https links",
        AnswerKind.STATEMENT: "the statement below, word for word",
    }[kind]


def _date_rule_words(criterion: Criterion) -> str:
    words = {DateRule.ANY: "", DateRule.NOT_FUTURE: ", not in the future", DateRule.FUTURE: ", in the future"}
    rule = words[criterion.date_rule]
    if criterion.max_age_days is not None:
        rule += f", no more than {criterion.max_age_days} days ago"
    return rule


def evidence_need(criterion: Criterion) -> str:
    return "required" if criterion.evidence is EvidenceNeed.REQUIRED else "optional"


def describe_evidence(criterion: Criterion) -> str:
    return f"evidence {evidence_need(criterion)}"


def shown_answer(criterion: Criterion, value: Any) -> str | None:
    """A saved answer as the text a person would type to give it again, or None if there is none."""
    if value is None or value == "":
        return None
    if criterion.answer in (AnswerKind.YES_NO, AnswerKind.STATEMENT):
        if criterion.answer is AnswerKind.STATEMENT:
            return "yes" if isinstance(value, str) and value.strip() else None
        word = value if isinstance(value, str) else ("yes" if value is True else "no")
        verdict = read_yes_no(str(word))
        return None if isinstance(verdict, Invalid) else ("yes" if verdict else "no")
    if isinstance(value, Mapping):
        return ", ".join(str(value[key]) for key in PERSON_FIELDS if value.get(key))
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)
