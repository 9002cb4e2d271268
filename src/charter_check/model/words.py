"""The words people use for yes and no, in a manifest and at a prompt: one vocabulary, so that
what ``assess`` accepts, what ``validate`` reads, and what the editor's schema allows never differ.
YAML 1.2 keeps ``yes`` and ``no`` as text, so they are read here."""

from __future__ import annotations

YES_WORDS = ("yes", "y", "true")
NO_WORDS = ("no", "n", "false")
_MEANING = {**dict.fromkeys(YES_WORDS, True), **dict.fromkeys(NO_WORDS, False)}


def yes_or_no(value: object) -> bool | None:
    """True or False for a yes/no word (any case, spaces around allowed) or a boolean; else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _MEANING.get(value.strip().lower())
    return None


SKIP_WORDS = frozenset({"skip"})
"""Typed at a prompt: leave the question for later."""
NOT_APPLICABLE_WORDS = frozenset({"n/a", "na", "not applicable"})
"""Typed at a prompt: the question does not apply to this project."""
NO_EVIDENCE_WORDS = frozenset({"none", "-"})
"""Typed at the evidence prompt: cite nothing."""
PARTLY_WORDS = frozenset({"partly", "in part", "partially"})
"""Typed at a prompt: it is only partly done (the next prompt asks what is missing)."""
NOT_KNOWN_WORDS = frozenset({"not known", "unknown", "don't know", "do not know", "?"})
"""Typed at a prompt: it is not known yet (the next prompts ask who will find out, and by when)."""
