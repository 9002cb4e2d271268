"""When a criterion applies: small boolean conditions over a project's profile.

A condition in a charter is a profile flag (``health_data``), or ``{all: [...]}``, ``{any: [...]}``
or ``{not: ...}`` of conditions. Unanswered profile questions are *unknown*, and a criterion whose
condition is unknown still applies: the safe reading when a project has not said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Union

from charter_check.model.base import ParsedBy


@dataclass(frozen=True, slots=True)
class AllOf:
    """Applies when every listed condition holds."""

    all: list[Condition]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Applies when at least one listed condition holds."""

    any: list[Condition]


@dataclass(frozen=True, slots=True)
class NotOf:
    """Applies when the condition does not hold."""

    negated: Condition


Condition = Union[str, AllOf, AnyOf, NotOf]  # noqa: UP007 (a recursive alias)
_COMBINERS: dict[str, type[AllOf] | type[AnyOf]] = {"all": AllOf, "any": AnyOf}
_SHAPE = "a profile question id, or 'all:' or 'any:' with a list of conditions, or 'not:' with one"


def parse_condition(value: Any) -> Condition:
    """A condition as written in a charter, read; ValueError saying what is wrong if it is not one."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(f"a condition must be {_SHAPE}")
    ((key, inner),) = value.items()
    if key == "not":
        return NotOf(parse_condition(inner))
    combiner = _COMBINERS.get(key)
    if combiner is None or not isinstance(inner, list) or not inner:
        raise ValueError(f"a condition must be {_SHAPE}")
    return combiner([parse_condition(part) for part in inner])


CharterCondition = Annotated[Condition, ParsedBy(parse_condition)]
"""A condition field in a charter: read by ``parse_condition``."""

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
