"""The ``github`` validate format: GitHub Actions workflow commands, so each finding shows as an
annotation on the line of ``charter.yaml`` it is about, then the plain summary lines for the log.

GitHub shows only the first 10 error and 10 warning annotations of a step, so the findings that
block come first, most severe first. ``render_step_summary`` gives the Markdown summary that the
command appends to ``$GITHUB_STEP_SUMMARY``, with every finding, for when annotations run out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from charter_check.judging.rules import rule_for
from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.renderers.markdown_escape import escape_markdown
from charter_check.renderers.text import overall_line, switched_off_lines, verdict_line
from charter_check.renderers.visible import visible, visible_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
SUMMARY_FINDINGS_PER_MANIFEST = 50


def escape_data(text: str) -> str:
    """Escape a workflow command's message, as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property (file, title), which also ends at ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, assessment: Assessment) -> str:
    """``::error file=…,line=…,col=…,title=…::message`` for one finding."""
    rule = rule_for(finding.rule, assessment.charter)
    title = f"{rule.title} [{finding.rule}]"
    properties = ",".join(
        [
            f"file={escape_property(visible_path(finding.path))}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={escape_property(visible(title))}",
        ]
    )
    message = escape_data(visible(finding.message, line_breaks=True))
    return f"::{COMMANDS[finding.severity]} {properties}::{message}"


def by_importance(assessments: Sequence[Assessment]) -> list[tuple[Finding, Assessment]]:
    """Every finding with its assessment: blocking ones first, then by severity, file and line."""
    pairs = [(finding, assessment) for assessment in assessments for finding in assessment.findings]
    return sorted(
        pairs,
        key=lambda pair: (
            not pair[0].blocks(pair[1].strict),
            -pair[0].severity.rank,
            pair[0].path,
            pair[0].line,
            pair[0].column,
            pair[0].rule,
        ),
    )


def render_github(assessments: Sequence[Assessment]) -> str:
    lines = [annotation(finding, assessment) for finding, assessment in by_importance(assessments)]
    for assessment in assessments:
        lines.append(verdict_line(assessment))
        lines += switched_off_lines(assessment)
    if len(assessments) > 1:
        lines.append(overall_line(assessments))
    return "\n".join(lines) + "\n"


# The step summary -----------------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Text from a manifest, shown as text in Markdown on one line: no links, autolinks, emphasis,
    HTML or table breaks, and control characters visible (``escape_markdown``)."""
    return escape_markdown(" ".join(text.split()))


def render_step_summary(assessments: Sequence[Assessment]) -> str:
    """A GitHub-flavoured Markdown summary: a table of manifests, then each one's findings."""
    passed = sum(1 for assessment in assessments if assessment.passed)
    lines = [
        f"## charter-check: {passed} of {len(assessments)} manifest(s) pass",
        "",
        "| Manifest | Project | Verdict | Errors | Warnings | Notes | Criteria met |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [_summary_row(assessment) for assessment in assessments]
    for assessment in assessments:
        lines += list(_findings_section(assessment))
    return "\n".join(lines) + "\n"


def _summary_row(assessment: Assessment) -> str:
    counts = assessment.finding_counts()
    criteria = assessment.criterion_counts()
    applying = sum(criteria.values()) - criteria["not_required"]
    cells = [
        markdown_text(assessment.manifest.path),
        markdown_text(assessment.manifest.project_name or "(not readable)"),
        "**PASS**" if assessment.passed else "**FAIL**",
        str(counts["error"]),
        str(counts["warning"]),
        str(counts["note"]),
        f"{criteria['met']} of {applying}",
    ]
    return "| " + " | ".join(cells) + " |"


def _findings_section(assessment: Assessment) -> Iterator[str]:
    if not assessment.findings and not assessment.switched_off:
        return
    path = markdown_text(assessment.manifest.path)
    yield ""
    yield f"### {path}: {len(assessment.findings)} finding(s)"
    yield ""
    shown = assessment.findings[:SUMMARY_FINDINGS_PER_MANIFEST]
    for finding in shown:
        yield (
            f"- **{finding.severity.value}** line {finding.line}, column {finding.column} "
            f"`{finding.rule}`: {markdown_text(finding.message)}"
        )
    if len(assessment.findings) > len(shown):
        yield f"- … and {len(assessment.findings) - len(shown)} more; run charter-check validate to see all"
    for item in assessment.switched_off:
        yield (
            f"- switched off by {markdown_text(item.configured_in)}: `{item.rule}` "
            f"({len(item.findings)} finding(s)): {markdown_text(item.reason)}"
        )
