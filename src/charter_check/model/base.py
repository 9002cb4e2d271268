"""The base of every model a charter or a manifest is read into: pydantic models, frozen, that
refuse keys they do not define. pydantic is the one definition of what a well-formed charter or
manifest is; its errors become located findings in ``reading.validation``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from pydantic_core import core_schema

ModelT = TypeVar("ModelT", bound="Model")


class Model(BaseModel):
    """A frozen model that refuses keys it does not define."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StrictModel(Model):
    """A model of what a project writes: no value is converted to another type (a number is not
    taken as text, nor text as a number)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class InvalidData(Exception):
    """The data does not fit the model; ``errors`` are pydantic's, one per problem."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} validation error(s)")
        self.errors = errors


def validated(model: type[ModelT], data: Any) -> ModelT:
    """``data`` read into ``model``; raises InvalidData, with pydantic's errors, when it does not fit."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidData([dict(detail) for detail in error.errors(include_url=False)]) from None


def validated_each(model: type[ModelT], data: dict[str, Any]) -> dict[str, ModelT]:
    """Each value of ``data`` read into ``model``, all in one call of pydantic's compiled validator
    (a manifest has some fifty answer entries: one call for each costs more); raises InvalidData
    when any does not fit."""
    try:
        return _each_of(model).validate_python(data)  # type: ignore[no-any-return]
    except ValidationError as error:
        raise InvalidData([dict(detail) for detail in error.errors(include_url=False)]) from None


@lru_cache(maxsize=8)
def _each_of(model: type[Model]) -> TypeAdapter[Any]:
    return TypeAdapter(dict[str, model])  # type: ignore[valid-type]


@dataclass(frozen=True, slots=True)
class ParsedBy:
    """Read a value with ``function`` (which raises ValueError, with a message, when it cannot),
    rather than by its type: for values whose shape pydantic cannot describe, such as conditions."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        return core_schema.no_info_plain_validator_function(self.function)
