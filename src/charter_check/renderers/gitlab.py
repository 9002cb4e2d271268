"""The ``gitlab`` validate format: a GitLab Code Quality report (``artifacts:reports:codequality``),
so findings show in merge requests beside the lines of ``charter.yaml`` they are about.

Each finding is one issue, placed by its path from the top of the repository, with a fingerprint
(see ``identity``) that is unique within the report and stays the same while the finding does,
even when lines are added above it: that is how GitLab tells new findings from fixed ones.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.renderers.identity import fingerprint, repository_path

__all__ = ["fingerprint", "issue", "render_gitlab"]

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def issue(finding: Finding, taken: set[str]) -> dict[str, Any]:
    return {
        "type": "issue",
        "engine_name": "charter-check",
        "description": finding.message,
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding, taken),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": repository_path(finding.path), "lines": {"begin": finding.line}},
    }


def render_gitlab(assessments: Sequence[Assessment]) -> str:
    taken: set[str] = set()
    issues = []
    for assessment in assessments:
        issues += [issue(finding, taken) for finding in assessment.findings]
        for item in assessment.switched_off:  # not reported, but numbered as the other formats number them
            for finding in item.findings:
                fingerprint(finding, taken)
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
