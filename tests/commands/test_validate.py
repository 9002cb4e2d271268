"""``charter-check validate``: exit codes, the text lines CI reads, and the JSON contract."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from charter_check.reading.loading import load_charter
from tests.conftest import EXAMPLES, FIXTURES, run_cli

PASSING = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
TODAY = "2026-11-28"


def write(project: Path, text: str) -> Path:
    path = project / "charter.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_passing_example_exits_0_with_a_summary() -> None:
    result = run_cli("validate", str(PASSING), "--today", TODAY)
    assert result.exit_code == 0, result.output
    assert "PASS" in result.output
    assert " 2. Security" in result.output


def test_default_path_is_charter_yaml_in_the_working_folder() -> None:
    result = run_cli("validate", "--today", TODAY, cwd=PASSING.parent)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("charter.yaml: PASS")


@pytest.mark.parametrize(
    ("manifest", "located"),
    [
        pytest.param(
            "charter: lcr-2025\nproject:\n  name: X\n  organisation: Y\nanswers:\n  beneficial.public-benefit:\n    answer: too short\n",
            ["charter.yaml:7:13: error [beneficial.public-benefit] the answer is too short"],
            id="an-answer-too-short",
        ),
        pytest.param(
            "charter: lcr-2025\nproject:\n  name: X\n  organisaton: Y\n",
            [
                "charter.yaml:4:3: error [manifest.unknown-field] unknown key 'organisaton'; did you mean 'organisation'?",
                "charter.yaml:2:1: error [manifest.missing-field] 'project.organisation' is required",
            ],
            id="a-misspelt-key-with-its-spelling-suggested",
        ),
        pytest.param(
            "charter: lcr-2025\ncharter: lcr-2024\n",
            ["charter.yaml:2:1: error [yaml.duplicate-key]"],
            id="a-duplicate-key",
        ),
    ],
)
def test_findings_are_printed_as_path_line_column_lines(
    project: Path, manifest: str, located: list[str]
) -> None:
    write(project, manifest)
    result = run_cli("validate", "--today", TODAY, cwd=project)
    assert result.exit_code == 1
    for finding in located:
        assert finding in result.output


def test_syntax_error_is_a_located_finding_and_exit_1(project: Path) -> None:
    write(project, "charter: lcr-2025\nproject: [unclosed\n")
    result = run_cli("validate", "--today", TODAY, cwd=project)
    assert result.exit_code == 1
    assert result.output.startswith("charter.yaml:3:1: error [yaml.syntax] YAML syntax error")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "nowhere.yaml"], "nowhere.yaml: no such file; run 'charter-check init'"),
        (
            ["validate", str(PASSING), "--charter", "lcr-1999"],
            "unknown charter 'lcr-1999'; bundled charters: lcr-2025",
        ),
        (["validate", str(PASSING), "--charter", "nowhere/charter.yaml"], "no such charter file"),
        (["validate", str(PASSING), "--today", "28/11/2026"], "--today '28/11/2026' is not a date"),
    ],
)
def test_could_not_run_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_bad_option_is_a_usage_error_exit_2() -> None:
    assert run_cli("validate", "--format", "yaml").exit_code == 2


def test_json_matches_the_contract_and_agrees_with_the_exit_code() -> None:
    result = run_cli("validate", str(PASSING), "--format", "json", "--today", TODAY)
    document = json.loads(result.stdout)
    assert set(document) >= {
        "format_version",
        "tool",
        "charter",
        "manifest",
        "verdict",
        "summary",
        "principles",
        "findings",
    }
    assert document["tool"]["name"] == "charter-check"
    assert set(document["charter"]) >= {"id", "version", "sha256"}
    assert len(document["charter"]["sha256"]) == 64
    assert set(document["manifest"]) >= {"path", "sha256"}
    assert [p["number"] for p in document["principles"]] == list(range(1, 12))
    assert all({"id", "number", "title", "status", "criteria"} <= set(p) for p in document["principles"])
    assert document["verdict"] == "pass" and result.exit_code == 0


def test_json_for_a_failing_manifest_lists_located_findings(project: Path) -> None:
    write(project, "charter: lcr-2025\nproject:\n  name: X\n  organisation: Y\n")
    result = run_cli("validate", "--format", "json", "--today", TODAY, cwd=project)
    document = json.loads(result.stdout)
    assert document["verdict"] == "fail" and result.exit_code == 1
    finding = document["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "path", "line", "column"}
    assert finding["path"] == "charter.yaml"
    assert len(document["principles"]) == 11


def test_unreadable_manifest_still_gives_the_json_shape(project: Path) -> None:
    write(project, "- just\n- a list\n")
    result = run_cli("validate", "--format", "json", "--today", TODAY, cwd=project)
    document = json.loads(result.stdout)
    assert result.exit_code == 1
    assert [p["status"] for p in document["principles"]] == ["not_assessed"] * 11
    assert "YAML mapping" in document["findings"][0]["message"]


def test_strict_makes_warnings_block(project: Path) -> None:
    version = load_charter("lcr-2025").version
    assert f'charter_version: "{version}"' in PASSING.read_text()
    manifest = PASSING.read_text().replace(f'charter_version: "{version}"', 'charter_version: "0.9"')
    path = write(project, manifest)
    shutil.copytree(PASSING.parent / "docs", project / "docs")
    relaxed = run_cli("validate", str(path), "--today", TODAY)
    assert relaxed.exit_code == 0
    assert "warning [manifest.charter-version]" in relaxed.output
    strict = run_cli("validate", str(path), "--today", TODAY, "--strict", "--format", "json")
    assert strict.exit_code == 1
    assert json.loads(strict.stdout)["verdict"] == "fail"


def test_review_date_in_the_past_is_a_finding_depending_on_today() -> None:
    later = run_cli("validate", str(PASSING), "--today", "2027-07-01")
    assert later.exit_code == 1
    assert "[independent-oversight.next-review] 2027-06-20 has passed" in later.output


def test_another_charter_by_path_needs_no_code(project: Path) -> None:
    write(
        project,
        "charter: mini-2026\nproject: {name: X, organisation: Y}\n",
    )
    result = run_cli(
        "validate", "--charter", str(FIXTURES / "mini_charter.yaml"), "--today", TODAY, cwd=project
    )
    assert result.exit_code == 1
    assert "Mini Test Charter (version 2.0)" in result.output
    assert "[care.benefit] unanswered: What is the benefit?" in result.output


def test_several_manifests_exit_with_the_worst(project: Path) -> None:
    failing = write(project, "charter: lcr-2025\nproject: {name: X, organisation: Y}\n")
    result = run_cli("validate", str(PASSING), str(failing), "--today", TODAY)
    assert result.exit_code == 1
    assert "2 manifests checked: 1 passed, 1 failed" in result.output


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif", "junit", "gitlab"])
def test_output_file_replaces_an_earlier_output_in_any_format(tmp_path: Path, output_format: str) -> None:
    target = tmp_path / f"result.{output_format}"
    failing = EXAMPLES / "council-chatbot" / "charter.yaml"
    first = run_cli("validate", str(failing), "-f", output_format, "-o", str(target), "--today", TODAY)
    assert first.exit_code == 1 and target.stat().st_size > 0
    again = run_cli("validate", str(PASSING), "-f", output_format, "-o", str(target), "--today", TODAY)
    assert again.exit_code == 0, again.stderr


@pytest.mark.parametrize(
    "written",
    [
        "My own notes.\n",
        "# Notes\n\nWe run charter-check validate in CI; see charter-check's README.\n",
        '{"tool": {"name": "other"}}\n',
        "[1, 2]\n",
        "<?xml version='1.0'?><testsuites name='pytest'/>\n",
        "x: PASS: 0 error(s), but this line is from a hand-written note\nand this one too\n",
        '[project]\nname = "forecast"\n\n[tool.charter-check]\nfail-level = "warning"\n',
        "on: pull_request\njobs:\n  charter:\n    runs-on: ubuntu-latest\n    steps:\n      - run: charter-check validate\n",
    ],
    ids=[
        "notes",
        "notes-naming-the-tool",
        "other-json",
        "a-json-list",
        "other-junit",
        "a-copied-verdict",
        "pyproject",
        "a-workflow",
    ],
)
def test_output_file_never_replaces_a_file_someone_wrote_without_force(tmp_path: Path, written: str) -> None:
    notes = tmp_path / "NOTES.md"
    notes.write_text(written, encoding="utf-8")
    refused = run_cli("validate", str(PASSING), "-o", str(notes), "--today", TODAY)
    assert refused.exit_code == 2
    assert "is not a file charter-check wrote" in refused.stderr and "--force" in refused.stderr
    assert notes.read_text(encoding="utf-8") == written
    forced = run_cli("validate", str(PASSING), "-o", str(notes), "--force", "--today", TODAY)
    assert forced.exit_code == 0
    assert ": PASS:" in notes.read_text()
