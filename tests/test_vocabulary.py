"""The words that mark a non-answer (``charters/vocabulary/non-answers.yaml``), checked entry by
entry: every pattern catches each of its examples and lets each real answer through, every empty
phrase is caught however it is typed, and every role title stops a 'name' being taken for a
person's. A maintainer who adds an entry adds its examples, and this test holds it to them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.answers.quality import non_answer
from charter_check.model.vocabulary import AbsencePattern, Vocabulary, plain_words
from charter_check.reading.loading import bundled_vocabulary
from tests.conftest import FIXED_SEED

VOCABULARY = bundled_vocabulary()
PATTERNS = [pytest.param(item, id=item.says + ": " + item.matches[0]) for item in VOCABULARY.absence]


@pytest.mark.parametrize("item", PATTERNS)
def test_each_pattern_catches_its_examples_and_passes_real_answers(item: AbsencePattern) -> None:
    alone = Vocabulary(absence=[item])
    assert item.matches and item.passes, "every pattern carries examples both ways"
    for example in item.matches:
        assert alone.absence_said(example) is item, f"{item.pattern!r} should catch {example!r}"
        assert non_answer(example, VOCABULARY) is not None
    for answer in item.passes:
        assert alone.absence_said(answer) is None, f"{item.pattern!r} caught the real answer {answer!r}"
        assert non_answer(answer, VOCABULARY) is None, f"the vocabulary refused the real answer {answer!r}"


@pytest.mark.parametrize("phrase", VOCABULARY.empty)
def test_each_empty_phrase_is_caught_in_any_case_and_with_punctuation(phrase: str) -> None:
    for typed in (phrase, phrase.upper(), f" {phrase}. ", phrase.replace(" ", "  ")):
        message = non_answer(typed, VOCABULARY)
        assert message is not None and "does not answer the question" in message, typed


@pytest.mark.parametrize("title", VOCABULARY.role_titles)
def test_each_role_title_marks_a_name_as_a_role(title: str) -> None:
    assert VOCABULARY.role_in(f"Acting {title}") is not None
    assert VOCABULARY.role_in("Aisha Rahman") is None


def test_a_charter_adds_to_the_bundled_words() -> None:
    more = Vocabulary(empty=["awaiting sign-off"], role_titles=["convenor"])
    merged = VOCABULARY.merged(more)
    assert merged.is_empty_phrase("Awaiting sign-off.") and not VOCABULARY.is_empty_phrase(
        "Awaiting sign-off."
    )
    assert merged.role_in("Panel Convenor") is not None


@settings(FIXED_SEED, max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=0x24F), max_size=40))
def test_plain_words_treats_ascii_and_other_text_alike(text: str) -> None:
    # ASCII text takes a faster path; it must give what the one expression gives for any text.
    expected = " ".join(re.sub(r"[^\w\s]|_", "", text.lower()).split())
    assert plain_words(text) == expected
    assert plain_words(text.encode("ascii", "ignore").decode()) == " ".join(
        re.sub(r"[^\w\s]|_", "", text.encode("ascii", "ignore").decode().lower()).split()
    )
