"""What a person types at a prompt that is not an answer of a criterion's own kind (those are read
by the kinds in ``answers``): a justification, a required or optional detail, evidence
references. Each reader returns the value, or ``Invalid`` saying what to type instead."""

from __future__ import annotations

from charter_check.answers.base import Invalid
from charter_check.judging.engine import MIN_JUSTIFICATION
from charter_check.model.evidence import EVIDENCE_ADVICE, classify_reference
from charter_check.model.words import NO_EVIDENCE_WORDS


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


def read_what_is_missing(typed: str) -> str | Invalid:
    """What is still missing, for an answer marked partly done: a sentence that says something."""
    words = " ".join(typed.split())
    if len(words) < MIN_JUSTIFICATION:
        return Invalid(f"say in a sentence what is still missing (at least {MIN_JUSTIFICATION} characters)")
    return words
