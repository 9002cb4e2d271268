"""The YAML reader reads plain documents in one quick pass, and hands anything else to a careful
builder that refuses and explains. On generated YAML (block and flow styles, quoted and block
scalars, and hazards: anchors, aliases, tags, duplicate keys, control characters, directives,
second documents, broken syntax), the two must agree: the same value, the same positions, the same
refusal. Positions are also checked against PyYAML's own node tree, built independently."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.model.findings import Position
from charter_check.reading.yaml_reader import (
    MAX_DEPTH,
    YamlDocument,
    YamlPath,
    YamlProblem,
    _Builder,
    _NeedsCare,
    _read_plainly,
    read_yaml,
)
from tests.conftest import FIXED_SEED

KEYS = ["a", "b", "name", "evidence", "1", "yes", "key with space", "ключ", "x.y"]
WORDS = [
    "word",
    "two words",
    "NO",
    "on",
    "~",
    "null",
    "true",
    "False",
    "12",
    "-3",
    "0o17",
    "0x1F",
    "1.5",
    "-.inf",
    ".nan",
    "2026-01-02",
    "",
    "é",
    "a: b",
    "x # y",
    "'q'",
]
HAZARDS = ["&anchor ", "*anchor", "!!str ", "!custom ", "! ", "\t", '"\\a"', '"\\u202e"', "[", "? "]


def scalar() -> st.SearchStrategy[str]:
    plain = st.sampled_from(WORDS)
    double = st.sampled_from([*WORDS, "line\\nbreak", "tab\\there", "\\x41"]).map(lambda w: f'"{w}"')
    single = st.sampled_from(WORDS).map(lambda w: "'" + w.replace("'", "''") + "'")
    return st.one_of(plain, double, single)


def block(depth: int) -> st.SearchStrategy[list[str]]:
    """Lines of a block value at ``depth`` levels of two-space indentation."""
    indent = "  " * depth
    leaf = scalar().map(lambda value: [value])
    flow = st.lists(scalar(), max_size=3).map(lambda items: ["[" + ", ".join(items) + "]"])
    literal = st.sampled_from(["|", ">", "|-"]).map(lambda style: [style, f"{indent}  one", f"{indent}  two"])
    if depth >= 3:
        return st.one_of(leaf, flow, literal)
    mapping = st.lists(st.tuples(st.sampled_from(KEYS), block(depth + 1)), min_size=1, max_size=4).map(
        lambda entries: [""] + [line for key, lines in entries for line in _entry(indent + "  ", key, lines)]
    )
    sequence = st.lists(block(depth + 1), min_size=1, max_size=3).map(
        lambda items: [""] + [line for lines in items for line in _item(indent + "  ", lines)]
    )
    return st.one_of(leaf, flow, literal, mapping, sequence)


def _entry(indent: str, key: str, lines: list[str]) -> list[str]:
    return [f"{indent}{key}: {lines[0]}".rstrip(), *lines[1:]]


def _item(indent: str, lines: list[str]) -> list[str]:
    return [f"{indent}- {lines[0]}".rstrip(), *lines[1:]]


@st.composite
def documents(draw: st.DrawFn) -> str:
    entries = draw(st.lists(st.tuples(st.sampled_from(KEYS), block(0)), min_size=1, max_size=5))
    lines = [line for key, value in entries for line in _entry("", key, value)]
    for _ in range(draw(st.integers(0, 2))):
        where = draw(st.integers(0, len(lines) - 1))
        hazard = draw(st.sampled_from(HAZARDS))
        line = lines[where]
        column = draw(st.integers(0, len(line)))
        lines[where] = line[:column] + hazard + line[column:]
    prefix = draw(st.sampled_from(["", "---\n", "%YAML 1.2\n---\n"]))
    suffix = draw(st.sampled_from(["", "...\n", "---\nc: 1\n"]))
    return prefix + "\n".join(lines) + "\n" + suffix


def careful(text: str) -> YamlDocument | Exception:
    try:
        return _Builder(text).build()
    except (YamlProblem, yaml.YAMLError) as error:
        return error


def quick(text: str) -> YamlDocument | Exception | None:
    try:
        return _read_plainly(text)
    except _NeedsCare:
        return None
    except yaml.YAMLError as error:
        return error


def node_positions(text: str) -> dict[tuple[YamlPath, bool], Position]:
    """Each value's position (and each key's), from PyYAML's node tree."""
    found: dict[tuple[YamlPath, bool], Position] = {}

    def walk(node: yaml.Node, path: YamlPath) -> None:
        found[(path, False)] = Position(node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                found[((*path, key.value), True)] = Position(
                    key.start_mark.line + 1, key.start_mark.column + 1
                )
                walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    root = yaml.compose(text, Loader=yaml.CSafeLoader)  # the same parser, its own composer
    if root is not None:
        walk(root, ())
    return found


@settings(FIXED_SEED, max_examples=300)
@given(documents())
def test_quick_and_careful_readers_agree(text: str) -> None:
    expected = careful(text)
    got = quick(text)
    if got is None:  # left to the careful builder, which read_yaml then uses
        return
    if isinstance(got, Exception):
        assert type(got) is type(expected)
        assert str(got) == str(expected)
        return
    assert isinstance(expected, YamlDocument), f"the quick reader accepted what is refused: {expected}"
    assert repr(got.data) == repr(expected.data)
    for (path, at_key), position in node_positions(text).items():
        assert got.positions.locate(path, at_key=at_key) == position
        assert expected.positions.locate(path, at_key=at_key) == position


def test_plain_manifest_is_read_without_the_careful_builder() -> None:
    text = "charter: lcr-2025\nproject:\n  name: Test\nanswers:\n  a.b:\n    evidence: [docs/x.md]\n"
    document = _read_plainly(text)
    assert document.data == {
        "charter": "lcr-2025",
        "project": {"name": "Test"},
        "answers": {"a.b": {"evidence": ["docs/x.md"]}},
    }
    assert document.positions.locate(("answers", "a.b", "evidence", 0)) == Position(6, 16)
    assert document.positions.locate(("answers", "a.b"), at_key=True) == Position(5, 3)


def test_nesting_at_the_limit_is_read_and_past_it_refused() -> None:
    at_limit = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert read_yaml(at_limit.encode()).data is not None
    past = "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2)
    try:
        read_yaml(past.encode())
    except YamlProblem as problem:
        assert problem.rule == "yaml.too-deep"
    else:
        raise AssertionError("nesting past the limit was read")
