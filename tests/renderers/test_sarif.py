"""The ``sarif`` format: valid SARIF 2.1.0, with stable rule ids described in the charter's words
and results located by a relative URI, line and column.

``schemas/sarif-2.1.0-rtm.5.json`` is the SARIF 2.1.0 schema as shipped in the npm package
``@microsoft/jest-sarif`` 1.0.0-beta.0 (MIT licence), kept here so the test needs no network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from charter_check.renderers.sarif import render_sarif
from tests.renderers.assessed import FAILING, PASSING, assessed, switched_off, write_manifest

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
)


def sarif(*paths: Path) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_sarif([assessed(path) for path in paths]))
    return log


def test_output_validates_against_the_sarif_2_1_0_schema(tmp_path: Path) -> None:
    unreadable = write_manifest(tmp_path, "charter: lcr-2025\nproject: [unclosed\n")
    for log in (sarif(FAILING), sarif(PASSING), sarif(PASSING, FAILING, unreadable)):
        jsonschema.Draft4Validator(SCHEMA).validate(log)
        assert log["version"] == "2.1.0"


def test_a_broken_log_fails_the_schema_so_the_test_can_fail() -> None:
    log = sarif(FAILING)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert not jsonschema.Draft4Validator(SCHEMA).is_valid(log)


def test_each_result_points_at_a_relative_uri_line_and_column() -> None:
    assessment = assessed(FAILING)
    results = sarif(FAILING)["runs"][0]["results"]
    assert len(results) == len(assessment.findings)
    for result, finding in zip(results, assessment.findings, strict=True):
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"] == {"uri": finding.path, "uriBaseId": "%SRCROOT%"}
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"] == {"startLine": finding.line, "startColumn": finding.column}
        assert result["ruleId"] == finding.rule and result["level"] == finding.severity.value


def test_criterion_rules_are_described_in_the_charters_words() -> None:
    run = sarif(FAILING)["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    rule = rules["ai-identification.tell-people"]
    assert rule["shortDescription"]["text"] == "People told they are dealing with AI"
    assert rule["fullDescription"]["text"].endswith("?")
    assert "What to do:" in rule["help"]["text"]
    for result in run["results"]:
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_structural_rules_have_their_own_descriptions(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "charter: lcr-2025\nproject: {name: X, organisaton: Y}\n")
    rules = {rule["id"]: rule for rule in sarif(path)["runs"][0]["tool"]["driver"]["rules"]}
    rule = rules["manifest.unknown-field"]
    assert rule["shortDescription"]["text"] == "Unknown field"
    assert rule["help"]["text"].startswith("Correct the spelling")


def test_rule_ids_are_stable_from_run_to_run() -> None:
    first, second = sarif(FAILING), sarif(FAILING)
    assert first == second


def test_switched_off_findings_are_suppressed_with_the_reason() -> None:
    reason = "Reviewed with the DPO; the review date moves with the January board."
    assessment = switched_off(assessed(FAILING), "security.dpia-review", reason)
    log = json.loads(render_sarif([assessment]))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    [suppressed] = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert suppressed["ruleId"] == "security.dpia-review"
    assert suppressed["suppressions"] == [{"kind": "external", "status": "accepted", "justification": reason}]
