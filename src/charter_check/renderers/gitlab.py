"""The ``gitlab`` validate format: a GitLab Code Quality report (``artifacts:reports:codequality``),
so findings show in merge requests beside the lines of ``charter.yaml`` they are about.

Each finding is one issue with a fingerprint that is unique within the report and stable from run
to run while the finding stays the same, which is how GitLab tells new findings from fixed ones.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.renderers import Rendered, Write, render

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
        "description": finding.message,
        "check_name": finding.rule,
        "fingerprint": fingerprint(finding, taken),
        "severity": SEVERITIES[finding.severity],
        "location": {"path": finding.path, "lines": {"begin": finding.line}},
    }


def piece(assessment: Assessment, many: bool) -> tuple[str, ...]:
    """One manifest's issues, each laid out as it sits in the report's array."""
    taken: set[str] = set()
    return tuple(
        textwrap.indent(json.dumps(issue(finding, taken), indent=2, ensure_ascii=False), "  ")
        for finding in assessment.findings
    )


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
