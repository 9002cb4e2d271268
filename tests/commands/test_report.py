"""``charter-check report``: prints or writes the approval report, exits 0 once it is produced
(whatever the verdict) and 2 with a one-line error when it cannot be; writes atomically, never
replaces a file it did not write without --force, and gives byte-identical output for the same
manifest, charter and --today."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from charter_check.renderers.html import content_security_policy
from tests.conftest import EXAMPLES, run_cli

PASSING = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
TODAY = "2026-11-28"
MARK = "<!-- charter-check report:"
COMMAND = (sys.executable, "-m", "charter_check", "report")


def copy_example(project: Path) -> Path:
    """The passing example, copied with its evidence into a folder the test may change."""
    source = PASSING.parent
    for path in source.rglob("*"):
        target = project / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return project / "charter.yaml"


def test_markdown_is_printed_by_default_and_exits_0() -> None:
    result = run_cli("report", str(PASSING), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(MARK)
    assert "# Emergency Admissions Forecast: charter self-assessment report" in result.stdout
    assert (
        "**Ready for approval: 62 criteria met, 13 do not apply, 0 relaxed by configuration.**"
        in result.stdout
    )


def test_default_path_is_charter_yaml_in_the_working_folder() -> None:
    result = run_cli("report", "--today", TODAY, cwd=PASSING.parent)
    assert result.exit_code == 0
    assert "- **Manifest:** charter.yaml" in result.stdout
    assert "[docs/dpia.md](<docs/dpia.md>)" in result.stdout


def test_a_folder_stands_for_its_charter_yaml() -> None:
    result = run_cli("report", str(PASSING.parent), "--today", TODAY)
    assert result.exit_code == 0
    assert "Emergency Admissions Forecast" in result.stdout


def test_a_project_that_is_not_ready_still_gets_its_report_and_exit_0(project: Path) -> None:
    manifest = copy_example(project)
    text = manifest.read_text(encoding="utf-8").replace(
        "answer: e-public-task", "answer: f-legitimate-interests"
    )
    manifest.write_text(text, encoding="utf-8")
    result = run_cli("report", str(manifest), "--today", TODAY)
    assert result.exit_code == 0
    assert "**Not ready: 1 criterion not met.**" in result.stdout
    assert "**Blocks approval:** Lawful basis (Article 6) (security.lawful-basis)." in result.stdout


def test_the_date_given_decides_what_is_overdue() -> None:
    later = run_cli("report", str(PASSING), "--today", "2027-07-01")
    assert "**Not ready: 1 criterion not met.**" in later.stdout
    assert "**Overdue:** Next independent review (20 June 2027)." in later.stdout
    assert "| Next independent review | 20 June 2027 | not met: 2027-06-20 has passed" in later.stdout
    on_time = run_cli("report", str(PASSING), "--today", TODAY)
    assert "No review is overdue." in on_time.stdout


def test_written_from_another_folder_the_line_names_the_report_as_given(project: Path) -> None:
    (project / "papers").mkdir()
    result = run_cli("report", str(PASSING), "-o", "papers/report.md", "--today", "2027-07-01", cwd=project)
    assert result.exit_code == 0
    assert result.stdout == "Wrote the report to papers/report.md: Not ready: 1 criterion not met.\n"


def test_a_manifest_that_cannot_be_parsed_gets_a_report_saying_so(project: Path) -> None:
    manifest = project / "charter.yaml"
    manifest.write_text("charter: lcr-2025\nproject:\n  name: X\n  name: Y\n", encoding="utf-8")
    result = run_cli("report", str(manifest), "--format", "html", "--today", TODAY)
    assert result.exit_code == 0
    assert "Not ready for approval: the manifest could not be read." in result.stdout
    assert "Line 4, column 3" in result.stdout


@pytest.mark.slow
def test_the_project_configuration_applies_as_it_does_for_validate(project: Path) -> None:
    copy_example(project)
    reason = "The Trust board hears residents through the patient panel instead."
    (project / ".charter-check.yaml").write_text(
        f"switch-off:\n  independent-oversight.resident-voice: {reason}\n", encoding="utf-8"
    )

    result = run_cli("report", "--today", TODAY, cwd=project)

    assert result.exit_code == 0
    assert (
        "**Ready for approval: 62 criteria met, 13 do not apply, 1 relaxed by configuration.**"
        in result.stdout
    )
    assert (
        "- independent-oversight.resident-voice switched off in .charter-check.yaml:2:3 (1 finding not counted): "
        + reason
    ) in result.stdout
    assert "1. **Switched off:** Residents' voice in oversight (independent-oversight.resident-voice)." in (
        result.stdout
    )


def test_a_configuration_that_switches_off_an_error_stops_the_report(project: Path) -> None:
    copy_example(project)
    (project / ".charter-check.yaml").write_text(
        "switch-off:\n  accountability.roles: The Trust board sets roles in its governance manual.\n",
        encoding="utf-8",
    )

    result = run_cli("report", "--today", TODAY, "-o", "report.md", cwd=project)

    assert result.exit_code == 2
    assert result.stderr.startswith(
        "charter-check: error: .charter-check.yaml:2:3: 'accountability.roles' cannot be switched off"
    )
    assert not (project / "report.md").exists()


def test_output_file_is_written_and_one_line_says_where_with_the_verdict(project: Path) -> None:
    output = project / "report.html"
    result = run_cli("report", str(PASSING), "--format", "html", "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout == (
        f"Wrote the report to {output}: Ready for approval: 62 criteria met, 13 do not apply, "
        "0 relaxed by configuration.\n"
    )
    assert result.stderr == ""
    html = output.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n" + MARK)
    assert [path.name for path in project.iterdir()] == ["report.html"]  # no temporary file left


@pytest.mark.slow
def test_a_report_it_wrote_is_replaced_but_another_file_needs_force(project: Path) -> None:
    output = project / "report.md"
    assert run_cli("report", str(PASSING), "-o", str(output), "--today", TODAY).exit_code == 0
    assert run_cli("report", str(PASSING), "-o", str(output), "--today", "2027-07-01").exit_code == 0
    assert "**Not ready: 1 criterion not met.**" in output.read_text(encoding="utf-8")
    notes = project / "notes.md"
    notes.write_text("# Board notes\n", encoding="utf-8")
    refused = run_cli("report", str(PASSING), "-o", str(notes), "--today", TODAY)
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"charter-check: error: {notes}: already exists and is not a file charter-check wrote; "
        "choose another file, or pass --force to replace it\n"
    )
    assert notes.read_text(encoding="utf-8") == "# Board notes\n"
    forced = run_cli("report", str(PASSING), "-o", str(notes), "--force", "--today", TODAY)
    assert forced.exit_code == 0
    assert notes.read_text(encoding="utf-8").startswith(MARK)


def test_the_manifest_itself_is_never_overwritten(project: Path) -> None:
    manifest = copy_example(project)
    before = manifest.read_bytes()
    result = run_cli("report", str(manifest), "-o", str(manifest), "--force", "--today", TODAY)
    assert result.exit_code == 2
    assert "this is the manifest itself" in result.stderr
    assert manifest.read_bytes() == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["missing.yaml"], "missing.yaml: no such file"),
        ([str(PASSING), "-o", "no/such/folder/report.md"], "the folder no/such/folder does not exist"),
        (
            [str(PASSING), "--template-dir", "no-such-templates"],
            "--template-dir no-such-templates: no such folder",
        ),
        ([str(PASSING), "--format", "pdf"], "invalid value for '--format'"),
        ([str(PASSING), "--today", "tomorrow"], "--today 'tomorrow' is not a date"),
    ],
)
def test_problems_that_stop_the_report_exit_2_with_one_line(
    project: Path, arguments: list[str], message: str
) -> None:
    result = run_cli("report", *arguments, cwd=project)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert list(project.iterdir()) == []


@pytest.mark.slow
def test_an_organisation_can_replace_a_template(project: Path) -> None:
    (project / "report.md.j2").write_text(
        "House style for {{ report.project }}: {{ report.verdict.headline }}\n", encoding="utf-8"
    )
    result = run_cli("report", str(PASSING), "--template-dir", str(project), "--today", TODAY)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == [
        "House style for Emergency Admissions Forecast: Ready for approval: 62 criteria met, 13 do not apply, "
        "0 relaxed by configuration"
    ]
    assert result.stdout.startswith("<!-- charter-check report: a generated file.")
    written = project / "report.md"
    for _ in range(2):  # a report from a house template is charter-check's, and replaced without --force
        again = run_cli(
            "report", str(PASSING), "--template-dir", str(project), "-o", str(written), "--today", TODAY
        )
        assert again.exit_code == 0, again.stderr


def test_the_bundled_templates_fill_in_what_a_template_folder_lacks(project: Path) -> None:
    (project / "report.css").write_text("body { color: #000000; }\n", encoding="utf-8")
    result = run_cli("report", str(PASSING), "-f", "html", "--template-dir", str(project), "--today", TODAY)
    assert result.exit_code == 0
    assert "<style>body { color: #000000; }\n</style>" in result.stdout
    assert "<h1>Emergency Admissions Forecast</h1>" in result.stdout


def test_a_template_folder_may_replace_the_base_the_stylesheets_include(project: Path) -> None:
    (project / "base.css").write_text("body { max-width: {{ page_width }}; }\n", encoding="utf-8")
    result = run_cli("report", str(PASSING), "-f", "html", "--template-dir", str(project), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    stylesheet = result.stdout.split("<style>")[1].split("</style>")[0]
    assert "*/\nbody { max-width: 52rem; }\nh1, h2, h3, h4 {" in stylesheet
    assert "box-sizing" not in stylesheet
    assert content_security_policy(stylesheet) in result.stdout


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% if report.project %}unclosed\n", "report.md.j2:1: template error: Unexpected end of template"),
        (
            "{{ report.no_such_field }}\n",
            "report template error: 'charter_check.renderers.report_model.Report object'",
        ),
    ],
)
def test_a_broken_template_is_reported_not_a_traceback(project: Path, template: str, message: str) -> None:
    (project / "report.md.j2").write_text(template, encoding="utf-8")
    result = run_cli("report", str(PASSING), "--template-dir", str(project), "--today", TODAY)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_the_same_input_gives_byte_identical_reports(project: Path, output_format: str) -> None:
    """Two separate processes, with different hash seeds, write the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        output = project / f"{seed}.{output_format}"
        subprocess.run(
            [*COMMAND, str(PASSING), "-f", output_format, "-o", str(output), "--today", TODAY],
            check=True,
            cwd=project,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1]
    stdout = run_cli("report", str(PASSING), "-f", output_format, "--today", TODAY, cwd=project)
    assert stdout.stdout.encode("utf-8") == outputs[0]


def test_help_says_what_the_exit_codes_mean() -> None:
    result = run_cli("report", "--help")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    assert "Exit 0: the report was produced, whatever its verdict" in words
    assert "2: it could not be produced" in words
