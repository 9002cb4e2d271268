"""The ``sarif`` format: valid SARIF 2.1.0, with stable rule ids described in the charter's words
and results located by a relative URI, line and column.

``schemas/sarif-2.1.0-rtm.5.json`` is the SARIF 2.1.0 schema as shipped in the npm package
``@microsoft/jest-sarif`` 1.0.0-beta.0 (MIT licence), kept here so the test needs no network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from charter_check import __version__
from charter_check.renderers.identity import FINGERPRINT_KEY
from charter_check.renderers.links import criterion_anchor, rule_anchor
from charter_check.renderers.sarif import render_sarif
from tests.renderers.assessed import FAILING, PASSING, assessed, switched_off, write_manifest
from tests.renderers.conftest import REPO as REPOSITORY

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


def test_the_driver_links_to_the_project() -> None:
    driver = sarif(FAILING)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/lcr-civic-data/charter-check"


def test_every_rule_links_to_where_it_is_documented(tmp_path: Path) -> None:
    (tmp_path / "misspelt").mkdir()
    misspelt = write_manifest(
        tmp_path / "misspelt", "charter: lcr-2025\nproject: {name: X, organisaton: Y}\n"
    )
    unanswered = write_manifest(tmp_path, "charter: lcr-2025\nproject: {name: X, organisation: Y}\n")
    rules = [
        rule
        for path in (FAILING, misspelt, unanswered)
        for rule in sarif(path)["runs"][0]["tool"]["driver"]["rules"]
    ]
    documents = {
        "docs/criteria.md": (REPOSITORY / "docs" / "criteria.md").read_text(encoding="utf-8"),
        "README.md": (REPOSITORY / "README.md").read_text(encoding="utf-8"),
    }
    release = f"https://github.com/lcr-civic-data/charter-check/blob/v{__version__}/"
    assert {rule["id"].split(".")[0] for rule in rules} >= {"manifest", "profile", "security"}
    for rule in rules:
        assert rule["helpUri"].startswith(release), rule
        document, anchor = rule["helpUri"].removeprefix(release).split("#")
        expected = criterion_anchor(rule["id"]) if document == "docs/criteria.md" else rule_anchor(rule["id"])
        assert anchor == expected
        assert f'<a id="{anchor}"></a>`{rule["id"]}`' in documents[document]


def test_results_carry_a_fingerprint_that_ignores_the_line() -> None:
    results = sarif(FAILING)["runs"][0]["results"]
    prints = [result["partialFingerprints"][FINGERPRINT_KEY] for result in results]
    assert len(set(prints)) == len(prints) == len(results)
    assert all(len(value) == 64 for value in prints)


def test_github_code_scanning_can_ingest_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What GitHub's page on SARIF support for code scanning asks of a log, beyond the schema:
    https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning"""
    unreadable = write_manifest(tmp_path, "charter: lcr-2025\nproject: [unclosed\n")
    monkeypatch.delenv("CI", raising=False)
    for log in (sarif(FAILING), sarif(PASSING, FAILING), sarif(unreadable)):
        jsonschema.Draft4Validator(SCHEMA).validate(log)
        assert log["$schema"] and log["version"] == "2.1.0"
        [run] = log["runs"]
        driver = run["tool"]["driver"]
        assert driver["name"] == "charter-check"
        for rule in driver["rules"]:
            assert rule["id"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
            assert rule["help"]["text"] and rule["helpUri"].startswith("https://")
        for result in run["results"]:
            assert result["message"]["text"] and result["level"] in ("note", "warning", "error")
            location = result["locations"][0]["physicalLocation"]
            assert location["artifactLocation"]["uri"] and location["region"]["startLine"] >= 1
            assert all(isinstance(value, str) for value in result["partialFingerprints"].values())
    for uri in (base["uri"] for base in sarif(FAILING)["runs"][0]["originalUriBaseIds"].values()):
        assert uri.startswith("file:///") and uri.endswith("/")
