"""The ``github`` format: workflow-command annotations on the right line, escaped as the Actions
toolkit escapes them, most important first; and the Markdown job summary."""

from __future__ import annotations

import html
import re
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from charter_check.model.findings import Finding, Severity
from charter_check.renderers.github import (
    annotation,
    escape_data,
    escape_property,
    markdown_text,
    render_github,
    render_step_summary,
)
from tests.conftest import run_cli
from tests.renderers.assessed import FAILING, PASSING, answer_line, assessed, switched_off, write_manifest

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]*),line=(\d+),col=(\d+),title=([^:]*)::(.*)$")


def test_message_escaping_keeps_percent_and_line_breaks_literal() -> None:
    assert escape_data("100% done\r\nnext line") == "100%25 done%0D%0Anext line"


def test_property_escaping_also_protects_colons_and_commas() -> None:
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_every_finding_is_an_annotation_with_file_line_and_column() -> None:
    assessment = assessed(FAILING)
    lines = [line for line in render_github([assessment]).splitlines() if line.startswith("::")]
    assert len(lines) == len(assessment.findings)
    located = {(m[2], int(m[3]), int(m[4])) for m in map(ANNOTATION.match, lines) if m}
    assert located == {(f.path, f.line, f.column) for f in assessment.findings}
    assert (
        f"council-chatbot/charter.yaml,line={answer_line(FAILING, 'ai-identification.tell-people')},col=13,"
        "title=People told they are dealing with AI [ai-identification.tell-people]::answered no"
    ) in render_github([assessment])


def test_blocking_findings_come_first_so_the_annotation_limit_keeps_them() -> None:
    lines = [line for line in render_github([assessed(FAILING)]).splitlines() if line.startswith("::")]
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == sorted(levels, key=["::error", "::warning", "::notice"].index)
    assert levels[0] == "::error"


def test_a_hostile_answer_cannot_start_another_workflow_command(tmp_path: Path) -> None:
    path = write_manifest(
        tmp_path,
        "charter: lcr-2025\nproject: {name: X, organisation: Y}\nanswers:\n"
        '  security.safe-settings:\n    answer: "x%0A::error::forged"\n',
    )
    lines = render_github([assessed(path)]).splitlines()
    [line] = [line for line in lines if "forged" in line]
    assert line.startswith("::error file=charter.yaml,") or line.startswith("::error file=")
    assert "x%250A::error::forged" in line, "the runner must not decode %0A into a new line"
    assert not any(line.startswith("::error::") for line in lines)


def test_a_message_with_line_breaks_stays_one_annotation() -> None:
    finding = Finding("yaml.syntax", Severity.ERROR, "first\nsecond, third: 50%", "a b,c.yaml", 3, 7)
    text = annotation(finding, assessed(PASSING))
    assert text == (
        "::error file=a b%2Cc.yaml,line=3,col=7,title=YAML syntax error [yaml.syntax]"
        "::first%0Asecond, third: 50%25"
    )


def test_the_log_ends_with_each_manifests_verdict() -> None:
    text = render_github([assessed(PASSING), assessed(FAILING)])
    assert text.splitlines()[-1] == "2 manifests checked: 1 passed, 1 failed"
    assert "nhs-admissions-forecast/charter.yaml: PASS" in text


def test_the_step_summary_has_a_row_per_manifest_and_each_finding() -> None:
    passing, failing = assessed(PASSING), assessed(FAILING)
    summary = render_step_summary([passing, failing])
    assert summary.startswith("## charter-check: 1 of 2 manifest(s) pass\n")
    assert "| **PASS** |" in summary and "| **FAIL** |" in summary
    assert summary.count("\n- **") == len(passing.findings) + len(failing.findings)


def test_the_step_summary_shows_manifest_text_as_text() -> None:
    typed = "<img src=x onerror=alert(1)> [link](https://evil.example) | *bold*"
    rendered = cmarkgfm.github_flavored_markdown_to_html(
        markdown_text(typed), options=Options.CMARK_OPT_UNSAFE
    )
    assert rendered == f"<p>{html.escape(typed, quote=False)}</p>\n"


def test_switched_off_rules_are_shown_with_their_reason() -> None:
    assessment = switched_off(
        assessed(FAILING), "security.dpia-review", "The DPIA review is booked with the DPO for January."
    )
    annotations = [line for line in render_github([assessment]).splitlines() if line.startswith("::")]
    assert not any("security.dpia-review" in line for line in annotations)
    assert "The DPIA review is booked with the DPO for January." in render_github([assessment])
    assert "The DPIA review is booked with the DPO for January." in render_step_summary([assessment])


def test_validate_appends_the_summary_to_github_step_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run_cli("validate", str(FAILING), "--today", "2026-11-28")
    assert result.exit_code == 1
    assert result.stdout.startswith("::error file=")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n## charter-check: 0 of 1 manifest(s) pass")


def test_auto_is_text_outside_github_actions() -> None:
    result = run_cli("validate", str(PASSING), "--today", "2026-11-28")
    assert not result.stdout.startswith("::")
    assert "PASS" in result.stdout
