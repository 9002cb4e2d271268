"""The YAML reader, checked on generated YAML (block and flow styles, quoted and block scalars, and
hazards: anchors, aliases, tags, duplicate keys, control characters, directives, second documents,
broken syntax) against an independent reading of the same text by PyYAML's own scanner and
composer: a document that holds anything a manifest may not hold is refused with a located
problem; any other is read to the same value as PyYAML's node tree gives, and every key and value
at the same line and column."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charter_check.model.findings import Position, YamlPath
from charter_check.reading.yaml_reader import (
    MAX_DEPTH,
    YamlDocument,
    YamlProblem,
    read_yaml,
    resolve_scalar,
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
    double = st.sampled_from(
        [*WORDS, "line\\nbreak", "tab\\there", "\\x41", "bell\\a", "\\u202eevil", "esc\\e[31m"]
    ).map(lambda w: f'"{w}"')
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


REFUSED_TOKENS = (yaml.AnchorToken, yaml.AliasToken, yaml.DirectiveToken)
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def ours(text: str) -> YamlDocument | YamlProblem:
    try:
        return read_yaml(text.encode("utf-8"))
    except YamlProblem as problem:
        return problem


def should_be_refused(text: str) -> bool:
    """What PyYAML's scanner and composer see in the text that a manifest may not hold."""
    try:
        tokens = list(yaml.scan(text, Loader=yaml.CSafeLoader))
        root = yaml.compose(text, Loader=yaml.CSafeLoader)  # fails on a second document
    except yaml.YAMLError:
        return True
    for token in tokens:
        if isinstance(token, REFUSED_TOKENS):
            return True
        if isinstance(token, yaml.TagToken) and token.value not in (("!", ""), (None, "!")):
            return True
    return root is not None and _refused_in_tree(root)


def _refused_in_tree(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return UNSAFE.search(node.value) is not None
    if isinstance(node, yaml.SequenceNode):
        return any(_refused_in_tree(item) for item in node.value)
    keys = [key for key, _ in node.value]
    if any(not isinstance(key, yaml.ScalarNode) or not key.value.isprintable() for key in keys):
        return True
    if len({key.value for key in keys}) < len(keys):
        return True
    return any(_refused_in_tree(value) for _, value in node.value)


def tree_value(node: yaml.Node | None) -> object:
    """The plain value of PyYAML's node tree, scalars read by the YAML 1.2 core schema."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return resolve_scalar(node.value, plain=node.style in (None, ""))
    if isinstance(node, yaml.SequenceNode):
        return [tree_value(item) for item in node.value]
    return {key.value: tree_value(value) for key, value in node.value}


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


@pytest.mark.slow
@settings(FIXED_SEED, max_examples=400)
@given(documents())
def test_what_pyyaml_sees_is_what_the_reader_reads_or_refuses(text: str) -> None:
    read = ours(text)
    if should_be_refused(text):
        assert isinstance(read, YamlProblem), f"accepted what a manifest may not hold: {text!r}"
        lines = text.count("\n") + 1
        assert 1 <= read.position.line <= lines + 1
        return
    assert isinstance(read, YamlDocument), f"refused a plain document: {read.message}"
    assert repr(read.data) == repr(tree_value(yaml.compose(text, Loader=yaml.CSafeLoader)))
    for (path, at_key), position in node_positions(text).items():
        assert read.positions.locate(path, at_key=at_key) == position


def test_a_plain_manifest_is_read_with_positions() -> None:
    text = "charter: lcr-2025\nproject:\n  name: Test\nanswers:\n  a.b:\n    evidence: [docs/x.md]\n"
    document = read_yaml(text.encode())
    assert document.data == {
        "charter": "lcr-2025",
        "project": {"name": "Test"},
        "answers": {"a.b": {"evidence": ["docs/x.md"]}},
    }
    assert document.positions.locate(("answers", "a.b", "evidence", 0)) == Position(6, 16)
    assert document.positions.locate(("answers", "a.b"), at_key=True) == Position(5, 3)


def test_a_number_too_long_to_read_is_a_located_problem() -> None:
    problem = ours("a: 1\nb: " + "9" * 5000 + "\n")
    assert isinstance(problem, YamlProblem)
    assert (problem.rule, problem.position) == ("yaml.number-too-long", Position(2, 4))
    assert isinstance(ours('a: "' + "9" * 5000 + '"\n'), YamlDocument)


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
