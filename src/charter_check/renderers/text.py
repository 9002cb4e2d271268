"""The plain-text ``validate`` format: one ``path:line:col: severity [rule] message`` line per
finding, then a summary per principle and a verdict line, for people and for CI logs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from charter_check.model.assessment import Assessment, CriterionStatus
from charter_check.model.findings import Finding
from charter_check.renderers import Rendered, Write, render
from charter_check.renderers.labels import CRITERION_STATUS_WORDS, PRINCIPLE_STATUS_WORDS


def finding_line(finding: Finding) -> str:
    """``path:line:col: severity [rule] message``, on one line whatever the message holds."""
    message = " ".join(finding.message.split())
    return (
        f"{finding.path}:{finding.line}:{finding.column}: {finding.severity.value} [{finding.rule}] {message}"
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
            lines.append(f"      not applicable to this project: {' '.join(result.justification.split())}")
    return lines


def verdict_line(assessment: Assessment) -> str:
    counts = assessment.finding_counts()
    criteria = assessment.criterion_counts()
    outstanding = criteria["not_met"] + criteria["missing"]
    applying = sum(criteria.values()) - criteria["not_required"]
    word = "PASS" if assessment.passed else "FAIL"
    return (
        f"{assessment.manifest.path}: {word}: {counts['error']} error(s), "
        f"{counts['warning']} warning(s), {counts['note']} note(s); of {applying} criteria that "
        f"apply, {criteria['met']} met, {criteria['not_applicable']} not applicable, "
        f"{outstanding} outstanding"
    )


def switched_off_lines(assessment: Assessment) -> list[str]:
    """One line per rule the configuration switches off, with the reason it records."""
    return [
        f"  switched off by {item.configured_in}: {item.rule} "
        f"({len(item.findings)} finding(s) not counted): {item.reason}"
        for item in assessment.switched_off
    ]


def overall_line(passed: int, failed: int) -> str:
    return f"{passed + failed} manifests checked: {passed} passed, {failed} failed"


def piece(assessment: Assessment, many: bool) -> str:
    """One manifest: its findings, then, when it is the only one, the principle table, then its
    verdict line (and the rules its configuration switches off)."""
    lines = [finding_line(finding) for finding in assessment.findings]
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
    return "\n".join(lines) + "\n"


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """Each manifest's piece as it comes; after several, the overall count."""
    passed = failed = 0
    for each in rendered:
        if each.problem is None:
            out(each.piece)
            passed, failed = passed + each.passed, failed + (not each.passed)
    if many:
        out("\n" + overall_line(passed, failed) + "\n")


def render_text(assessments: Sequence[Assessment]) -> str:
    return render("text", assessments)
