"""What a person reads is in this tool's words: never pydantic's ('Value error, ...', 'Input
should be ...'), never a status said twice ('unanswered: unanswered: ...'), whatever the manifest
or charter, and whatever the format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, FIXTURES, TESTS, run_cli

LIBRARY_OR_DOUBLED = re.compile(
    r"Value error|Assertion failed|(?:Input|String|List|Value) should|"
    r"\b(unanswered|not met|partly|not known|does not apply): \1:",
    re.IGNORECASE,
)
MANIFESTS = sorted([*EXAMPLES.glob("*/charter.yaml"), *(TESTS / "hostile" / "cases").glob("*.yaml")], key=str)
MINI_CHARTER = (FIXTURES / "mini_charter.yaml").read_text(encoding="utf-8")
BROKEN_CHARTERS = {
    "an id that is not an id": ("id: care.benefit", "id: Care Benefit!"),
    "a yes/no that is neither": (
        "label: (f) legitimate interests",
        "label: (f) legitimate interests\n            meets: maybe",
    ),
    "a number below its bound": ("number: 1\n", "number: -1\n"),
    "a fraction for a whole number": ("min_length: 10", "min_length: 2.5"),
    "a list left empty": ('sources: [{type: charter, ref: "Principle 1"}]', "sources: []"),
    "a flag that is not a flag": ("id: uses_ai", "id: Uses-AI"),
    "a path that is not a path": ("answer_from: declaration.statement", "answer_from: Declaration/Statement"),
}


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif", "junit", "gitlab"])
def test_validate_speaks_in_its_own_words_in_every_format(output_format: str) -> None:
    result = run_cli("validate", *map(str, MANIFESTS), "--format", output_format, "--today", "2031-12-31")

    assert result.exit_code == 2  # some cannot be read at all
    assert result.output.count("unanswered: ") > 100
    assert LIBRARY_OR_DOUBLED.findall(result.output + result.stderr) == []


@pytest.mark.parametrize("broken", BROKEN_CHARTERS, ids=list(BROKEN_CHARTERS))
def test_a_broken_charter_is_described_in_plain_words(broken: str, tmp_path: Path) -> None:
    old, new = BROKEN_CHARTERS[broken]
    assert old in MINI_CHARTER
    charter = tmp_path / "charter-definition.yaml"
    charter.write_text(MINI_CHARTER.replace(old, new, 1), encoding="utf-8")
    manifest = tmp_path / "charter.yaml"
    manifest.write_text("charter: mini-2026\nproject: {name: P, organisation: O}\n", encoding="utf-8")

    result = run_cli("validate", str(manifest), "--charter", str(charter))

    assert result.exit_code == 2
    assert "invalid charter" in result.stderr
    assert LIBRARY_OR_DOUBLED.findall(result.stderr) == []
