"""When a criterion applies: small boolean conditions over a project's profile.

A condition in a charter is a profile flag (``health_data``), or ``{all: [...]}``, ``{any: [...]}``
or ``{not: ...}`` of conditions. Unanswered profile questions are *unknown*, and a criterion whose
condition is unknown still applies: the safe reading when a project has not said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Union

from pydantic import BaseModel, ConfigDict, Field


class AllOf(BaseModel):
    """Applies when every listed condition holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    all: list[Condition] = Field(min_length=1)


class AnyOf(BaseModel):
    """Applies when at least one listed condition holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    any: list[Condition] = Field(min_length=1)


class NotOf(BaseModel):
    """Applies when the condition does not hold."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    negated: Condition = Field(alias="not")


Condition = Union[str, AllOf, AnyOf, NotOf]  # noqa: UP007 (a recursive alias pydantic resolves)

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()

Profile = Mapping[str, bool | None]


def evaluate(condition: Condition | None, profile: Profile) -> bool | None:
    """True, False, or None when the profile leaves it unknown (three-valued logic)."""
    if condition is None:
        return True
    if isinstance(condition, str):
        return profile.get(condition)
    if isinstance(condition, NotOf):
        inner = evaluate(condition.negated, profile)
        return None if inner is None else not inner
    parts = [evaluate(part, profile) for part in _parts(condition)]
    decisive = isinstance(condition, AnyOf)
    if decisive in parts:
        return decisive
    if None in parts:
        return None
    return not decisive


def _parts(condition: AllOf | AnyOf) -> list[Condition]:
    return condition.all if isinstance(condition, AllOf) else condition.any


def flags(condition: Condition | None) -> Iterator[str]:
    """Every profile flag a condition mentions."""
    if condition is None:
        return
    if isinstance(condition, str):
        yield condition
    elif isinstance(condition, NotOf):
        yield from flags(condition.negated)
    else:
        for part in _parts(condition):
            yield from flags(part)


def describe(condition: Condition | None, label: Callable[[str], str]) -> str:
    """The condition in words, using ``label`` to phrase each profile flag."""
    if condition is None:
        return "always"
    if isinstance(condition, str):
        return label(condition)
    if isinstance(condition, NotOf):
        return f"not ({describe(condition.negated, label)})"
    joiner = " and " if isinstance(condition, AllOf) else " or "
    words = [describe(part, label) for part in _parts(condition)]
    return words[0] if len(words) == 1 else "(" + joiner.join(words) + ")"
