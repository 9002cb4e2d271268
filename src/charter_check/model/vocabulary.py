"""The words that mark an answer that does not answer: empty phrases ('TBC', 'N/A'), statements
that the thing was not done ('No measures have been set.'), and role titles that are not a
person's name ('Senior Responsible Owner'). They are data: charter-check bundles a vocabulary
(``charters/vocabulary/non-answers.yaml``) and a charter may add to it. Each pattern carries
examples it must match and answers it must let pass, which the test suite checks one by one."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from pydantic import Field, model_validator

from charter_check.model.base import Model


class AbsencePattern(Model):
    """A regular expression (case-insensitive, matched at the start of an answer) for a statement
    that the thing asked about has not been done; ``says`` puts it in words for the message."""

    pattern: str
    says: str
    matches: list[str] = Field(default_factory=list)
    """Answers the pattern must catch."""
    passes: list[str] = Field(default_factory=list)
    """Real answers the pattern must let through."""

    @model_validator(mode="after")
    def _compiles(self) -> AbsencePattern:
        try:
            re.compile(self.pattern, re.IGNORECASE)  # as it is used: compiled once, then cached
        except re.error as error:
            raise ValueError(f"pattern {self.pattern!r} is not a regular expression: {error}") from None
        return self


class Vocabulary(Model):
    """Empty phrases (whole answers that say nothing), statements of absence, and role titles."""

    empty: list[str] = Field(default_factory=list)
    absence: list[AbsencePattern] = Field(default_factory=list)
    role_titles: list[str] = Field(default_factory=list)
    """Words or phrases that make a 'name' a role or a body rather than a person ('officer', 'DPO')."""

    # Worked out once, in cached properties: they are read for every answer of every manifest,
    # and pydantic's private attributes are slow to read.

    @cached_property
    def _empty(self) -> frozenset[str]:
        return frozenset(plain_words(phrase) for phrase in self.empty)

    @cached_property
    def _absence(self) -> list[tuple[re.Pattern[str], AbsencePattern]]:
        return [(re.compile(item.pattern, re.IGNORECASE), item) for item in self.absence]

    @cached_property
    def _roles(self) -> frozenset[str]:
        return frozenset(plain_words(title) for title in self.role_titles)

    def is_empty_phrase(self, text: str) -> bool:
        """Whether ``text``, as a whole, is one of the empty phrases (case and punctuation aside)."""
        return self.is_empty_plain(plain_words(text))

    def is_empty_plain(self, plain: str) -> bool:
        """``is_empty_phrase`` for text already made plain (``plain_words``)."""
        return plain in self._empty

    def absence_said(self, text: str) -> AbsencePattern | None:
        """The statement of absence ``text`` starts with, if any."""
        start = text.strip()
        return next((item for pattern, item in self._absence if pattern.match(start)), None)

    def role_in(self, name: str) -> str | None:
        """A role title in ``name`` (one of its words, or several in a row), if it holds one."""
        words = f" {plain_words(name)} "
        return next((title for title in self._roles if f" {title} " in words), None)

    def merged(self, more: Vocabulary) -> Vocabulary:
        """This vocabulary with ``more`` added."""
        return Vocabulary(
            empty=[*self.empty, *more.empty],
            absence=[*self.absence, *more.absence],
            role_titles=[*self.role_titles, *more.role_titles],
        )


_NOT_IN_WORDS = re.compile(r"[^\w\s]|_")
"""Punctuation and symbols: everything but letters, digits and spaces."""


_ASCII_NOT_IN_WORDS = bytes(code for code in range(128) if not (chr(code).isalnum() or chr(code).isspace()))
"""The same, for text that is all ASCII, whose bytes are then deleted in one call."""


@lru_cache(maxsize=16)
def plain_words(text: str) -> str:
    """``text`` lower-cased, without punctuation, its spaces made single: how phrases are compared
    ('N/A' and 'na', 'T.B.C.' and 'tbc' alike). The last few are remembered: an answer is made
    plain to be judged, then again at once to be compared with the answers to other questions."""
    lowered = text.lower()
    if lowered.isascii():  # most answers: the same result as the expression, many times faster
        return " ".join(lowered.encode().translate(None, _ASCII_NOT_IN_WORDS).decode().split())
    return " ".join(_NOT_IN_WORDS.sub("", lowered).split())
