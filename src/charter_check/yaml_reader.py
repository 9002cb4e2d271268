"""Strict, position-keeping YAML reading for manifests and charters.

Files are parsed into events by PyYAML (its C parser when available) and built into plain Python
values here, with YAML 1.2 core-schema scalars (so ``NO`` and ``on`` stay text and dates stay
text), so that duplicate keys, tags, anchors and aliases can be refused with their exact line and
column, and every value keeps the position it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from charter_check.findings import Finding, Position, Severity

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64

YamlPath = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


@dataclass
class PositionIndex:
    """Where each value (and each mapping key) of a document starts, by its path from the root."""

    values: dict[YamlPath, Position] = field(default_factory=dict)
    keys: dict[YamlPath, Position] = field(default_factory=dict)

    def locate(self, path: YamlPath, *, at_key: bool = False) -> Position:
        """The position of ``path`` (its key with ``at_key``, else its value). When ``path`` is not
        in the document, the key of its nearest ancestor that is: where the missing entry belongs."""
        if at_key and path in self.keys:
            return self.keys[path]
        if path in self.values:
            return self.values[path]
        for end in range(len(path) - 1, 0, -1):
            prefix = path[:end]
            if prefix in self.keys:
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return Position()


@dataclass
class YamlDocument:
    """A parsed YAML file: its plain data and the positions of everything in it."""

    data: Any
    positions: PositionIndex


class YamlProblem(Exception):
    """A reason a file cannot be read as a YAML document, with where it was found."""

    def __init__(self, rule: str, message: str, position: Position) -> None:
        super().__init__(message)
        self.rule = rule
        self.message = message
        self.position = position

    def to_finding(self, path: str) -> Finding:
        return Finding(
            rule=self.rule,
            severity=Severity.ERROR,
            message=self.message,
            path=path,
            line=self.position.line,
            column=self.position.column,
        )


def resolve_scalar(value: str, plain: bool) -> Any:
    """Turn a scalar into a Python value by the YAML 1.2 core schema. Quoted scalars stay text."""
    if not plain:
        return value
    if _NULL.match(value):
        return None
    if _TRUE.match(value):
        return True
    if _FALSE.match(value):
        return False
    if _INT.match(value):
        return int(value, 10)
    if _OCT.match(value):
        return int(value[2:], 8)
    if _HEX.match(value):
        return int(value[2:], 16)
    if _FLOAT.match(value):
        return float(value)
    if _INF.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN.match(value):
        return float("nan")
    return value


def decode_text(raw: bytes) -> str:
    """Decode UTF-8 (a byte-order mark is allowed), naming the line of the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            "yaml.encoding",
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x}); save it as UTF-8",
            Position(line, column),
        ) from None


def read_yaml(raw: bytes, *, max_bytes: int = MAX_BYTES) -> YamlDocument:
    """Parse one YAML document from bytes. Raises YamlProblem with a position on any problem."""
    if len(raw) > max_bytes:
        raise YamlProblem(
            "yaml.too-large",
            f"the file is {len(raw):,} bytes, over the {max_bytes:,}-byte limit; "
            "split it or remove what does not belong in it",
            Position(),
        )
    text = decode_text(raw)
    builder = _Builder(text)
    try:
        return builder.build()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position()
        problem = error.problem or "the YAML syntax is not valid"
        context = f" ({error.context})" if error.context else ""
        raise YamlProblem("yaml.syntax", f"YAML syntax error: {problem}{context}", position) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(
            "yaml.syntax",
            f"the file contains a character YAML does not allow (#x{error.character:04x}); "
            "remove it or save the file as plain text",
            _position_of_offset(text, error.position),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem("yaml.syntax", f"YAML syntax error: {error}".splitlines()[0], Position()) from None


def _position_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _events(text: str) -> Iterator[yaml.Event]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.parse(text, Loader=loader)


def _at(event: yaml.Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1) if mark else Position()


class _Builder:
    """Builds plain values from a YAML event stream, recording positions and refusing what we do
    not accept in a manifest: tags, anchors, aliases, duplicate keys, several documents."""

    def __init__(self, text: str) -> None:
        self._events = _events(text)
        self._positions = PositionIndex()

    def build(self) -> YamlDocument:
        data: Any = None
        documents = 0
        for event in self._events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "yaml.multiple-documents",
                        "the file holds more than one YAML document; keep one and remove the "
                        "'---' separators after it",
                        _at(event),
                    )
                self._refuse_directives(event)
                data = self._node(next(self._events), (), 0)
        return YamlDocument(data=data, positions=self._positions)

    @staticmethod
    def _refuse_directives(event: yaml.DocumentStartEvent) -> None:
        if event.version is not None or event.tags:
            raise YamlProblem(
                "yaml.directive",
                "YAML directives (%YAML, %TAG) are not accepted; remove the line starting with '%'",
                _at(event),
            )

    def _node(self, event: yaml.Event, path: YamlPath, depth: int) -> Any:
        if isinstance(event, yaml.DocumentEndEvent):
            return None
        self._refuse_anchor_and_tag(event)
        if depth > MAX_DEPTH:
            raise YamlProblem(
                "yaml.too-deep",
                f"the file nests more than {MAX_DEPTH} levels deep; flatten it",
                _at(event),
            )
        self._positions.values[path] = _at(event)
        if isinstance(event, yaml.ScalarEvent):
            return resolve_scalar(event.value, plain=event.style in (None, ""))
        if isinstance(event, yaml.SequenceStartEvent):
            return self._sequence(path, depth)
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(path, depth)
        raise YamlProblem("yaml.syntax", "unexpected YAML structure", _at(event))

    @staticmethod
    def _refuse_anchor_and_tag(event: yaml.Event) -> None:
        if isinstance(event, yaml.AliasEvent):
            raise YamlProblem(
                "yaml.alias",
                f"YAML aliases (*{event.anchor}) are not accepted; write the value out in full",
                _at(event),
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise YamlProblem(
                "yaml.anchor",
                f"YAML anchors (&{anchor}) are not accepted; write each value out in full",
                _at(event),
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            raise YamlProblem(
                "yaml.tag",
                f"YAML tags ({tag}) are not accepted; remove the tag and write a plain value",
                _at(event),
            )

    def _sequence(self, path: YamlPath, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in self._events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self._node(event, (*path, len(items)), depth + 1))
        return items

    def _mapping(self, path: YamlPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for event in self._events:
            if isinstance(event, yaml.MappingEndEvent):
                return mapping
            key = self._key(event)
            key_path = (*path, key)
            if key in mapping:
                first = self._positions.keys[key_path]
                raise YamlProblem(
                    "yaml.duplicate-key",
                    f"the key '{key}' appears twice (first at line {first.line}); "
                    "keep one and delete the other",
                    _at(event),
                )
            self._positions.keys[key_path] = _at(event)
            mapping[key] = self._node(next(self._events), key_path, depth + 1)
        return mapping

    def _key(self, event: yaml.Event) -> str:
        self._refuse_anchor_and_tag(event)
        if not isinstance(event, yaml.ScalarEvent):
            raise YamlProblem(
                "yaml.complex-key",
                "a mapping key must be plain text, not a list or a mapping",
                _at(event),
            )
        return str(event.value)
