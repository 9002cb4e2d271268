"""The ``gitlab`` format: GitLab Code Quality issues with unique, stable fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace

from charter_check.renderers.gitlab import render_gitlab
from tests.renderers.assessed import FAILING, assessed


def test_one_issue_per_finding_located_by_path_and_line() -> None:
    assessment = assessed(FAILING)
    issues = json.loads(render_gitlab([assessment]))
    assert len(issues) == len(assessment.findings)
    for issue, finding in zip(issues, assessment.findings, strict=True):
        assert issue["check_name"] == finding.rule
        assert issue["location"] == {"path": finding.path, "lines": {"begin": finding.line}}
        assert (
            issue["severity"]
            == {"error": "major", "warning": "minor", "note": "info"}[finding.severity.value]
        )
        assert issue["description"] == finding.message


def test_fingerprints_are_unique_even_for_identical_findings() -> None:
    assessment = assessed(FAILING)
    doubled = replace(assessment, findings=assessment.findings + assessment.findings)
    fingerprints = [issue["fingerprint"] for issue in json.loads(render_gitlab([doubled]))]
    assert len(fingerprints) == len(set(fingerprints)) == 2 * len(assessment.findings)


def test_fingerprints_are_stable_between_runs() -> None:
    first = [i["fingerprint"] for i in json.loads(render_gitlab([assessed(FAILING)]))]
    second = [i["fingerprint"] for i in json.loads(render_gitlab([assessed(FAILING)]))]
    assert first == second
