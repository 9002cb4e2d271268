"""The strict YAML reader: YAML 1.2 values, positions, and what it refuses."""

from __future__ import annotations

import pytest

from charter_check.model.findings import Position
from charter_check.reading.yaml_reader import MAX_DEPTH, YamlProblem, read_yaml


def problem(text: str | bytes) -> YamlProblem:
    raw = text.encode() if isinstance(text, str) else text
    with pytest.raises(YamlProblem) as caught:
        read_yaml(raw)
    return caught.value


def test_yaml_1_2_keeps_norway_and_on_as_text_and_dates_as_text() -> None:
    document = read_yaml(b"country: NO\non: push\nenabled: yes\nwhen: 2026-01-02\nflag: true\nn: 0755\n")
    assert document.data == {
        "country": "NO",
        "on": "push",
        "enabled": "yes",
        "when": "2026-01-02",
        "flag": True,
        "n": 755,
    }


def test_positions_of_keys_and_values_are_one_based() -> None:
    document = read_yaml(b"project:\n  name: Test\nlist:\n  - a\n  - b\n")
    assert document.positions.locate(("project", "name")) == Position(2, 9)
    assert document.positions.locate(("project", "name"), at_key=True) == Position(2, 3)
    assert document.positions.locate(("list", 1)) == Position(5, 5)
    assert document.positions.locate(("project", "missing")) == Position(1, 1)


def test_duplicate_key_is_refused_at_the_second_occurrence() -> None:
    found = problem("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert found.rule == "yaml.duplicate-key"
    assert found.position == Position(4, 3)
    assert "first at line 3" in found.message


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("a: !!python/object:os.system x\n", "yaml.tag", 1),
        ("a: &anchor 1\n", "yaml.anchor", 1),
        ("a: 1\nb: *x\n", "yaml.alias", 2),
        ("a: &x [1]\nb: *x\n", "yaml.anchor", 1),
        ("%YAML 1.1\n---\na: yes\n", "yaml.directive", 1),
        ("a: 1\n---\nb: 2\n", "yaml.multiple-documents", 2),
        ("a: [1, 2\nb: 3\n", "yaml.syntax", 2),
        ("a:\n\tb: 1\n", "yaml.syntax", 2),
        ("[a]: 1\n", "yaml.complex-key", 1),
    ],
)
def test_refused_constructs_are_located(text: str, rule: str, line: int) -> None:
    found = problem(text)
    assert (found.rule, found.position.line) == (rule, line)


def test_alias_bomb_is_refused_quickly_at_the_first_anchor() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
    assert problem("\n".join(levels)).rule == "yaml.anchor"


def test_bom_and_crlf_are_accepted() -> None:
    document = read_yaml(b"\xef\xbb\xbfa: 1\r\nb: two\r\n")
    assert document.data == {"a": 1, "b": "two"}
    assert document.positions.locate(("b",)) == Position(2, 4)


def test_bytes_that_are_not_utf8_are_located() -> None:
    found = problem(b"a: 1\nb: caf\xe9\n")
    assert found.rule == "yaml.encoding"
    assert found.position == Position(2, 7)
    assert "UTF-8" in found.message


def test_control_characters_are_refused_with_a_position() -> None:
    found = problem(b"a: 1\nb: \x00\n")
    assert found.rule == "yaml.syntax"
    assert found.position.line == 2


def test_size_cap() -> None:
    assert read_yaml(b"a: " + b"x" * 100).data == {"a": "x" * 100}
    with pytest.raises(YamlProblem) as caught:
        read_yaml(b"a: " + b"x" * 100, max_bytes=50)
    assert caught.value.rule == "yaml.too-large"


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    assert problem(text).rule == "yaml.too-deep"


def test_empty_document_is_none() -> None:
    assert read_yaml(b"# only a comment\n").data is None
