"""The ``github`` validate format: GitHub Actions workflow commands, so each finding shows as an
annotation on the line of ``charter.yaml`` it is about, then the plain summary lines for the log.

GitHub shows only the first 10 error and 10 warning annotations of a step, so the findings that
block come first, most severe first. ``render_step_summary`` gives the Markdown summary that the
command appends to ``$GITHUB_STEP_SUMMARY``, with every finding, for when annotations run out.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from charter_check.judging.rules import rule_for
from charter_check.model.assessment import Assessment
from charter_check.model.findings import Finding, Severity
from charter_check.model.visible import visible, visible_path
from charter_check.renderers import Rendered, Write, render, render_one
from charter_check.renderers.identity import repository_path
from charter_check.renderers.markdown_escape import escape_markdown
from charter_check.renderers.text import overall_line, switched_off_lines, verdict_line

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
            f"file={escape_property(visible_path(repository_path(finding.path)))}",
            f"line={finding.line}",
            f"col={finding.column}",
            f"title={escape_property(visible(title))}",
        ]
    )
    message = escape_data(visible(finding.message, line_breaks=True))
    return f"::{COMMANDS[finding.severity]} {properties}::{message}"


def importance(finding: Finding, strict: bool) -> tuple[bool, int, str, int, int, str]:
    """Blocking findings first, then by severity, file and line."""
    return (
        not finding.blocks(strict),
        -finding.severity.rank,
        finding.path,
        finding.line,
        finding.column,
        finding.rule,
    )


@dataclass(frozen=True, slots=True)
class Piece:
    """One manifest in the github format: its annotations (each with its place in the order of
    importance), its verdict lines, and its part of the job summary."""

    annotations: tuple[tuple[tuple[bool, int, str, int, int, str], str], ...]
    log: tuple[str, ...]
    summary_row: str
    summary_section: tuple[str, ...]


def piece(assessment: Assessment, many: bool) -> Piece:
    return Piece(
        annotations=tuple(
            (importance(finding, assessment.strict), annotation(finding, assessment))
            for finding in assessment.findings
        ),
        log=(verdict_line(assessment), *switched_off_lines(assessment)),
        summary_row=_summary_row(assessment),
        summary_section=tuple(_findings_section(assessment)),
    )


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """Every annotation, the most important first across all manifests (GitHub shows the first
    ten of each level), then each manifest's verdict, then the overall count."""
    pieces = [each for each in rendered if each.problem is None]
    annotations = sorted(line for each in pieces for line in each.piece.annotations)
    lines = [line for _, line in annotations]
    for each in pieces:
        lines += each.piece.log
    if many:
        passed = sum(each.passed for each in pieces)
        lines.append(overall_line(passed, len(pieces) - passed))
    out("\n".join(lines) + "\n")


def render_github(assessments: Sequence[Assessment]) -> str:
    return render("github", assessments)


# The step summary -----------------------------------------------------------------------------------


def markdown_text(text: str) -> str:
    """Text from a manifest, shown as text in Markdown on one line: no links, autolinks, emphasis,
    HTML or table breaks, and control characters visible (``escape_markdown``)."""
    return escape_markdown(" ".join(text.split()))


def step_summary(pieces: Sequence[Rendered]) -> str:
    """A GitHub-flavoured Markdown summary: a table of manifests, then each one's findings."""
    shown = [each for each in pieces if each.problem is None]
    passed = sum(each.passed for each in shown)
    lines = [
        f"## charter-check: {passed} of {len(shown)} manifest(s) pass",
        "",
        "| Manifest | Project | Verdict | Errors | Warnings | Notes | Criteria met |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [each.piece.summary_row for each in shown]
    for each in shown:
        lines += each.piece.summary_section
    return "\n".join(lines) + "\n"


def render_step_summary(assessments: Sequence[Assessment]) -> str:
    module: Any = sys.modules[__name__]
    return step_summary([render_one(assessment, module, True) for assessment in assessments])


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
            f"({item.not_counted} finding(s)): {markdown_text(item.reason)}"
        )
