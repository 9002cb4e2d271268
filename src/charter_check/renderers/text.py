"""The plain-text ``validate`` format: one ``path:line:col: severity [rule] message`` line per
finding, then a summary per principle and a verdict line, for people and for CI logs."""

from __future__ import annotations

from collections.abc import Sequence

from charter_check.model.assessment import Assessment, CriterionStatus
from charter_check.model.findings import Finding
from charter_check.renderers.labels import CRITERION_STATUS_WORDS, PRINCIPLE_STATUS_WORDS
from charter_check.renderers.visible import visible, visible_path


def finding_line(finding: Finding) -> str:
    """``path:line:col: severity [rule] message``, on one line whatever the message holds, with
    any control or bidirectional character in it shown as an escape."""
    message = visible(" ".join(finding.message.split()))
    return (
        f"{visible_path(finding.path)}:{finding.line}:{finding.column}: {finding.severity.value} "
        f"[{visible(finding.rule)}] {message}"
    )


def principle_table(assessment: Assessment) -> list[str]:
    """One line per principle: number, title, status in words, and criterion counts."""
    lines = []
    for result in assessment.principles:
        counts = [
            f"{result.count(status)} {CRITERION_STATUS_WORDS[status]}"
            for status in CriterionStatus
            if result.count(status)
        ]
        status = PRINCIPLE_STATUS_WORDS[result.status]
        title = f"{result.principle.number:>2}. {result.principle.title}"
        lines.append(f"  {title:<30} {status:<20} {', '.join(counts)}".rstrip())
        if result.justification:
            justification = visible(" ".join(result.justification.split()))
            lines.append(f"      not applicable to this project: {justification}")
    return lines


def verdict_line(assessment: Assessment) -> str:
    counts = assessment.finding_counts()
    criteria = assessment.criterion_counts()
    outstanding = criteria["not_met"] + criteria["missing"]
    applying = sum(criteria.values()) - criteria["not_required"]
    word = "PASS" if assessment.passed else "FAIL"
    return (
        f"{visible_path(assessment.manifest.path)}: {word}: {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['note']} note(s); of {applying} criteria that "
        f"apply, {criteria['met']} met, {criteria['not_applicable']} not applicable, "
        f"{outstanding} outstanding"
    )


def switched_off_lines(assessment: Assessment) -> list[str]:
    """One line per rule the configuration switches off, with the reason it records."""
    return [
        f"  switched off by {visible(item.configured_in)}: {visible(item.rule)} "
        f"({len(item.findings)} finding(s) not counted): {visible(' '.join(item.reason.split()))}"
        for item in assessment.switched_off
    ]


def overall_line(assessments: Sequence[Assessment]) -> str:
    failed = sum(1 for assessment in assessments if not assessment.passed)
    return f"{len(assessments)} manifests checked: {len(assessments) - failed} passed, {failed} failed"


def render_text(assessments: Sequence[Assessment]) -> str:
    """One manifest: its findings, the principle table and the verdict. Several: each one's
    findings and verdict line (the table would drown them), then the overall count."""
    lines: list[str] = []
    many = len(assessments) > 1
    for assessment in assessments:
        lines += [finding_line(finding) for finding in assessment.findings]
        if not many:
            if lines:
                lines.append("")
            charter = assessment.charter
            lines.append(
                f"{charter.title} (version {charter.version}), assessed {assessment.assessed_on.isoformat()}:"
            )
            lines += principle_table(assessment)
        lines.append(verdict_line(assessment))
        lines += switched_off_lines(assessment)
    if many:
        lines += ["", overall_line(assessments)]
    return "\n".join(lines).rstrip("\n") + "\n"
