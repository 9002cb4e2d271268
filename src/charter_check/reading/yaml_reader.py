"""Strict, position-keeping YAML reading for manifests and charters.

Files are parsed into events by PyYAML (its C parser when available) and built into plain Python
values here, with YAML 1.2 core-schema scalars (so ``NO`` and ``on`` stay text and dates stay
text), so that duplicate keys, tags, anchors and aliases can be refused with their exact line and
column, and every value keeps the position it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NoReturn

import yaml

from charter_check.model.findings import Finding, Position, Severity, YamlPath

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_VALUES = 10_000  # the bundled charter holds about 1,200 values, a full manifest about 200
_TOO_DEEP = f"the file nests more than {MAX_DEPTH} levels deep; flatten it"
_STANDARD_TAGS = "tag:yaml.org,2002:"  # what "!!" stands for, shown as the user wrote it


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_MAY_NOT_BE_TEXT = frozenset("~nNtTfF0123456789+-.")  # the first characters of the patterns above

# Control characters other than tab and line breaks (which reach a value through double-quoted
# escapes such as "\e") could rewrite a terminal or a CI log; bidirectional overrides could make a
# report read differently from the file. Both are refused.
_UNSAFE_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_BACKSLASH_ADVICE = (
    "a backslash inside double quotes starts an escape: use single quotes ('...') "
    "or write each backslash twice"
)
# The YAML parser's wording of common mistakes, and what a person should do about each.
_SYNTAX_ADVICE: tuple[tuple[str, str], ...] = (
    ("tab character", "indent with spaces, not tabs"),
    (
        "mapping values are not allowed",
        "if the value holds ': ', put the whole value in quotes (\"...\"); otherwise line this "
        "key up with the keys above it",
    ),
    (
        "did not find expected key",
        "line this up with the keys above it (spaces, not tabs), and check nothing follows a closing quote",
    ),
    ("did not find expected '-' indicator", "line this up with the list items above it"),
    ("could not find expected ':'", "add ': ' after the key, or put a long value in quotes on one line"),
    (
        "block sequence entries are not allowed",
        "start the list on the next line, with each '- item' indented under its key",
    ),
    ("found unexpected end of stream", "a quotation mark is not closed; add the closing quote"),
    ("expected ',' or ']'", "close the list with ']', or put an item that holds ':' or ',' in quotes"),
    ("expected ',' or '}'", "close the mapping with '}', or put a value that holds ':' or ',' in quotes"),
    ("hexdecimal number", _BACKSLASH_ADVICE),
    ("unknown escape character", _BACKSLASH_ADVICE),
    ("expected alphabetic or numeric character", "a value cannot start with '&' or '*'; put it in quotes"),
    ("cannot start any token", "a value cannot start with this character; put the value in quotes"),
)


class PositionIndex:
    """Where each value (and each mapping key) of a document starts, by its path from the root.

    The reader keeps, for each mapping and list, the parser's marks (0-based) of what it holds: a
    mapping's keys and values by key, a list's items in order. A position is found by following its
    path down from the root, so nothing is worked out for a document nobody asks about (most
    manifests checked have nothing to report)."""

    def __init__(self, root: Any, root_mark: Any, marks: dict[int, _Marks]) -> None:
        self._root = root
        self._root_mark = root_mark
        self._marks = marks

    def locate(self, path: YamlPath, *, at_key: bool = False) -> Position:
        """The position of ``path`` (its key with ``at_key``, else its value). When ``path`` is not
        in the document, the key of its nearest ancestor that is: where the missing entry belongs."""
        if not path:
            return _position(self._root_mark)
        found = self._along(path)
        if not found:
            return Position()
        key_mark, value_mark = found[-1]
        if len(found) == len(path) and not at_key:
            return _position(value_mark)
        return _position(key_mark if key_mark is not None else value_mark)

    def _along(self, path: YamlPath) -> list[tuple[Any, Any]]:
        """The marks of each step of ``path`` (its key's, None in a list, and its value's) from the
        root down, for as many steps as the document holds."""
        found: list[tuple[Any, Any]] = []
        node = self._root
        for step in path:
            held = self._marks.get(id(node))
            if held is None or held[0] is not node:
                break
            _, key_marks, value_marks = held
            if type(node) is dict:
                if step not in value_marks:
                    break
                found.append((key_marks[step], value_marks[step]))
            elif type(step) is int and 0 <= step < len(value_marks):
                found.append((None, value_marks[step]))
            else:
                break
            node = node[step]
        return found


_Marks = tuple[Any, Any, Any]
"""A mapping or list (held, so that its ``id`` stays its own), the marks of its keys (by key; None
for a list) and the marks of its values (by key, or in order)."""


def _position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark is not None else Position()


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
    if not plain or (value and value[0] not in _MAY_NOT_BE_TEXT):
        return value  # most values are words, which none of the patterns below can match
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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(
            "yaml.encoding",
            "the file is saved as UTF-16 text; save it as UTF-8 (editors offer the encoding under 'Save As')",
            Position(),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in raw[:8192]:
            raise YamlProblem(
                "yaml.encoding",
                "the file is not text: it looks like a document, spreadsheet or image; give the path "
                "of the charter.yaml text file instead",
                Position(),
            ) from None
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
    try:
        return _build(text)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(error, text) from None
    except yaml.reader.ReaderError as error:
        raise YamlProblem(
            "yaml.syntax",
            f"the file contains a character YAML does not allow (#x{error.character:04x}); "
            "remove it or save the file as plain text",
            _position_of_offset(text, error.position),
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem("yaml.syntax", f"YAML syntax error: {error}".splitlines()[0], Position()) from None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """A parser error as a located problem that says what to do, not only what the parser saw."""
    problem = error.problem or "the YAML syntax is not valid"
    mark = error.problem_mark or error.context_mark
    if "end of stream" in problem and "quoted scalar" in (error.context or ""):
        mark = error.context_mark or mark  # point at the opening quote, not the end of the file
    position = Position(mark.line + 1, mark.column + 1) if mark else Position()
    if "maximum nesting depth" in problem:
        return YamlProblem("yaml.too-deep", _TOO_DEEP, position)
    if mark is not None and "cannot start any token" in problem and _character_at(text, mark.index) == "\t":
        problem = "found a tab character"
    advice = next((advice for known, advice in _SYNTAX_ADVICE if known in problem), None)
    if advice is None:
        context = f" ({error.context})" if error.context else ""
        return YamlProblem("yaml.syntax", f"YAML syntax error: {problem}{context}", position)
    return YamlProblem("yaml.syntax", f"YAML syntax error: {problem}; {advice}", position)


def _character_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def describe_character(character: str) -> str:
    """``U+00A0 NO-BREAK SPACE``: a character named so that a person can find and delete it."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X} {name}".rstrip()


