"""What every kind of answer provides, and the values they share: ``Kind`` says how an answer of
one kind is asked, read, judged, shown and described in the editor's JSON Schema; a ``Judgement``
is a verdict on one answer; ``Invalid`` is input that cannot be used, with what to type instead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from charter_check.answers.quality import HONEST_WAYS
from charter_check.model.charter import AnswerKind, Criterion
from charter_check.model.conditions import Facts
from charter_check.model.vocabulary import Vocabulary

Schema = dict[str, Any]
NON_EMPTY_TEXT: Schema = {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class AnswerContext:
    """What a kind may consult besides the answer: the date, what is known of the project (its
    profile, stage and other choices), how many usable pieces of evidence the answer cites, and
    the words that mark a non-answer."""

    today: dt.date
    facts: Facts
    usable_evidence: int
    vocabulary: Vocabulary
    honest_ways: str = HONEST_WAYS
    """How to say honestly that it is not done yet, in the words of where the answer is given: the
    manifest's keys in a file, the words to type at a prompt."""


@dataclass(frozen=True)
class Judgement:
    """A verdict on one answer: met or not, why, and the answer as a person would read it."""

    met: bool
    message: str
    answer_text: str | None
    at: tuple[str | int, ...] = ()
    """Where in the answer the problem is (``("name",)`` in a person), for the finding's line."""
    answers_no: bool = False
    """Not met, by an answer the question allows: a 'no', a listed choice that does not meet the
    criterion, a review date that has passed. A prompt takes it as given, and asks for no evidence.
    Any other answer that is not met (not a date, a choice this project cannot make, words that do
    not answer) is refused at the prompt, with the message, and asked again."""

    @classmethod
    def unrecognised(cls, asking: str, value: Any) -> Judgement:
        """Not met: ``value`` is not one of the answers the question allows. The message says what
        to give (``asking``: 'answer yes or no') and quotes what was given, which is shown as it is."""
        return cls(False, f"{asking} (got {quoted(value)})", plain(value))


@dataclass(frozen=True)
class Invalid:
    """Typed input that cannot be used, and what to type instead."""

    message: str


class Kind:
    """One kind of answer. Each kind is a subclass in its own module of ``answers``, listed in the
    registry in ``answers/__init__.py``; its docstring says what passes and what fails."""

    kind: ClassVar[AnswerKind]
    prompt: ClassVar[str] = "Answer"
    """The label of the prompt that asks for the answer."""

    def describe(self, criterion: Criterion) -> str:
        """The form an answer takes, in words, for prompts and the comments of a new manifest."""
        raise NotImplementedError

    def judge(self, criterion: Criterion, value: Any, context: AnswerContext) -> Judgement:
        """Whether ``value``, as the manifest gives it, meets the criterion."""
        raise NotImplementedError

    def read_typed(self, criterion: Criterion, typed: str) -> Any:
        """What a person typed at the prompt, as the value to save, or ``Invalid``."""
        raise NotImplementedError

    def understood(self, criterion: Criterion, typed: str, value: Any) -> str | None:
        """How a typed answer was read, when that is not plain from what was typed (a choice by its
        number, a date in another form), for the prompt to say back; None otherwise."""
        return None

    def shown(self, criterion: Criterion, value: Any) -> str | None:
        """A saved answer as the text a person would type to give it again; None if there is none."""
        if value is None or value == "":
            return None
        return value if isinstance(value, str) else str(value)

    def json_schema(self, criterion: Criterion) -> Schema:
        """The forms of ``answer:`` the editor's schema accepts (it rejects only what is an error)."""
        return {}


def quoted(value: Any) -> str:
    """A value as messages quote it: short, and never a whole mapping or list."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text}'" if len(text) <= 40 else f"'{text[:37]}…'"


def plain(value: Any) -> str | None:
    """A scalar value as text, for showing an answer that did not pass; None for a mapping or list."""
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)


def one_of_words(words: list[str], *, any_case: bool = False) -> Schema:
    """One of ``words``: listed (for completion), or written with spaces or another case."""
    return {
        "anyOf": [
            {"enum": words},
            {"type": "string", "pattern": words_pattern(words, any_case=any_case)},
        ]
    }


def words_pattern(words: list[str], *, any_case: bool = False) -> str:
    """An ECMA-262 pattern for any of ``words``, with spaces around allowed (answers are read with
    them stripped). ``any_case`` matches letters in either case, as yes/no words are read."""

    def spelled(word: str) -> str:
        if any_case:
            return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else _escaped(c) for c in word)
        return "".join(_escaped(c) for c in word)

    return "^\\s*(?:" + "|".join(spelled(word) for word in words) + ")\\s*$"


def _escaped(character: str) -> str:
    return "\\" + character if character in ".^$*+?()[]{}|\\/" else character
