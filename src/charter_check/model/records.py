"""Records: the frozen dataclasses that charters and manifests are read into, and how data is
checked against them.

pydantic is the authority on what is valid, and its errors become located findings
(``schema_findings``). But importing pydantic and building its validators takes longer than the
rest of a ``validate`` run, and ``validate`` runs on every push. So ``record_from`` first tries a
quick reader that takes only data whose shape is plainly right (exact types, every constraint met)
and builds the very record pydantic would build. Anything it is not sure of goes to pydantic,
which either accepts it or says precisely what is wrong. The quick reader never accepts what
pydantic refuses; ``tests/test_records.py`` checks the two agree on generated data.

Constraints are written once, as ``Annotated`` markers that both readers understand:
``Constraints`` (in pydantic-core's terms: ``min_length``, ``pattern``, ``ge``, ``gt``, ``strict``,
``strip_whitespace``), ``Before`` (a function applied to the value first) and ``ParsedBy`` (a
function that reads the value on its own, raising ValueError with a message when it cannot).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, ClassVar, TypeVar

RecordT = TypeVar("RecordT", bound="Record")
Reader = Callable[[Any], Any]
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Built once per record type, on first use (a dict rather than functools.cache: record types are
# keys here, and mypy does not count them as hashable).
_TYPE_ADAPTERS: dict[type[Record], Any] = {}
_HINTS: dict[type[Record], dict[str, Any]] = {}
_RECORD_READERS: dict[type[Any], Callable[[Any], Any]] = {}


class Record:
    """Base of every record: a frozen, slotted dataclass that refuses keys it does not define."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]


class InvalidData(Exception):
    """The data does not fit the record; ``errors`` are pydantic's, one per problem."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} validation error(s)")
        self.errors = errors


@dataclasses.dataclass(frozen=True, slots=True)
class Constraints:
    """Constraints on a text, number or list, named as pydantic-core names them."""

    min_length: int | None = None
    pattern: str | None = None
    ge: int | None = None
    gt: int | None = None
    strict: bool = False
    strip_whitespace: bool = False

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        schema = dict(handler(source))
        if schema.get("type") not in ("str", "bool", "int", "list"):
            raise TypeError(f"Constraints apply to str, bool, int or list, not {source!r}")
        return schema | self.given()

    def given(self) -> dict[str, Any]:
        """The constraints set, by name."""
        fields = dataclasses.fields(self)
        return {f.name: getattr(self, f.name) for f in fields if getattr(self, f.name) not in (None, False)}


@dataclasses.dataclass(frozen=True, slots=True)
class Before:
    """Apply ``function`` to the value before it is checked (e.g. to read ``yes`` as true)."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema  # noqa: PLC0415 (only when pydantic validates)

        return core_schema.no_info_before_validator_function(self.function, handler(source))


@dataclasses.dataclass(frozen=True, slots=True)
class ParsedBy:
    """Read the value with ``function``, which raises ValueError (with a message) when it cannot."""

    function: Callable[[Any], Any]

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema  # noqa: PLC0415 (only when pydantic validates)

        return core_schema.no_info_plain_validator_function(self.function)


def record_from(record: type[RecordT], data: Any) -> RecordT:
    """``data`` read into ``record``; raises InvalidData, with pydantic's errors, when it does not fit."""
    try:
        return _record_reader(record)(data)
    except _NotSure:
        return validated_by_pydantic(record, data)


def read_quickly(record: type[RecordT], data: Any) -> RecordT | None:
    """``data`` read into ``record`` by the quick reader, or None when it cannot vouch for it."""
    try:
        return _record_reader(record)(data)
    except _NotSure:
        return None


def validated_by_pydantic(record: type[RecordT], data: Any) -> RecordT:
    """``data`` validated into ``record`` by pydantic; raises InvalidData with its errors."""
    from pydantic import ValidationError  # noqa: PLC0415 (pydantic only when the quick reader is unsure)

    try:
        validated: RecordT = _type_adapter(record).validate_python(data)
    except ValidationError as error:
        raise InvalidData([dict(detail) for detail in error.errors(include_url=False)]) from None
    return validated


def _type_adapter(record: type[Record]) -> Any:
    if record not in _TYPE_ADAPTERS:
        from pydantic import TypeAdapter  # noqa: PLC0415

        _TYPE_ADAPTERS[record] = TypeAdapter(record)
    return _TYPE_ADAPTERS[record]


