"""The ``junit`` validate format: JUnit XML, which GitLab (``artifacts:reports:junit``), Jenkins and
most CI dashboards read as test results.

One test suite per manifest. Each finding is a test case named ``charter-check.<rule>`` /
``<path>:<line>:<column>``: a ``<failure>`` when it blocks (an ``<error>`` when the file could not
be read at all), and a passing case with the message in ``<system-out>`` when it only advises.
Each criterion with no finding is a passing case, or a ``<skipped>`` one when it does not apply;
findings of a rule switched off by configuration are skipped cases with the recorded reason.
The report does not set the CI job's status: the exit code does.

Paths are from the top of the repository (see ``identity``), as GitLab expects. The document is
valid against the Jenkins JUnit schema (xunit-plugin's ``junit-10.xsd``), which has no ``file``
attribute on a test case and no ``skipped`` count on ``<testsuites>``: so the manifest a case is
about is in its name (``<path>:<line>:<column>``) and its suite's name, not in a ``file``
attribute (GitLab shows the name, and leaves its "file" column empty), and skipped cases are
counted on each ``<testsuite>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import replace

from charter_check.judging.rules import rule_for
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus, PrincipleStatus
from charter_check.model.findings import Finding
from charter_check.model.visible import visible
from charter_check.renderers import Rendered, Write, copy_out, render, spooled
from charter_check.renderers.identity import repository_path
from charter_check.renderers.labels import labelled
from charter_check.renderers.text import finding_line

_NOT_XML = re.compile("[^\x09\x0a\x0d\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TOTALS = ("tests", "failures", "errors", "skipped")
_COUNTED_AS = {"failure": "failures", "error": "errors", "skipped": "skipped"}
_SKIPPED = {
    CriterionStatus.NOT_REQUIRED: "not required",
    CriterionStatus.NOT_APPLICABLE: "not applicable",
}


def xml_text(text: str) -> str:
    """Text with control and bidirectional characters made visible, and any character XML 1.0
    cannot hold removed."""
    return _NOT_XML.sub("", visible(text, line_breaks=True))


class _Suite:
    """One manifest's test suite, counting as it goes, with unique case names."""

    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.path = repository_path(assessment.manifest.path)
        self.element = ET.Element("testsuite", name=xml_text(self.path))
        self.counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        self.names: set[tuple[str, str]] = set()

    def case(self, rule: str, name: str) -> ET.Element:
        classname = f"charter-check.{rule}"
        unique, number = name, 1
        while (classname, unique) in self.names:  # GitLab keeps only the first of two same-named cases
            number += 1
            unique = f"{name} #{number}"
        self.names.add((classname, unique))
        self.counts["tests"] += 1
        return ET.SubElement(
            self.element,
            "testcase",
            classname=xml_text(classname),
            name=xml_text(unique),
            time="0",
        )

    def outcome(self, case: ET.Element, kind: str, message: str, detail: str, rule: str = "") -> None:
        """Mark a case failed (``failure``/``error``) or ``skipped``."""
        self.counts[_COUNTED_AS[kind]] += 1
        element = ET.SubElement(case, kind, message=xml_text(message))
        if rule:
            element.set("type", rule)
        if detail:
            element.text = xml_text(detail)

    def finish(self) -> ET.Element:
        for key, value in self.counts.items():
            self.element.set(key, str(value))
        self.element.set("time", "0")
        return self.element


def _finding_case(suite: _Suite, finding: Finding, unreadable: bool) -> None:
    assessment = suite.assessment
    finding = replace(finding, path=suite.path)
    case = suite.case(finding.rule, f"{finding.path}:{finding.line}:{finding.column}")
    if not finding.blocks(assessment.strict):
        ET.SubElement(case, "system-out").text = xml_text(finding_line(finding))
        return
    rule = rule_for(finding.rule, assessment.charter)
    detail = f"{finding_line(finding)}\n\n{rule.title}: {rule.description}\n{rule.help}"
    kind = "error" if unreadable else "failure"
    suite.outcome(case, kind, finding.message, detail, finding.rule)


def _criterion_case(suite: _Suite, result: CriterionResult) -> None:
    if result.status is CriterionStatus.MET:
        suite.case(result.criterion.id, suite.path)
    elif result.status in _SKIPPED:
        case = suite.case(result.criterion.id, suite.path)
        reason = result.justification or result.message
        suite.outcome(case, "skipped", labelled(_SKIPPED[result.status], reason), "")


def testsuite(assessment: Assessment) -> ET.Element:
    suite = _Suite(assessment)
    unreadable = all(result.status is PrincipleStatus.NOT_ASSESSED for result in assessment.principles)
    for finding in assessment.findings:
        _finding_case(suite, finding, unreadable)
    switched = [finding for item in assessment.switched_off for finding in item.findings]
    reasons = {item.rule: item.reason for item in assessment.switched_off}
    for finding in switched:
        located = replace(finding, path=suite.path)
        case = suite.case(finding.rule, f"{located.path}:{located.line}:{located.column}")
        suite.outcome(case, "skipped", labelled("switched off", reasons[finding.rule]), finding_line(located))
    with_findings = {finding.criterion for finding in (*assessment.findings, *switched)}
    for result in assessment.criteria:
        if result.criterion.id not in with_findings:
            _criterion_case(suite, result)
    return suite.finish()


def piece(assessment: Assessment, many: bool) -> tuple[str, dict[str, int]]:
    """One manifest's test suite, laid out as it sits in the document, and its counts."""
    suite = testsuite(assessment)
    ET.indent(suite, level=1)
    counts = {key: int(suite.get(key, "0")) for key in _TOTALS}
    return "  " + ET.tostring(suite, encoding="unicode").rstrip() + "\n", counts


def write(rendered: Iterable[Rendered], out: Write, many: bool) -> None:
    """The suites, inside a ``testsuites`` element that counts them all (so they wait in a spool
    until the counts are known)."""
    totals = dict.fromkeys(_TOTALS, 0)
    with spooled() as suites:
        for each in rendered:
            if each.problem is None:
                text, counts = each.piece
                suites.write(text)
                totals = {key: totals[key] + counts[key] for key in _TOTALS}
        counted = {
            key: str(totals[key]) for key in ("tests", "failures", "errors")
        }  # as the Jenkins XSD allows
        root = ET.Element("testsuites", {"name": "charter-check", **counted, "time": "0"})
        out(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode").replace(" />", ">\n")
        )
        copy_out(suites, out)
    out("</testsuites>\n")


def render_junit(assessments: Sequence[Assessment]) -> str:
    return render("junit", assessments)
