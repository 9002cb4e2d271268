"""The ``gitlab`` validate format: a GitLab Code Quality report (``artifacts:reports:codequality``),
so findings show in merge requests beside the lines of ``charter.yaml`` they are about.

Each finding is one issue, placed by its path from the top of the repository, with a fingerprint
(see ``identity``) that is unique within the report and stays the same while the finding does,
even when lines are added above it: that is how GitLab tells new findings from fixed ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.model.visible import visible
from charter_check.renderers import Rendered, Write, render
from charter_check.renderers.identity import fingerprint, repository_path

__all__ = ["fingerprint", "issue", "render_gitlab"]

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.NOTE: "info"}


def issue(finding: Finding, taken: set[str]) -> dict[str, Any]:
    return {
        "type": "issue",
        "engine_name": "charter-check",
        "description": visible(finding.message, line_breaks=True),
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding, taken),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": repository_path(finding.path), "lines": {"begin": finding.line}},
    }


def piece(assessment: Assessment, many: bool) -> tuple[str, ...]:
    """One manifest's issues, each laid out as it sits in the report's array."""
    taken: set[str] = set()
    issues = tuple(json.dumps(issue(finding, taken), ensure_ascii=False) for finding in assessment.findings)
    for item in assessment.switched_off:  # not reported, but numbered as the other formats number them
        for finding in item.findings:
            fingerprint(finding, taken)
    return issues


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """One JSON array of every manifest's issues, written as they come."""
    separator = "[\n"
    for each in rendered:
        if each.problem is None:
            for text in each.piece:
                out(separator + text)
                separator = ",\n"
    out("[]\n" if separator == "[\n" else "\n]\n")


def render_gitlab(assessments: Sequence[Assessment]) -> str:
    return render("gitlab", assessments)
