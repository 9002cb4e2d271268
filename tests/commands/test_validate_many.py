"""``validate`` over many manifests: folders searched, globs expanded, a summary line per project
and an overall count, the worst exit code; and ``--output`` and ``--format auto``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from charter_check.reading.discovery import manifest_paths
from charter_check.reading.loading import CannotRun
from tests.conftest import EXAMPLES, run_cli

TODAY = "2026-11-28"
MINIMAL = "charter: lcr-2025\nproject: {name: X, organisation: Y}\n"


@pytest.fixture
def organisation(tmp_path: Path) -> Path:
    """A folder of project repositories: the three examples, and manifests in places that are
    never searched."""
    for example in ("nhs-admissions-forecast", "council-chatbot", "transport-dashboard"):
        shutil.copytree(EXAMPLES / example, tmp_path / example)
    for hidden in (".git", "node_modules/pkg", ".venv/lib", ".cache", "transport-dashboard/.github"):
        (tmp_path / hidden).mkdir(parents=True, exist_ok=True)
        (tmp_path / hidden / "charter.yaml").write_text(MINIMAL, encoding="utf-8")
    return tmp_path


def test_a_folder_is_searched_for_manifests_skipping_vendored_and_hidden_folders(organisation: Path) -> None:
    found = [path.relative_to(organisation).as_posix() for path in manifest_paths([organisation])]
    assert found == [
        "council-chatbot/charter.yaml",
        "nhs-admissions-forecast/charter.yaml",
        "transport-dashboard/charter.yaml",
    ]


def test_a_summary_line_per_project_an_overall_count_and_the_worst_exit_code(organisation: Path) -> None:
    result = run_cli("validate", ".", "--today", TODAY, cwd=organisation)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    verdicts = [line for line in lines if ": PASS: " in line or ": FAIL: " in line]
    assert [line.split(":")[0] for line in verdicts] == [
        "council-chatbot/charter.yaml",
        "nhs-admissions-forecast/charter.yaml",
        "transport-dashboard/charter.yaml",
    ]
    assert lines[-1] == "3 manifests checked: 2 passed, 1 failed"
    assert " 2. Security" not in result.stdout, "many manifests: no principle tables"


def test_all_passing_exits_0(organisation: Path) -> None:
    result = run_cli(
        "validate", "nhs-admissions-forecast", "transport-dashboard", "--today", TODAY, cwd=organisation
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "2 manifests checked: 2 passed, 0 failed"


def test_a_manifest_that_cannot_be_read_makes_the_run_exit_2_but_the_others_are_checked(
    organisation: Path,
) -> None:
    (organisation / "broken").mkdir()
    (organisation / "broken" / "charter.yaml").write_text(
        "charter: lcr-1999\nproject: {name: X, organisation: Y}\n"
    )
    result = run_cli("validate", ".", "--today", TODAY, cwd=organisation)
    assert result.exit_code == 2
    [problem] = result.stderr.splitlines()
    assert problem.startswith("charter-check: error: broken/charter.yaml:1:10: ") and "'lcr-1999'" in problem
    assert "3 manifests checked: 2 passed, 1 failed" in result.stdout


def test_globs_are_expanded_when_the_shell_did_not(organisation: Path) -> None:
    result = run_cli("validate", "*/charter.yaml", "--today", TODAY, "--format", "json", cwd=organisation)
    document = json.loads(result.stdout)
    assert [m["manifest"]["path"] for m in document["manifests"]] == [
        "council-chatbot/charter.yaml",
        "nhs-admissions-forecast/charter.yaml",
        "transport-dashboard/charter.yaml",
    ]
    recursive = run_cli("validate", "**/charter.yaml", "--today", TODAY, "--format", "json", cwd=organisation)
    assert len(json.loads(recursive.stdout)["manifests"]) == 3, "hidden and vendored folders are skipped"


def test_the_same_manifest_named_twice_is_checked_once(organisation: Path) -> None:
    result = run_cli(
        "validate", "council-chatbot", "council-chatbot/charter.yaml", "--today", TODAY, cwd=organisation
    )
    assert "manifests checked" not in result.stdout


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("empty-folder", "no charter.yaml in this folder or below it"),
        ("nothing-*/charter.yaml", "no manifest matches this pattern"),
    ],
)
def test_a_folder_or_pattern_that_finds_nothing_stops_the_run(
    tmp_path: Path, argument: str, message: str
) -> None:
    (tmp_path / "empty-folder").mkdir()
    result = run_cli("validate", argument, cwd=tmp_path)
    assert result.exit_code == 2
    assert message in result.stderr


def test_folders_are_searched_in_a_stable_order(tmp_path: Path) -> None:
    for name in ("b", "a/z", "a/c"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "charter.yaml").write_text(MINIMAL, encoding="utf-8")
    assert [p.parent.relative_to(tmp_path).as_posix() for p in manifest_paths([tmp_path])] == [
        "a/c",
        "a/z",
        "b",
    ]


def test_nothing_found_raises_for_library_callers(tmp_path: Path) -> None:
    with pytest.raises(CannotRun):
        manifest_paths([tmp_path])


def test_output_is_written_to_a_file_and_the_verdicts_to_the_log(organisation: Path) -> None:
    result = run_cli(
        "validate", ".", "--today", TODAY, "--format", "sarif", "-o", "out.sarif", cwd=organisation
    )
    assert result.exit_code == 1
    log = json.loads((organisation / "out.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert result.stdout.splitlines()[-1] == "3 manifests checked: 2 passed, 1 failed"
    assert not list(organisation.glob(".out.sarif.*")), "no temporary file left behind"


def test_output_never_replaces_a_manifest_being_checked(organisation: Path) -> None:
    manifest = organisation / "council-chatbot" / "charter.yaml"
    before = manifest.read_bytes()
    result = run_cli("validate", "council-chatbot", "-o", "council-chatbot/charter.yaml", cwd=organisation)
    assert result.exit_code == 2
    assert "this is the manifest itself; give another file for the output with -o" in result.stderr
    assert manifest.read_bytes() == before


def test_output_to_a_missing_folder_is_a_one_line_error(organisation: Path) -> None:
    result = run_cli("validate", "council-chatbot", "-o", "no/such/folder/out.json", cwd=organisation)
    assert result.exit_code == 2
    assert result.stderr == (
        "charter-check: error: no/such/folder/out.json: the folder no/such/folder does not exist; "
        "create it first\n"
    )


def test_auto_is_github_inside_github_actions(organisation: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("validate", "council-chatbot", "--today", TODAY, cwd=organisation)
    assert result.stdout.startswith("::error file=council-chatbot/charter.yaml,line=")
    explicit = run_cli("validate", "council-chatbot", "--today", TODAY, "--format", "text", cwd=organisation)
    assert explicit.stdout.startswith("council-chatbot/charter.yaml:")


def test_auto_writes_text_to_a_file_even_inside_github_actions(
    organisation: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    run_cli("validate", "council-chatbot", "--today", TODAY, "-o", "out.txt", cwd=organisation)
    assert (organisation / "out.txt").read_text(encoding="utf-8").startswith("council-chatbot/charter.yaml:")
