"""The ``gitlab`` validate format: a GitLab Code Quality report (``artifacts:reports:codequality``),
so findings show in merge requests beside the lines of ``charter.yaml`` they are about.

Each finding is one issue with a fingerprint that is unique within the report and stable from run
to run while the finding stays the same, which is how GitLab tells new findings from fixed ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.renderers.visible import visible

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def fingerprint(finding: Finding, taken: set[str]) -> str:
    """A SHA-256 of what the finding says and where; repeated if two findings are identical."""
    parts = [finding.path, finding.rule, str(finding.line), str(finding.column), finding.message]
    occurrence = 0
    while True:
        digest = hashlib.sha256("\0".join([*parts, str(occurrence)]).encode("utf-8")).hexdigest()
        if digest not in taken:
            taken.add(digest)
            return digest
        occurrence += 1


def issue(finding: Finding, taken: set[str]) -> dict[str, Any]:
    return {
        "type": "issue",
        "engine_name": "charter-check",
        "description": visible(finding.message, line_breaks=True),
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding, taken),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": finding.path, "lines": {"begin": finding.line}},
    }


def render_gitlab(assessments: Sequence[Assessment]) -> str:
    taken: set[str] = set()
    issues = [issue(finding, taken) for assessment in assessments for finding in assessment.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
