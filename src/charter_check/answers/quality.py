"""Whether words given as an answer really answer: not an empty phrase ('TBC', 'N/A', 'see
attached'), not a statement that the thing was not done ('No measures have been set.'), not the
question or its help copied back, not the form's placeholder. The words that mark these are data
(``model/vocabulary.py``); the messages say how to answer honestly instead."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from charter_check.model.vocabulary import Vocabulary, plain_words

HONEST_WAYS = (
    "if it is not done yet, say so with 'status: partly' and what is 'missing', or 'status: not_known' "
    "with 'who_will_find_out' and 'find_out_by'"
)
COPIED_WHEN = 0.85
"""How close to the question (or its help) an answer may come before it counts as copied back."""


def non_answer(
    text: str, vocabulary: Vocabulary, asked: Iterable[str] = (), advice: str = HONEST_WAYS
) -> str | None:
    """Why ``text`` does not answer (``asked``: the question and its help, and any placeholder the
    form showed), in words, with ``advice`` on what to do instead; None when it answers."""
    words = " ".join(text.split())
    plain = plain_words(words)
    if vocabulary.is_empty_plain(plain):
        return f"'{_clipped(words)}' does not answer the question; {advice}"
    absence = vocabulary.absence_said(words)
    if absence is not None:
        return f"the answer says {absence.says} ('{_clipped(words)}'), so it is not met; {advice}"
    answer = plain.split()
    if any(_copied(answer, _prompt(prompt)) for prompt in asked):
        return "the answer repeats the question (or the help under it); answer it in your own words"
    return None


@dataclass(frozen=True)
class _Prompt:
    """A question or help text as plain words, and the set of them."""

    words: list[str]
    vocabulary: frozenset[str]


@lru_cache(maxsize=4096)
def _prompt(text: str) -> _Prompt:
    """A question or help text made plain; the same few hundred recur in every manifest."""
    words = plain_words(text).split()
    return _Prompt(words, frozenset(words))


def _copied(answer: list[str], prompt: _Prompt) -> bool:
    """Whether ``answer`` is ``prompt`` copied back, perhaps lightly edited, compared word by word.
    Texts whose lengths are far apart, or that share too few words, are not compared word by word:
    that is most answers, and comparing costs."""
    asked = prompt.words
    if not asked or abs(len(answer) - len(asked)) > (1 - COPIED_WHEN) * max(len(answer), len(asked)):
        return False
    shared = sum(1 for word in answer if word in prompt.vocabulary)  # at most this many can match
    if 2 * shared < COPIED_WHEN * (len(answer) + len(asked)):
        return False
    matcher = difflib.SequenceMatcher(None, answer, asked, autojunk=False)
    return matcher.quick_ratio() >= COPIED_WHEN and matcher.ratio() >= COPIED_WHEN


def _clipped(words: str, limit: int = 60) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"
