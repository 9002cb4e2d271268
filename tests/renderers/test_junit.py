"""The ``junit`` format: JUnit XML that GitLab and Jenkins read, with one failing test case per
finding that blocks.

``schemas/jenkins-junit-10.xsd`` is the schema Jenkins' xUnit plugin checks JUnit reports
against (see ``schemas/README.md`` for where it comes from and its licence)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import junitparser
import pytest
import xmlschema

from charter_check.model.assessment import Assessment
from charter_check.renderers.junit import render_junit
from tests.conftest import EXAMPLES
from tests.renderers.assessed import (
    FAILING,
    PASSING,
    answer_line,
    assessed,
    in_a_repository,
    switched_off,
    write_manifest,
)

JENKINS_SCHEMA = xmlschema.XMLSchema(Path(__file__).parent / "schemas" / "jenkins-junit-10.xsd")


def every_kind_of_report(tmp_path: Path) -> list[list[Assessment]]:
    """Reports with every kind of case: each example, strict, unreadable, switched off, several."""
    examples = [assessed(path) for path in sorted(EXAMPLES.glob("*/charter.yaml"))]
    unreadable = assessed(write_manifest(tmp_path, "charter: lcr-2025\nproject: [unclosed\n"))
    reason = "Reviewed with the DPO; the review date moves with the January board."
    return [
        *([example] for example in examples),
        [assessed(FAILING, strict=True)],
        [unreadable],
        [switched_off(assessed(FAILING), "security.dpia-review", reason)],
        [*examples, unreadable],
    ]


def cases(root: ET.Element) -> list[ET.Element]:
    return root.findall("./testsuite/testcase")


def failing(root: ET.Element) -> list[ET.Element]:
    return [
        case for case in cases(root) if case.find("failure") is not None or case.find("error") is not None
    ]


def test_one_failing_case_per_blocking_finding() -> None:
    assessment = assessed(FAILING)
    root = ET.fromstring(render_junit([assessment]))
    blocking = [finding for finding in assessment.findings if finding.blocks(strict=False)]
    assert len(failing(root)) == len(blocking) > 1
    assert {case.get("classname") for case in failing(root)} == {f"charter-check.{f.rule}" for f in blocking}
    suite = root.find("testsuite")
    assert suite is not None
    assert root.get("failures") == str(len(blocking)) == suite.get("failures")


def test_warnings_fail_only_under_strict() -> None:
    relaxed = ET.fromstring(render_junit([assessed(FAILING)]))
    strict_assessment = assessed(FAILING, strict=True)
    strict = ET.fromstring(render_junit([strict_assessment]))
    assert len(failing(strict)) == len(strict_assessment.findings) > len(failing(relaxed))


def test_failures_carry_the_rule_and_the_located_message() -> None:
    root = ET.fromstring(render_junit([assessed(FAILING)]))
    case = next(c for c in cases(root) if c.get("classname") == "charter-check.ai-identification.tell-people")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "ai-identification.tell-people"
    assert case.get("name", "").endswith(
        f"council-chatbot/charter.yaml:{answer_line(FAILING, 'ai-identification.tell-people')}:13"
    )
    assert "answered no" in (failure.get("message") or "")


def test_a_passing_manifest_has_passing_and_skipped_cases_only() -> None:
    assessment = assessed(PASSING)
    root = ET.fromstring(render_junit([assessment]))
    assert failing(root) == []
    assert int(root.get("tests", "0")) == len(assessment.charter.criteria)  # a case per criterion
    suite = root.find("testsuite")
    assert suite is not None
    assert (
        int(suite.get("skipped", "0")) == len([c for c in cases(root) if c.find("skipped") is not None]) > 0
    )


def test_every_report_is_valid_against_the_jenkins_junit_schema(tmp_path: Path) -> None:
    for assessments in every_kind_of_report(tmp_path):
        JENKINS_SCHEMA.validate(render_junit(assessments))


@pytest.mark.parametrize(
    ("attribute", "element"), [("skipped", "testsuites"), ("file", "testsuite/testcase")]
)
def test_attributes_the_jenkins_schema_refuses_fail_it_so_the_test_can_fail(
    attribute: str, element: str
) -> None:
    root = ET.fromstring(render_junit([assessed(FAILING)]))
    target = root if element == "testsuites" else root.find("./" + element)
    assert target is not None
    target.set(attribute, "1")
    assert not JENKINS_SCHEMA.is_valid(ET.tostring(root, encoding="unicode"))


def test_junitparser_counts_what_each_suite_declares(tmp_path: Path) -> None:
    for assessments in every_kind_of_report(tmp_path):
        document = junitparser.JUnitXml.fromstring(render_junit(assessments))
        suites = list(document)
        assert len(suites) == len(assessments)
        for suite in suites:
            declared = (suite.tests, suite.failures, suite.errors, suite.skipped)
            results = [case.result for case in suite]
            counted = (
                len(results),
                sum(any(isinstance(r, junitparser.Failure) for r in result) for result in results),
                sum(any(isinstance(r, junitparser.Error) for r in result) for result in results),
                sum(any(isinstance(r, junitparser.Skipped) for r in result) for result in results),
            )
            assert declared == counted
            assert all(case.name and case.classname for case in suite)


def test_the_manifest_is_named_from_the_top_of_the_repository_in_cases_and_suites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = in_a_repository(tmp_path)
    monkeypatch.chdir(manifest.parent / "docs")
    root = ET.fromstring(render_junit([assessed(manifest)]))
    suite = root.find("testsuite")
    assert suite is not None and suite.get("name") == "projects/chatbot/charter.yaml"
    assert all(case.get("name", "").startswith("projects/chatbot/charter.yaml") for case in cases(root))
    failures = list(root.iter("failure"))
    assert failures and all("\nprojects/chatbot/charter.yaml:" in f"\n{f.text}" for f in failures)
    relaxed = switched_off(assessed(manifest), "security.dpia-review", "Agreed with the DPO.")
    root = ET.fromstring(render_junit([relaxed]))
    texts = [element.text or "" for element in (*root.iter("system-out"), *root.iter("skipped"))]
    located = [text for text in texts if text]  # a criterion that does not apply has none
    assert located and all(text.startswith("projects/chatbot/charter.yaml:") for text in located)
    assert any("[security.dpia-review]" in text for text in located)


def test_a_file_that_cannot_be_read_is_an_error(tmp_path: Path) -> None:
    path = write_manifest(tmp_path, "charter: lcr-2025\nproject: [unclosed\n")
    root = ET.fromstring(render_junit([assessed(path)]))
    [case] = failing(root)
    assert case.find("error") is not None and case.get("classname") == "charter-check.yaml.syntax"


def test_case_names_are_unique_within_a_class(tmp_path: Path) -> None:
    root = ET.fromstring(render_junit([assessed(FAILING), assessed(PASSING)]))
    keys = [(case.get("classname"), case.get("name")) for case in cases(root)]
    assert len(keys) == len(set(keys))


def test_switched_off_findings_are_skipped_with_the_reason() -> None:
    reason = "Reviewed with the DPO; the review date moves with the January board."
    root = ET.fromstring(render_junit([switched_off(assessed(FAILING), "security.dpia-review", reason)]))
    case = next(c for c in cases(root) if c.get("classname") == "charter-check.security.dpia-review")
    skipped = case.find("skipped")
    assert skipped is not None and skipped.get("message") == f"switched off: {reason}"


def test_text_xml_cannot_hold_is_dropped_not_fatal(tmp_path: Path) -> None:
    path = write_manifest(
        tmp_path,
        'charter: lcr-2025\nproject: {name: X, organisation: Y}\nanswers:\n  security.safe-settings:\n    answer: "bad \\x0b"\n',
    )
    ET.fromstring(render_junit([assessed(path)]))


def test_what_xml_reserves_reads_back_as_written() -> None:
    """Ampersands, angle brackets, quotation marks, line breaks and tabs in a message survive the
    XML: a parser reads back the reason the configuration gives, character for character."""
    reason = 'Agreed by A & B <DPO> as "accepted risk",\nreviewed\tquarterly.'
    text = render_junit([switched_off(assessed(FAILING), "security.dpia-review", reason)])
    case = next(
        c for c in cases(ET.fromstring(text)) if c.get("classname") == "charter-check.security.dpia-review"
    )
    skipped = case.find("skipped")
    assert skipped is not None and skipped.get("message") == f"switched off: {reason}"
    assert "&#10;" in text and "&#09;" in text and "&quot;accepted risk&quot;" in text


def _xml_allows(character: str) -> bool:
    """XML 1.0's ``Char`` production."""
    code = ord(character)
    return code in (0x09, 0x0A, 0x0D) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000


def test_no_character_xml_cannot_hold_reaches_the_report() -> None:
    """Every character of the Basic Multilingual Plane, and the first of the others, put in a
    reason: what the report holds is text XML 1.0 allows, and a parser reads it."""
    every = "".join(chr(code) for code in range(0x10001))
    reason = f"Agreed {every} end"
    text = render_junit([switched_off(assessed(FAILING), "security.dpia-review", reason)])
    assert all(_xml_allows(character) for character in text)
    case = next(
        c for c in cases(ET.fromstring(text)) if c.get("classname") == "charter-check.security.dpia-review"
    )
    skipped = case.find("skipped")
    assert skipped is not None and (skipped.get("message") or "").endswith(" end")
