"""The plain-text ``validate`` format: one ``path:line:col: severity [rule] message`` line per
finding, then a summary per principle and a verdict line, for people and for CI logs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from charter_check.model.assessment import DOES_NOT_APPLY, Assessment, CriterionResult, CriterionStatus
from charter_check.model.findings import Finding
from charter_check.model.visible import visible, visible_path
from charter_check.renderers import Rendered, Write, render
from charter_check.renderers.labels import PRINCIPLE_STATUS_WORDS, criterion_counts


def finding_line(finding: Finding, path: str | None = None) -> str:
    """``path:line:col: severity [rule] message``, on one line whatever the message holds, with
    any control or bidirectional character in it shown as an escape; the manifest named as
    ``path`` when given (the CI formats name it from the top of the repository)."""
    message = visible(" ".join(finding.message.split()))
    return (
        f"{visible_path(finding.path if path is None else path)}:{finding.line}:{finding.column}: "
        f"{finding.severity.value} "
        f"[{visible(finding.rule)}] {message}"
    )


def principle_table(assessment: Assessment) -> list[str]:
    """One line per principle: number, title, status in words, and criterion counts."""
    lines = []
    for result in assessment.principles:
        status = PRINCIPLE_STATUS_WORDS[result.status]
        title = f"{result.principle.number:>2}. {result.principle.title}"
        lines.append(f"  {title:<30} {status:<20} {criterion_counts(result)}".rstrip())
    return lines


def not_examined(assessment: Assessment) -> list[str]:
    """The criteria that do not apply, each with why: what a board should know was not examined."""
    lines = [
        f"  - {result.criterion.id}: {_why_not_examined(result)}"
        for result in assessment.criteria
        if result.status in DOES_NOT_APPLY
    ]
    return [f"Does not apply ({len(lines)}):", *lines] if lines else []


def _why_not_examined(result: CriterionResult) -> str:
    if result.status is CriterionStatus.NOT_APPLICABLE:
        justification = result.said("justification") or ""
        return "not applicable, the project says: " + visible(" ".join(justification.split()))
    return " ".join(result.message.removeprefix("does not apply: ").split())


def verdict_line(assessment: Assessment) -> str:
    """``path: PASS: Ready for approval: 51 criteria met, 3 do not apply, 0 relaxed by
    configuration; 0 error(s), 2 warning(s), 0 note(s)``: the verdict and what it rests on."""
    counts = assessment.finding_counts()
    word = "PASS" if assessment.passed else "FAIL"
    return (
        f"{visible_path(assessment.manifest.path)}: {word}: {assessment.judged().headline}; "
        f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} note(s)"
    )


def switched_off_lines(assessment: Assessment) -> list[str]:
    """One line per rule the configuration relaxes (switches off), with the reason it records."""
    return [
        f"  relaxed by configuration ({visible(item.configured_in)}): {visible(item.rule)} switched off, "
        f"{item.not_counted} finding(s) not counted: {visible(' '.join(item.reason.split()))}"
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
        lines += not_examined(assessment)
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
