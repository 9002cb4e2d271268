"""When a criterion applies (or a profile question is asked, or a choice is refused): small
boolean conditions over what is known of a project.

A condition in a charter is one of:

- a profile flag: ``health_data``;
- the project's stage: ``{stage: [pilot, live]}``;
- a choice given to another criterion: ``{answer: {security.dpia: [completed]}}``;
- ``{all: [...]}``, ``{any: [...]}`` or ``{not: ...}`` of conditions.

What a project has not said is *unknown*, and a criterion whose condition is unknown still
applies: the safe reading when a project has not said.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Union

from charter_check.model.base import ParsedBy


@dataclass(frozen=True, slots=True)
class AllOf:
    """Holds when every listed condition holds."""

    all: list[Condition]


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Holds when at least one listed condition holds."""

    any: list[Condition]


@dataclass(frozen=True, slots=True)
class NotOf:
    """Holds when the condition does not."""

    negated: Condition


@dataclass(frozen=True, slots=True)
class AtStage:
    """Holds when the project is at one of these stages."""

    stages: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Answered:
    """Holds when another criterion is answered with one of these choices."""

    criterion: str
    values: tuple[str, ...]


Condition = Union[str, AllOf, AnyOf, NotOf, AtStage, Answered]  # noqa: UP007 (a recursive alias)
_COMBINERS: dict[str, type[AllOf] | type[AnyOf]] = {"all": AllOf, "any": AnyOf}
_SHAPE = (
    "a profile question id, or 'all:' or 'any:' with a list of conditions, or 'not:' with one, or "
    "'stage:' with a list of stages, or 'answer:' with a criterion id and its choices"
)


def parse_condition(value: Any) -> Condition:
    """A condition as written in a charter, read; ValueError saying what is wrong if it is not one."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(f"a condition must be {_SHAPE}")
    ((key, inner),) = value.items()
    if key == "not":
        return NotOf(parse_condition(inner))
    if key == "stage":
        return AtStage(_words(inner, "'stage:' takes a list of stages, e.g. [pilot, live]"))
    if key == "answer":
        return _answered(inner)
    combiner = _COMBINERS.get(key)
    if combiner is None or not isinstance(inner, list) or not inner:
        raise ValueError(f"a condition must be {_SHAPE}")
    return combiner([parse_condition(part) for part in inner])


def _words(value: Any, shape: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(word, str) for word in value):
        raise ValueError(shape)
    return tuple(value)


def _answered(value: Any) -> Answered:
    shape = "'answer:' takes one criterion id and a list of its choices, e.g. {security.dpia: [completed]}"
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError(shape)
    ((criterion, values),) = value.items()
    return Answered(str(criterion), _words(values, shape))


CharterCondition = Annotated[Condition, ParsedBy(parse_condition)]
"""A condition field in a charter: read by ``parse_condition``."""


@dataclass(frozen=True)
class Facts:
    """What conditions are judged against: the profile (each flag true, false, or None when
    unknown), the stage (None when not given) and the choice given to each criterion answered
    with one."""

    profile: Mapping[str, bool | None]
    stage: str | None = None
    choices: Mapping[str, str] = field(default_factory=dict)


def evaluate(condition: Condition | None, facts: Facts) -> bool | None:
    """True, False, or None when what is known leaves it open (three-valued logic)."""
    if condition is None:
        return True
    if isinstance(condition, str):
        return facts.profile.get(condition)
    if isinstance(condition, AtStage):
        return None if facts.stage is None else facts.stage in condition.stages
    if isinstance(condition, Answered):
        chosen = facts.choices.get(condition.criterion)
        return None if chosen is None else chosen in condition.values
    if isinstance(condition, NotOf):
        inner = evaluate(condition.negated, facts)
        return None if inner is None else not inner
    parts = [evaluate(part, facts) for part in _parts(condition)]
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
    yield from (leaf for leaf in _leaves(condition) if isinstance(leaf, str))


def answers_named(condition: Condition | None) -> Iterator[Answered]:
    """Every condition on another criterion's answer that a condition holds."""
    yield from (leaf for leaf in _leaves(condition) if isinstance(leaf, Answered))


def stages_named(condition: Condition | None) -> Iterator[str]:
    """Every stage a condition names."""
    for leaf in _leaves(condition):
        if isinstance(leaf, AtStage):
            yield from leaf.stages


def _leaves(condition: Condition | None) -> Iterator[Condition]:
    if condition is None:
        return
    if isinstance(condition, NotOf):
        yield from _leaves(condition.negated)
    elif isinstance(condition, AllOf | AnyOf):
        for part in _parts(condition):
            yield from _leaves(part)
    else:
        yield condition


@dataclass(frozen=True)
class Wording:
    """How to say a leaf of a condition in words: a profile flag when it holds and when it does not,
    a choice given to another criterion; and when a flag's question is asked at all."""

    flag: Callable[[str, bool], str]
    answered: Callable[[Answered, bool], str]
    asked_when: Callable[[str], Condition | None] = lambda flag: None


def describe(condition: Condition | None, wording: Wording, holds: bool = True) -> str:
    """The condition in words: when it holds (``holds``), or when it does not."""
    if condition is None:
        return "always" if holds else "never"
    if isinstance(condition, str):
        return wording.flag(condition, holds)
    if isinstance(condition, AtStage):
        if condition.stages == ("retired",):
            return "the project is retired" if holds else "the project is not retired"
        stages = " or ".join(condition.stages)
        return (
            f"the project is at the {stages} stage" if holds else f"the project is not at the {stages} stage"
        )
    if isinstance(condition, Answered):
        return wording.answered(condition, holds)
    if isinstance(condition, NotOf):
        return describe(condition.negated, wording, not holds)
    joiner = " and " if isinstance(condition, AllOf) == holds else " or "
    words = [describe(part, wording, holds) for part in _parts(condition)]
    return words[0] if len(words) == 1 else "(" + joiner.join(words) + ")"


def why_not(condition: Condition | None, facts: Facts, wording: Wording) -> str:
    """Why ``condition`` does not hold for these facts, in words: only the parts that decide it
    (for 'all of', the first part that fails; for 'any of', every part)."""
    if condition is None or evaluate(condition, facts) is not False:
        return describe(condition, wording, holds=False)
    return _because(condition, facts, wording, holds=False)


def _because(condition: Condition, facts: Facts, wording: Wording, *, holds: bool) -> str:
    """Why ``condition`` evaluates to ``holds`` for these facts: the parts that decide it. One part
    decides 'any of' that holds and 'all of' that does not; otherwise it takes every part."""
    if isinstance(condition, NotOf):
        return _because(condition.negated, facts, wording, holds=not holds)
    if isinstance(condition, AllOf | AnyOf):
        parts = _parts(condition)
        if isinstance(condition, AnyOf) == holds:
            deciding = next(part for part in parts if evaluate(part, facts) is holds)
            return _because(deciding, facts, wording, holds=holds)
        return _and(_because(part, facts, wording, holds=holds) for part in parts)
    if isinstance(condition, str) and not holds:
        asked_when = wording.asked_when(condition)
        if asked_when is not None and evaluate(asked_when, facts) is False:
            return why_not(asked_when, facts, wording)  # not asked, so no: say what stopped it
    return describe(condition, wording, holds=holds)


def _and(reasons: Iterable[str]) -> str:
    """Reasons joined, each said once: 'a and b', or 'a; b; and c' (the reasons may hold 'and')."""
    unique = list(dict.fromkeys(reasons))
    if len(unique) <= 2:
        return " and ".join(unique)
    return "; ".join(unique[:-1]) + "; and " + unique[-1]
