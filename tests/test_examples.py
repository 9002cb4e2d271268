"""The bundled examples: each gives the exit code `examples/README.md` documents, the failing one
for the reasons a board would care about, located in its manifest, and the dashboard with its
principles honestly marked not applicable."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parent.parent / "examples"
TODAY = "2026-11-28"

DOCUMENTED_EXIT_CODES = {
    "nhs-admissions-forecast": 0,
    "council-chatbot": 1,
    "transport-dashboard": 0,
}

# The chatbot's findings a board must act on, and the manifest entry each should point at.
BOARD_FINDINGS = {
    "ai-identification.tell-people": "ai-identification.tell-people",
    "accountability.accountable-person": "accountable_person",
    "security.lawful-basis": "security.lawful-basis",
    "independent-oversight.next-review": "independent-oversight.next-review",
}


def validate(example: str, *options: str) -> tuple[int, str]:
    """Run ``charter-check validate <example>/charter.yaml`` from the examples folder."""
    result = run_cli("validate", f"{example}/charter.yaml", "--today", TODAY, *options, cwd=EXAMPLES)
    return result.exit_code, result.stdout


def validate_json(example: str) -> dict[str, Any]:
    _, output = validate(example, "--format", "json")
    document: dict[str, Any] = json.loads(output)
    return document


def manifest_lines(example: str) -> list[str]:
    return (EXAMPLES / example / "charter.yaml").read_text(encoding="utf-8").splitlines()


def entry_above(lines: list[str], line_number: int) -> str:
    """The name of the two-space-indented manifest entry that holds ``line_number`` (1-based)."""
    for line in reversed(lines[:line_number]):
        entry = re.match(r"^  ([\w.-]+):", line)
        if entry:
            return entry.group(1)
    raise AssertionError(f"no manifest entry at or above line {line_number}")


@pytest.mark.parametrize(("example", "exit_code"), DOCUMENTED_EXIT_CODES.items())
def test_example_gives_its_documented_exit_code(example: str, exit_code: int) -> None:
    code, output = validate(example)
    assert code == exit_code, output
    verdict = "PASS" if exit_code == 0 else "FAIL"
    assert f"{example}/charter.yaml: {verdict}:" in output


@pytest.mark.parametrize(("example", "exit_code"), DOCUMENTED_EXIT_CODES.items())
def test_example_json_verdict_agrees_with_exit_code(example: str, exit_code: int) -> None:
    document = validate_json(example)
    assert document["verdict"] == ("pass" if exit_code == 0 else "fail")
    assert [principle["number"] for principle in document["principles"]] == list(range(1, 12))


@pytest.mark.parametrize("example", DOCUMENTED_EXIT_CODES)
def test_example_cites_every_evidence_file_it_ships_and_no_other(example: str) -> None:
    document = validate_json(example)
    cited = {
        item["reference"]
        for principle in document["principles"]
        for criterion in principle["criteria"]
        for item in criterion["evidence"]
    }
    states = {
        item["state"]
        for principle in document["principles"]
        for criterion in principle["criteria"]
        for item in criterion["evidence"]
    }
    shipped = {path.relative_to(EXAMPLES / example).as_posix() for path in (EXAMPLES / example).rglob("*.md")}
    assert states <= {"file", "link"}
    assert {reference for reference in cited if not reference.startswith("https://")} == shipped


@pytest.mark.parametrize(("rule", "entry"), BOARD_FINDINGS.items())
def test_chatbot_fails_for_board_relevant_reasons_located_in_the_manifest(rule: str, entry: str) -> None:
    _, output = validate("council-chatbot")
    pattern = rf"^council-chatbot/charter\.yaml:(\d+):(\d+): error \[{re.escape(rule)}\] (.+)$"
    found = re.search(pattern, output, flags=re.MULTILINE)
    assert found, output
    line, column = int(found.group(1)), int(found.group(2))
    assert column >= 1
    assert entry_above(manifest_lines("council-chatbot"), line) == entry


def test_chatbot_messages_say_what_is_wrong() -> None:
    _, output = validate("council-chatbot")
    findings = {
        match.group(1): match.group(2)
        for match in re.finditer(r"^\S+ error \[([\w.-]+)\] (.+)$", output, flags=re.MULTILINE)
    }
    assert "public authorities" in findings["security.lawful-basis"]
    assert "AI system" in findings["ai-identification.tell-people"]
    assert "declaration.accountable_person" in findings["accountability.accountable-person"]
    assert "2026-10-31 has passed" in findings["independent-oversight.next-review"]


def test_readme_excerpt_matches_the_chatbot_output() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    excerpt = re.search(r"```text\n(.*?)```", readme, flags=re.DOTALL)
    assert excerpt, "examples/README.md has no ```text excerpt"
    _, output = validate("council-chatbot")
    output_lines = output.splitlines()
    for line in excerpt.group(1).splitlines():
        if line != "...":
            assert line in output_lines


def test_dashboard_marks_waived_principles_not_applicable() -> None:
    manifest = read_yaml((EXAMPLES / "transport-dashboard" / "charter.yaml").read_bytes()).data
    waived = set(manifest["principles_not_applicable"])
    document = validate_json("transport-dashboard")
    not_applicable = {p["id"] for p in document["principles"] if p["status"] == "not_applicable"}
    assert waived == {"security", "privacy", "ai-identification"}
    assert not_applicable == waived
    for principle in document["principles"]:
        if principle["id"] in waived:
            assert {c["status"] for c in principle["criteria"]} <= {"not_required", "not_applicable"}


def test_dashboard_justifies_a_criterion_not_applicable() -> None:
    document = validate_json("transport-dashboard")
    criteria = {c["id"]: c for p in document["principles"] for c in p["criteria"]}
    last_review = criteria["independent-oversight.last-review"]
    assert last_review["status"] == "not_applicable"
    assert "15 March 2027" in last_review["justification"]
    assert criteria["independent-oversight.next-review"]["status"] == "met"
    assert document["summary"]["criteria"]["not_applicable"] == 1