def _position_of_offset(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _events(text: str) -> Iterator[yaml.Event]:
    """The document's events, from PyYAML's C parser when it is installed (read directly: its
    ``get_event`` returns None after the last event, and ``yaml.parse`` adds a generator's cost
    to each of the hundreds of events in a manifest)."""
    try:
        from yaml._yaml import CParser  # noqa: PLC0415 (the C extension is optional)
    except ImportError:
        return yaml.parse(text, Loader=yaml.SafeLoader)
    return iter(CParser(text).get_event, None)


def _at(event: yaml.Event) -> Position:
    return _position(event.start_mark)


_NO_KEY: Any = object()
_UNTAGGED = (None, "!")  # no tag, or the non-specific "!" that a plain value may carry
_PLAIN_STYLES = (None, "")  # not quoted, nor a literal or folded block
_FRAMING_EVENTS = frozenset({yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent})


def _build(text: str) -> YamlDocument:  # noqa: PLR0915 (one loop, for speed)
    """Build the document's plain value in one loop over the parser's events, keeping the marks
    of keys and values, and refusing, with the line and column, what a manifest may not hold:
    tags, anchors, aliases, directives, duplicate keys, keys that are not text, invisible or
    control characters, a second document, nesting or values past the limits.

    Every manifest of a run of ``validate`` is read here, so this is one loop with no call per
    value but the scalar's resolution, rather than a recursive builder."""
    marks: dict[int, _Marks] = {}  # for each mapping and list, by its id, the marks of what it holds
    document: list[Any] = []  # holds the root value, once read
    root_mark: list[Any] = []  # and its mark
    containers: list[Any] = [document]  # the open mappings and sequences, outermost first
    container: Any = document
    key_marks: Any = None  # in the innermost open mapping, where each key was (None in a list)
    value_marks: Any = root_mark  # and where each value was (by key; in a list, in order)
    open_marks: list[tuple[Any, Any]] = [(key_marks, value_marks)]  # the same for each open container
    key: Any = _NO_KEY  # in a mapping, the key whose value comes next
    documents = values = 0
    event: Any  # each kind of event has its own attributes, read once its type is known
    # The event classes and the list's append, looked up once rather than for each event.
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    try:
        for event in _events(text):
            kind = type(event)
            if kind is scalar_event or kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag not in _UNTAGGED:
                    _refuse_anchor_and_tag(event)
                if key is _NO_KEY and type(container) is dict:  # a mapping's key
                    if kind is not scalar_event or event.value in key_marks or not event.value.isprintable():
                        _refuse_key(event, key_marks)
                    key = event.value
                    key_marks[key] = event.start_mark
                    continue
                if len(containers) > MAX_DEPTH + 1:
                    raise YamlProblem("yaml.too-deep", _TOO_DEEP, _at(event))
                if (values := values + 1) > MAX_VALUES:
                    _refuse_too_many(event)
                if kind is scalar_event:
                    if not event.value.isprintable():  # every character refused is unprintable
                        _refuse_unsafe_text(event)
                    value: Any = resolve_scalar(event.value, plain=event.style in _PLAIN_STYLES)
                else:
                    value = {} if kind is mapping_start else []
                if type(container) is dict:
                    container[key] = value
                    value_marks[key] = event.start_mark
                    key = _NO_KEY
                else:
                    container.append(value)
                    value_marks.append(event.start_mark)
                if kind is not scalar_event:
                    containers.append(value)
                    container = value
                    key_marks, value_marks = ({}, {}) if kind is mapping_start else (None, [])
                    marks[id(value)] = (value, key_marks, value_marks)
                    open_marks.append((key_marks, value_marks))
            elif kind is mapping_end or kind is sequence_end:
                containers.pop()
                open_marks.pop()
                container = containers[-1]
                key_marks, value_marks = open_marks[-1]
                key = _NO_KEY
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                _refuse_second_document_or_directive(event, documents)
            elif kind is yaml.AliasEvent:
                _refuse_anchor_and_tag(event)
            elif kind not in _FRAMING_EVENTS:
                raise YamlProblem("yaml.syntax", "unexpected YAML structure", _at(event))
    except ValueError:  # Python reads at most 4,300 digits into a number
        raise YamlProblem(
            "yaml.number-too-long",
            "the number is too long to read (over 4,300 digits); put it in quotes if it is text, "
            "or shorten it",
            _at(event),
        ) from None
    root = document[0] if document else None
    return YamlDocument(data=root, positions=PositionIndex(root, root_mark[0] if root_mark else None, marks))


def _refuse_key(event: Any, seen: dict[str, Any] | None) -> NoReturn:
    """Refuse the key ``event`` starts: not plain text, holding an invisible character, or there
    already (``seen``: the keys of its mapping so far, with their marks)."""
    if type(event) is not yaml.ScalarEvent:
        raise YamlProblem(
            "yaml.complex-key", "a mapping key must be plain text, not a list or a mapping", _at(event)
        )
    key: str = event.value
    if not key.isprintable():
        _refuse_invisible_in_key(event)
    assert seen is not None
    raise YamlProblem(
        "yaml.duplicate-key",
        f"the key '{key}' appears twice (first at line {_position(seen[key]).line}); "
        "keep one and delete the other",
        _at(event),
    )


def _refuse_second_document_or_directive(event: yaml.DocumentStartEvent, documents: int) -> None:
    if documents > 1:
        raise YamlProblem(
            "yaml.multiple-documents",
            "the file holds more than one YAML document; keep one and remove the '---' separators after it",
            _at(event),
        )
    if event.version is not None or event.tags:
        raise YamlProblem(
            "yaml.directive",
            "YAML directives (%YAML, %TAG) are not accepted; remove the line starting with '%'",
            _at(event),
        )


def _refuse_too_many(event: yaml.Event) -> NoReturn:
    raise YamlProblem(
        "yaml.too-many-values",
        f"the file holds more than {MAX_VALUES:,} values, the most charter-check reads "
        "from one file; remove what does not belong in it",
        _at(event),
    )


def _refuse_anchor_and_tag(event: Any) -> NoReturn:
    if isinstance(event, yaml.AliasEvent):
        raise YamlProblem(
            "yaml.alias",
            f"YAML aliases (*{event.anchor}) are not accepted; write the value out in full",
            _at(event),
        )
    if event.anchor is not None:
        raise YamlProblem(
            "yaml.anchor",
            f"YAML anchors (&{event.anchor}) are not accepted; write each value out in full",
            _at(event),
        )
    tag: str = event.tag
    shown = "!!" + tag.removeprefix(_STANDARD_TAGS) if tag.startswith(_STANDARD_TAGS) else tag
    raise YamlProblem(
        "yaml.tag",
        f"YAML tags ({shown}) are not accepted; remove the tag and write a plain value",
        _at(event),
    )


def unsafe_character(text: str) -> str | None:
    """The first control or bidirectional character in ``text``, named, or None."""
    found = _UNSAFE_IN_TEXT.search(text)
    return describe_character(found.group()) if found else None


def _refuse_unsafe_text(event: yaml.ScalarEvent) -> None:
    found = _UNSAFE_IN_TEXT.search(event.value)
    if found:
        raise YamlProblem(
            "yaml.control-character",
            f"the value holds an invisible control character ({describe_character(found.group())}), "
            "which could change how terminals and reports show the text; delete it",
            _at(event),
        )


def _refuse_invisible_in_key(event: yaml.ScalarEvent) -> NoReturn:
    """Keys are names such as ``security.dpia``: an invisible or unusual space in one, often pasted
    from a word processor, would make it a different key that looks the same."""
    hidden = next(character for character in event.value if not character.isprintable())
    shown = "".join(c if c.isprintable() else f"[U+{ord(c):04X}]" for c in event.value)
    raise YamlProblem(
        "yaml.invisible-character",
        f"the key '{shown}' holds an invisible character ({describe_character(hidden)}); "
        "delete the key and type it again",
        _at(event),
    )
