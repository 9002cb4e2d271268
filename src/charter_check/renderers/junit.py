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

from collections.abc import Iterable, Sequence
from functools import lru_cache

from charter_check.judging.rules import Rule, rule_for
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus, PrincipleStatus
from charter_check.model.findings import Finding
from charter_check.model.visible import visible
from charter_check.renderers import Rendered, Write, copy_out, render, spooled
from charter_check.renderers.identity import repository_path
from charter_check.renderers.labels import labelled
from charter_check.renderers.text import finding_line

_NOT_XML_WHEN_VISIBLE = ("\ufffe", "\uffff")
"""The characters XML 1.0 cannot hold that ``visible`` leaves as they are: it writes every other
(the controls but tab and line feed, and the lone surrogates) as an escape."""
_TOTALS = ("tests", "failures", "errors", "skipped")
_COUNTED_AS = {"failure": "failures", "error": "errors", "skipped": "skipped"}
_SKIPPED = {
    CriterionStatus.NOT_REQUIRED: "not required",
    CriterionStatus.NOT_APPLICABLE: "not applicable",
}
_IN_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))
_IN_ATTRIBUTES = (*_IN_TEXT, ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))
"""What stands for each character XML reserves, in text and in an attribute's value (where line
breaks and tabs are written as numbers, so that a reader keeps them)."""


def xml_text(text: str) -> str:
    """Text with control and bidirectional characters made visible, and any character XML 1.0
    cannot hold removed."""
    text = visible(text, line_breaks=True)
    for character in _NOT_XML_WHEN_VISIBLE:
        if character in text:
            text = text.replace(character, "")
    return text


def _escaped(text: str, reserved: tuple[tuple[str, str], ...]) -> str:
    """``text`` made safe for XML."""
    text = xml_text(text)
    for character, entity in reserved:
        if character in text:
            text = text.replace(character, entity)
    return text


def _attribute(value: str) -> str:
    return _escaped(value, _IN_ATTRIBUTES)


@lru_cache(maxsize=1024)
def _case_name(value: str) -> str:
    """A case's class name or name, made safe for its attribute: remembered, since each criterion's
    class name and each manifest's path stand on case after case."""
    return _attribute(value)


def _attributes(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join([f' {name}="{_attribute(value)}"' for name, value in pairs])


def _text(text: str) -> str:
    return _escaped(text, _IN_TEXT)


@lru_cache(maxsize=256)
def _rule_text(rule: Rule) -> str:
    """What a rule is and how to meet it, as a failure's detail ends: the same for every manifest."""
    return _text(f"{rule.title}: {rule.description}\n{rule.help}")


def _element(tag: str, attributes: Iterable[tuple[str, str]], shown: str = "") -> str:
    """An element on one line: its text (``shown``, made safe for XML) when it has any, else
    closed at once."""
    start = f"<{tag}{_attributes(attributes)}"
    return f"{start}>{shown}</{tag}>" if shown else f"{start} />"


class _Suite:
    """One manifest's test suite, written as it goes and counting, with unique case names. It is
    laid out as it sits in the document: inside ``<testsuites>``, each case on lines of its own."""

    def __init__(self, assessment: Assessment) -> None:
        self.assessment = assessment
        self.path = repository_path(assessment.manifest.path)
        self.counts = dict.fromkeys(_TOTALS, 0)
        self.names: set[tuple[str, str]] = set()
        self.cases: list[str] = []

    def case(self, rule: str, name: str, inside: str = "") -> None:
        """A case, holding the element ``inside`` (see ``outcome``) when there is one."""
        classname = f"charter-check.{rule}"
        unique, number = name, 1
        while (classname, unique) in self.names:  # GitLab keeps only the first of two same-named cases
            number += 1
            unique = f"{name} #{number}"
        self.names.add((classname, unique))
        self.counts["tests"] += 1
        attributes = f' classname="{_case_name(classname)}" name="{_case_name(unique)}" time="0"'
        if inside:
            self.cases.append(f"    <testcase{attributes}>\n      {inside}\n    </testcase>\n")
        else:
            self.cases.append(f"    <testcase{attributes} />\n")

    def outcome(self, kind: str, message: str, detail: str, rule: str = "") -> str:
        """A case's ``failure``, ``error`` or ``skipped`` element, counted (``detail``: its text,
        made safe for XML)."""
        self.counts[_COUNTED_AS[kind]] += 1
        return _element(kind, (("message", message), *((("type", rule),) if rule else ())), detail)

    def text(self) -> str:
        """The suite, with its counts, laid out as it sits in ``<testsuites>``."""
        counts = [(key, str(value)) for key, value in self.counts.items()]
        attributes = (("name", self.path), *counts, ("time", "0"))
        if not self.cases:
            return f"  {_element('testsuite', attributes)}\n"
        return f"  <testsuite{_attributes(attributes)}>\n{''.join(self.cases)}  </testsuite>\n"


def _finding_case(suite: _Suite, finding: Finding, unreadable: bool) -> None:
    assessment = suite.assessment
    name = f"{suite.path}:{finding.line}:{finding.column}"
    line = _text(finding_line(finding, suite.path))
    if not finding.blocks(assessment.strict):
        suite.case(finding.rule, name, _element("system-out", (), line))
        return
    rule = rule_for(finding.rule, assessment.charter)
    detail = f"{line}\n\n{_rule_text(rule)}"
    kind = "error" if unreadable else "failure"
    suite.case(finding.rule, name, suite.outcome(kind, finding.message, detail, finding.rule))


def _criterion_case(suite: _Suite, result: CriterionResult) -> None:
    if result.status is CriterionStatus.MET:
        suite.case(result.criterion.id, suite.path)
    elif result.status in _SKIPPED:
        reason = result.said("justification") or result.message
        skipped = suite.outcome("skipped", labelled(_SKIPPED[result.status], reason), "")
        suite.case(result.criterion.id, suite.path, skipped)


def testsuite(assessment: Assessment) -> _Suite:
    suite = _Suite(assessment)
    unreadable = all(result.status is PrincipleStatus.NOT_ASSESSED for result in assessment.principles)
    for finding in assessment.findings:
        _finding_case(suite, finding, unreadable)
    switched = [finding for item in assessment.switched_off for finding in item.findings]
    reasons = {item.rule: item.reason for item in assessment.switched_off}
    for finding in switched:
        skipped = suite.outcome(
            "skipped",
            labelled("switched off", reasons[finding.rule]),
            _text(finding_line(finding, suite.path)),
        )
        suite.case(finding.rule, f"{suite.path}:{finding.line}:{finding.column}", skipped)
    with_findings = {finding.criterion for finding in (*assessment.findings, *switched)}
    for result in assessment.criteria:
        if result.criterion.id not in with_findings:
            _criterion_case(suite, result)
    return suite


def piece(assessment: Assessment, many: bool) -> tuple[str, dict[str, int]]:
    """One manifest's test suite, laid out as it sits in the document, and its counts."""
    suite = testsuite(assessment)
    return suite.text(), suite.counts


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
        counted = (
            (key, str(totals[key])) for key in ("tests", "failures", "errors")
        )  # as the Jenkins XSD allows
        root = _attributes((("name", "charter-check"), *counted, ("time", "0")))
        out(f'<?xml version="1.0" encoding="UTF-8"?>\n<testsuites{root}>\n')
        copy_out(suites, out)
    out("</testsuites>\n")


def render_junit(assessments: Sequence[Assessment]) -> str:
    return render("junit", assessments)
