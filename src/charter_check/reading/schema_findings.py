"""Turn validation errors (pydantic's, raised by ``records.record_from``) into located findings a
person can act on: the line and column of the offending key or value, and for a misspelt key, the
key that was probably meant."""

from __future__ import annotations

import re
import typing
from collections.abc import Iterable
from typing import Any

from charter_check.model.base import InvalidData, Model
from charter_check.model.charter import PATTERN_WORDS
from charter_check.model.findings import Finding, Severity, YamlPath, did_you_mean, dotted_path
from charter_check.reading.yaml_reader import PositionIndex

_EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false (or yes or no)",
    "bool_parsing": "true or false (or yes or no)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "'key: value' lines indented under it",
    "model_type": "'key: value' lines indented under it",
    "dataclass_type": "'key: value' lines indented under it",
    "list_type": "a list",
    "date_type": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "{} or more"),
    "greater_than": ("gt", "more than {}"),
    "less_than_equal": ("le", "{} or less"),
    "less_than": ("lt", "less than {}"),
}
_SHOULD = re.compile(r"^(?:Input|String|List|Value|Dictionary|Object) should ")
_LIBRARY_PREFIX = re.compile(r"^(?:Value error|Assertion failed), ")
"""How pydantic words its messages, which are never shown as they are (see ``_message``)."""
_SAME_AS = {"unexpected_keyword_argument": "extra_forbidden", "missing_argument": "missing"}
"""Error types pydantic gives records (dataclasses), as the types it gives models."""


def schema_findings(
    error: InvalidData,
    model: type[Model],
    data: Any,
    positions: PositionIndex,
    path: str,
    base: YamlPath = (),
) -> list[Finding]:
    """One finding per distinct problem in ``error``, located through ``positions``."""
    findings: dict[tuple[YamlPath, str], Finding] = {}
    for given in error.errors:
        kind = _SAME_AS.get(given["type"], given["type"])
        detail = given | {"type": kind}
        where = _real_path(detail["loc"], data)
        key = (where, "type" if kind not in ("missing", "extra_forbidden") else kind)
        if key in findings:
            continue
        full = (*base, *where)
        at_key = kind == "extra_forbidden"
        position = positions.locate(full, at_key=at_key)
        findings[key] = Finding(
            rule=_rule(kind),
            severity=Severity.ERROR,
            message=_message(detail, where, model, data),
            path=path,
            line=position.line,
            column=position.column,
            yaml_path=dotted_path(full),
        )
    return list(findings.values())


def _real_path(loc: Iterable[int | str], data: Any) -> YamlPath:
    """Drop the union-member and validator names pydantic puts in ``loc``; keep keys and indexes
    that exist in the data (plus a final missing or unknown key)."""
    path: list[str | int] = []
    current: Any = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not _looks_internal(part):
            path.append(part)
            current = None
    return tuple(path)


def _looks_internal(part: str) -> bool:
    return (
        "[" in part
        or part.startswith(("function-", "union", "json-or-python"))
        or part
        in {
            "str",
            "bool",
            "int",
            "float",
            "list",
            "dict",
            "none",
            "is-instance",
            "lax-str",
            "Person",
        }
    )


def _rule(kind: str) -> str:
    if kind == "missing":
        return "manifest.missing-field"
    if kind == "extra_forbidden":
        return "manifest.unknown-field"
    return "manifest.invalid-value"


def _dotted(where: YamlPath) -> str:
    return dotted_path(where) or "the file"


def _message(detail: Any, where: YamlPath, model: type[Model], data: Any) -> str:
    kind = detail["type"]
    name = _dotted(where)
    if kind == "missing":
        return f"'{name}' is required; add it"
    if kind == "extra_forbidden":
        return _unknown_key_message(where, model)
    value = detail.get("input")
    if kind in ("model_type", "dataclass_type", "dict_type") and where == () and not isinstance(data, dict):
        return (
            "the file must be a YAML mapping: 'key: value' lines such as 'charter: lcr-2025' and "
            "'project:', not a list or a single value; 'charter-check init' writes one to start from"
        )
    if kind == "string_type" and isinstance(value, (int, float, bool)):
        return f"'{name}' must be text; put the value in quotes, e.g. \"{_yaml_text(value)}\""
    expected = _EXPECTED.get(kind)
    if kind in {"enum", "literal_error"}:
        expected = str(detail.get("ctx", {}).get("expected", "one of the allowed values"))
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")
    if kind == "string_too_short":
        return f"'{name}' must not be empty"
    if kind == "too_short":
        least = detail.get("ctx", {}).get("min_length", 1)
        return f"'{name}' must not be empty" if least == 1 else f"'{name}' must list at least {least}"
    if kind == "string_pattern_mismatch":
        pattern = detail.get("ctx", {}).get("pattern")
        expected = PATTERN_WORDS.get(pattern, "written as the charter format describes")
    if kind in _BOUNDS:
        bound, words = _BOUNDS[kind]
        expected = words.format(detail.get("ctx", {}).get(bound))
    if expected:
        return f"'{name}' must be {expected}, not {_shown(value)}"
    return f"'{name}' {_without_library_phrasing(str(detail['msg']))}"


def _without_library_phrasing(message: str) -> str:
    """pydantic's wording of a problem this module does not word itself, made the rest of a
    sentence about the field: 'Input should be a valid URL' becomes 'must be a valid URL'."""
    if _SHOULD.match(message):
        return _SHOULD.sub("must ", message)
    words = _LIBRARY_PREFIX.sub("", message)
    return f"is not valid: {words[:1].lower()}{words[1:]}"


def _yaml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    text = repr(value) if isinstance(value, str) else _yaml_text(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _unknown_key_message(where: YamlPath, model: type[Model]) -> str:
    key = str(where[-1]) if where else ""
    allowed = _fields_at(model, where[:-1])
    hint = ""
    if allowed:
        hint = did_you_mean(key, allowed) or f"; expected one of: {', '.join(allowed)}"
    return f"unknown key '{key}'{hint}"


def _fields_at(model: type[Model], where: YamlPath) -> list[str]:
    """Field names of the model found by walking ``where`` through nested models."""
    current: type[Model] | None = model
    for part in where:
        field = current.model_fields.get(str(part)) if current is not None else None
        if field is None:
            return []
        current = next(iter(models_in(field.annotation)), None)
    return list(current.model_fields) if current is not None else []


def models_in(hint: Any) -> list[type[Model]]:
    """The model types a field's type mentions (in ``X | None``, ``list[X]``, ``Annotated[X, …]``)."""
    if isinstance(hint, type) and issubclass(hint, Model):
        return [hint]
    return [found for argument in typing.get_args(hint) for found in models_in(argument)]
