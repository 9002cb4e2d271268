"""The ``sarif`` validate format: SARIF 2.1.0, which GitHub code scanning (``upload-sarif``) and
other code-review tools read.

Every finding is a result on the line and column of ``charter.yaml`` it is about, under a stable
rule id: the criterion id for a criterion, or a structural rule such as ``yaml.syntax``. Each rule
carries its title, description and help, in the charter's own words for criteria. Findings of a
rule the configuration switches off are results too, marked as suppressed with the reason given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from charter_check import __version__
from charter_check.judging.rules import Rule, rule_for
from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding
from charter_check.renderers.visible import visible

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SOURCE_ROOT = "%SRCROOT%"


def artifact_location(path: str) -> dict[str, str]:
    """A relative path as a URI relative to the source root; an absolute one as a file URI."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return {"uri": "file://" + quote(str(posix))}
    return {"uri": quote(str(posix)), "uriBaseId": SOURCE_ROOT}


def rule_descriptor(rule: Rule, level: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.description},
        "help": {"text": rule.help},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["charter"] if rule.can_switch_off else ["manifest-structure"]},
    }
    if rule.help_uri:
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def result(finding: Finding, rule_index: int) -> dict[str, Any]:
    located: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": finding.severity.value,
        "message": {"text": visible(finding.message, line_breaks=True)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(finding.path),
                    "region": {"startLine": finding.line, "startColumn": finding.column},
                }
            }
        ],
    }
    properties = {key: value for key, value in _about(finding).items() if value}
    if properties:
        located["properties"] = properties
    return located


def render_sarif(assessments: Sequence[Assessment]) -> str:
    rules: dict[str, dict[str, Any]] = {}
    indexes: dict[str, int] = {}
    results: list[dict[str, Any]] = []

    def index_of(finding: Finding, assessment: Assessment) -> int:
        """The rule's place in the driver's rules, adding the rule the first time it is seen."""
        if finding.rule not in indexes:
            rule = rule_for(finding.rule, assessment.charter)
            indexes[finding.rule] = len(rules)
            rules[finding.rule] = rule_descriptor(rule, finding.severity.value)
        return indexes[finding.rule]

    for assessment in assessments:
        results += [result(finding, index_of(finding, assessment)) for finding in assessment.findings]
        for item in assessment.switched_off:
            for finding in item.findings:
                suppressed = result(finding, index_of(finding, assessment))
                suppressed["suppressions"] = [
                    {"kind": "external", "status": "accepted", "justification": visible(item.reason)}
                ]
                results.append(suppressed)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "charter-check",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": list(rules.values()),
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _about(finding: Finding) -> dict[str, str | None]:
    return {"criterion": finding.criterion, "principle": finding.principle}
