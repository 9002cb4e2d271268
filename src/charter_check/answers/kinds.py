"""One checker per kind of answer a criterion can take (yes/no, choice, text, date, person,
evidence, statement). Each takes the criterion, the raw answer and the context, and returns a
``Judgement``: met or not, why, and the answer as a person would read it.

A charter chooses the kind per criterion; adding a criterion never needs a new checker.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from charter_check.model.charter import AnswerKind, Criterion, DateRule
from charter_check.model.conditions import Profile, evaluate


@dataclass(frozen=True)
class AnswerContext:
    """What a checker may consult besides the answer: the date and the project's profile."""

    today: dt.date
    profile: Profile
    usable_evidence: int


@dataclass(frozen=True)
class Judgement:
    """A checker's verdict on one answer."""

    met: bool
    message: str
    answer_text: str | None


Checker = Callable[[Criterion, Any, AnswerContext], Judgement]

_YES = {"yes", "y", "true"}
_NO = {"no", "n", "false"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _as_yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None


def yes_no(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: ``answer: yes`` when the charter expects yes. FAIL: ``answer: no``, or ``maybe``."""
    answer = _as_yes_no(value)
    if answer is None:
        return Judgement(False, f"answer yes or no (got {_quote(value)})", _plain(value))
    shown = "yes" if answer else "no"
    if answer is criterion.expected:
        return Judgement(True, f"answered {shown}", shown)
    return Judgement(False, f"answered {shown}: {criterion.action_clause}", shown)


def choice(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: one of the listed values that meets the criterion for this project's profile.
    FAIL: a value not listed, or one the charter rejects (for example a lawful basis a public
    authority cannot rely on)."""
    options = ", ".join(option.value for option in criterion.choices)
    picked = criterion.choice(value.strip()) if isinstance(value, str) else None
    if picked is None:
        return Judgement(False, f"choose one of: {options} (got {_quote(value)})", _plain(value))
    if not picked.meets:
        return Judgement(False, f"{picked.label}: {picked.reason}", picked.label)
    if picked.rejected_when is not None and evaluate(picked.rejected_when, context.profile) is True:
        return Judgement(False, f"{picked.label}: {picked.reason}", picked.label)
    return Judgement(True, f"answered {picked.label}", picked.label)


def text(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: an answer in words, at least ``min_length`` characters. FAIL: blank or too short."""
    if isinstance(value, (dict, list, bool)):
        return Judgement(False, "answer in words (plain text)", None)
    words = str(value).strip()
    if len(words) < criterion.min_length:
        return Judgement(
            False, f"the answer is too short; write at least {criterion.min_length} characters", words
        )
    return Judgement(True, "answered", words)


def date(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: a real date (YYYY-MM-DD) that fits the rule (not in the future; in the future; not
    older than ``max_age_days``). FAIL: ``2025-02-30``, ``next spring``, or a review date passed."""
    given = parse_date(value)
    if given is None:
        return Judgement(False, _not_a_date(value), _plain(value))
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


def person(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: ``{name: Dr A Patel, role: Caldicott Guardian}``. FAIL: a bare name, or no role."""
    if not isinstance(value, Mapping):
        return Judgement(False, "name a person: give 'name' and 'role'", _plain(value))
    unknown = sorted(set(value) - {"name", "role", "organisation", "email"})
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


def evidence(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: at least one usable evidence reference. FAIL: none cited, or none found."""
    if context.usable_evidence:
        return Judgement(True, f"{context.usable_evidence} piece(s) of evidence cited", None)
    return Judgement(False, f"cite evidence: {criterion.action_clause}", None)


def statement(criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
    """PASS: the statement exactly as the charter words it (spacing and line breaks aside).
    FAIL: any other wording, so nobody signs something weaker than the charter asks."""
    expected = _normalise(criterion.statement or "")
    if isinstance(value, str) and _normalise(value) == expected:
        return Judgement(True, "the statement is made as the charter words it", value.strip())
    return Judgement(
        False, f"the statement must read exactly: \u201c{criterion.statement}\u201d", _plain(value)
    )


CHECKERS: dict[AnswerKind, Checker] = {
    AnswerKind.YES_NO: yes_no,
    AnswerKind.CHOICE: choice,
    AnswerKind.TEXT: text,
    AnswerKind.DATE: date,
    AnswerKind.PERSON: person,
    AnswerKind.EVIDENCE: evidence,
    AnswerKind.STATEMENT: statement,
}


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
        return f"{_quote(value.strip())} is not a day on the calendar; give a date as YYYY-MM-DD that exists"
    return f"give a date as YYYY-MM-DD (got {_quote(value)})"


def _normalise(words: str) -> str:
    return " ".join(words.split())


def _clean(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _plain(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def _quote(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"