def record_fields(record: type[Record]) -> dict[str, Any]:
    """A record's field names and their resolved types (``Annotated`` markers kept)."""
    hints = _hints(record)
    return {field.name: hints[field.name] for field in dataclasses.fields(record) if field.init}


def records_in(hint: Any) -> list[type[Record]]:
    """The record types a field's type mentions (in ``X | None``, ``list[X]``, ``Annotated[X, …]``)."""
    if isinstance(hint, type) and issubclass(hint, Record):
        return [hint]
    return [found for argument in typing.get_args(hint) for found in records_in(argument)]


def plain_data(value: Any, *, drop: Callable[[dataclasses.Field[Any], Any], bool] | None = None) -> Any:
    """A record as plain data (enums as their values), leaving out fields ``drop`` says to."""
    if isinstance(value, Record):
        return {
            field.name: plain_data(getattr(value, field.name), drop=drop)
            for field in dataclasses.fields(value)
            if field.init and not (drop and drop(field, getattr(value, field.name)))
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [plain_data(item, drop=drop) for item in value]
    if isinstance(value, dict):
        return {key: plain_data(item, drop=drop) for key, item in value.items()}
    return value


def is_none(_field: dataclasses.Field[Any], value: Any) -> bool:
    """For ``plain_data``: leave out fields with no value."""
    return value is None


def is_default(field: dataclasses.Field[Any], value: Any) -> bool:
    """For ``plain_data``: leave out fields left at their default."""
    if field.default is not dataclasses.MISSING:
        return bool(value == field.default)
    return field.default_factory is not dataclasses.MISSING and bool(value == field.default_factory())


# The quick reader. Each type is compiled once into a function that returns the value pydantic
# would return, or raises _NotSure.


class _NotSure(Exception):
    """The quick reader cannot vouch for this value; pydantic decides."""


def _hints(record: type[Record]) -> dict[str, Any]:
    if record not in _HINTS:
        _HINTS[record] = typing.get_type_hints(record, include_extras=True)
    return _HINTS[record]


def _record_reader(record: type[RecordT]) -> Callable[[Any], RecordT]:
    """The quick reader of a record: every key one of its fields, every field it needs given."""
    reader = _RECORD_READERS.get(record)
    if reader is not None:
        return reader
    readers = {name: _reader(hint) for name, hint in record_fields(record).items()}
    required = frozenset(
        field.name
        for field in dataclasses.fields(record)
        if field.init
        and field.default is dataclasses.MISSING
        and field.default_factory is dataclasses.MISSING
    )

    def read(data: Any) -> RecordT:
        if type(data) is not dict:
            raise _NotSure
        values = {}
        for name, value in data.items():
            field_reader = readers.get(name)
            if field_reader is None:
                raise _NotSure
            values[name] = field_reader(value)
        if required and not required <= values.keys():
            raise _NotSure
        try:
            return record(**values)
        except (ValueError, TypeError, AssertionError):
            raise _NotSure from None

    _RECORD_READERS[record] = read
    return read


def _reader(hint: Any) -> Reader:
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin is typing.Annotated:
        return _annotated_reader(arguments[0], arguments[1:])
    if origin is typing.Union or origin is types.UnionType:
        return _union_reader([_reader(argument) for argument in arguments])
    if origin is typing.Literal:
        return _literal_reader(arguments)
    if origin is list:
        return _list_reader(_reader(arguments[0]))
    if origin is dict and arguments[0] is str:
        return _dict_reader(_reader(arguments[1]))
    if hint is Any:
        return _as_is
    if hint is type(None) or hint is None:
        return _exactly(type(None))
    if isinstance(hint, type) and issubclass(hint, Record):
        return _taking(_record_reader(hint), dict)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum_reader(hint)
    if hint is dt.date:
        return _read_date
    if hint in (str, bool, int, float):
        return _exactly(hint)
    raise TypeError(f"the quick reader does not know the type {hint!r}; teach it in records.py")


def _as_is(value: Any) -> Any:
    return value


def _exactly(*kinds: type) -> Reader:
    """A reader for values of these exact types, taken as they are."""
    accepted = frozenset(kinds)

    def read(value: Any) -> Any:
        if type(value) not in accepted:
            raise _NotSure
        return value

    _EXACT_TYPES[read] = _TAKES[read] = accepted
    return read


_EXACT_TYPES: dict[Reader, frozenset[type]] = {}
"""The readers that take values of some exact types as they are, and nothing else."""
_TAKES: dict[Reader, frozenset[type]] = {}
"""The readers known to take values of these exact types only (not always as they are)."""


def _taking(read: Reader, *kinds: type) -> Reader:
    _TAKES[read] = frozenset(kinds)
    return read


def _read_date(value: Any) -> dt.date:
    if type(value) is dt.date:
        return value
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        raise _NotSure
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _NotSure from None


def _enum_reader(enum: type[Enum]) -> Reader:
    members = {member.value: member for member in enum}

    def read(value: Any) -> Any:
        if type(value) is not str or value not in members:
            raise _NotSure
        return members[value]

    return _taking(read, str)


def _literal_reader(allowed: tuple[Any, ...]) -> Reader:
    def read(value: Any) -> Any:
        if not any(type(value) is type(option) and value == option for option in allowed):
            raise _NotSure
        return value

    return _taking(read, *{type(option) for option in allowed})


def _list_reader(item: Reader) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not list:
            raise _NotSure
        return list(value) if item is _as_is else [item(element) for element in value]

    return _taking(read, list)


def _dict_reader(item: Reader) -> Reader:
    def read(value: Any) -> Any:
        if type(value) is not dict:
            raise _NotSure
        read_items = {}
        for key, element in value.items():
            if type(key) is not str:
                raise _NotSure
            read_items[key] = element if item is _as_is else item(element)
        return read_items

    return _taking(read, dict)


def _union_reader(members: list[Reader]) -> Reader:
    """Exact types never fit two members, so the first that fits is the one pydantic picks. When
    each member is known to take values of its own types only, and no two take the same type, the
    value's type alone says which member reads it; otherwise each is tried in turn."""
    by_type: dict[type, Reader] = {}
    for member in members:
        for kind in _TAKES.get(member, ()):
            by_type.setdefault(kind, member)
    if all(member in _TAKES for member in members) and len(by_type) == sum(len(_TAKES[m]) for m in members):
        if all(member in _EXACT_TYPES for member in members):
            return _exactly(*by_type)

        def read_by_type(value: Any) -> Any:
            member = by_type.get(type(value))
            if member is None:
                raise _NotSure
            return member(value)

        return _taking(read_by_type, *by_type)

    def read(value: Any) -> Any:
        for member in members:
            try:
                return member(value)
            except _NotSure:
                continue
        raise _NotSure

    return read


def _annotated_reader(inner: Any, markers: tuple[Any, ...]) -> Reader:
    """The markers in order, as pydantic applies them; a ``ParsedBy`` reads the value instead of
    the type it annotates."""
    parsers = [marker for marker in markers if isinstance(marker, ParsedBy)]
    read = _before(parsers[-1].function, _as_is) if parsers else _reader(inner)
    for marker in markers[markers.index(parsers[-1]) + 1 :] if parsers else markers:
        if isinstance(marker, Constraints):
            read = _constrained(read, marker)
        elif isinstance(marker, Before):
            read = _before(marker.function, read)
        else:
            raise TypeError(f"the quick reader does not know the marker {marker!r}")
    return read


def _constrained(read: Reader, constraints: Constraints) -> Reader:
    if not constraints.given().keys() - {"strict"}:
        return read  # the quick reader takes exact types only: it is always strict
    pattern = re.compile(constraints.pattern) if constraints.pattern is not None else None

    def check(value: Any) -> Any:
        value = read(value)
        if constraints.strip_whitespace:
            value = value.strip()
        if constraints.min_length is not None and len(value) < constraints.min_length:
            raise _NotSure
        # pydantic's regex engine and Python's differ over '$' before a final newline: leave any
        # text with a newline to pydantic.
        if pattern is not None and ("\n" in value or pattern.search(value) is None):
            raise _NotSure
        if constraints.ge is not None and not value >= constraints.ge:
            raise _NotSure
        if constraints.gt is not None and not value > constraints.gt:
            raise _NotSure
        return value

    return check


def _before(function: Callable[[Any], Any], read: Reader) -> Reader:
    def check(value: Any) -> Any:
        try:
            prepared = function(value)
        except (ValueError, TypeError, AssertionError):
            raise _NotSure from None
        return read(prepared)

    return check
