"""Configuration: found for each manifest upward from its folder to the top of its repository, in
.charter-check.yaml or pyproject.toml (never above the repository, never in a folder others can
write to); it can only make the check stricter; what it switches off keeps its reason and is shown
in every output; bad configuration stops the run with the file, the line and what to do."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from charter_check.reading.config import Config, config_for, find_config, load_config
from charter_check.reading.loading import CannotRun
from tests.conftest import EXAMPLES, run_cli

FAILING = EXAMPLES / "council-chatbot" / "charter.yaml"
PASSING = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
REASON = "The DPIA review is booked with the DPO for the January board."


def repository(folder: Path) -> Path:
    (folder / ".git").mkdir(parents=True)
    return folder


def test_found_in_a_parent_folder(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo")
    (root / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    inner = root / "a" / "b"
    inner.mkdir(parents=True)
    assert find_config(inner / "charter.yaml") == root / ".charter-check.yaml"


def test_the_nearest_file_wins(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo")
    (root / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    (root / "a").mkdir()
    (root / "a" / "pyproject.toml").write_text(
        '[tool.charter-check]\nfail-level = "error"\n', encoding="utf-8"
    )
    assert find_config(root / "a" / "charter.yaml") == root / "a" / "pyproject.toml"


def test_a_pyproject_without_our_table_is_passed_over(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo")
    (root / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    (root / "a").mkdir()
    (root / "a" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert find_config(root / "a" / "charter.yaml") == root / ".charter-check.yaml"


def test_the_search_stops_at_the_top_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    root = repository(tmp_path / "repo")
    (root / "project").mkdir()
    assert find_config(root / "project" / "charter.yaml") is None


def test_in_a_monorepo_each_project_has_its_own(tmp_path: Path) -> None:
    root = repository(tmp_path / "repo")
    (root / ".charter-check.yaml").write_text("fail-level: error\n", encoding="utf-8")
    for name, level in (("strict", "warning"), ("plain", None)):
        (root / name).mkdir()
        if level:
            (root / name / ".charter-check.yaml").write_text(f"fail-level: {level}\n", encoding="utf-8")
    assert config_for(root / "strict" / "charter.yaml").fail_level == "warning"
    assert config_for(root / "plain" / "charter.yaml").fail_level == "error"


@pytest.mark.parametrize("folder", ["repo", "repo/plain/docs"])
def test_validate_checks_each_project_of_a_monorepo_under_its_own_configuration(
    tmp_path: Path, folder: str
) -> None:
    """The real command, from the top of the repository or from a folder inside one project: the
    project whose configuration makes warnings block fails on its warning, the other passes, and a
    broken configuration above the repository is never read."""
    (tmp_path / ".charter-check.yaml").write_text("fail-level: nonsense\n", encoding="utf-8")
    root = repository(tmp_path / "repo")
    for name in ("strict", "plain"):
        shutil.copytree(PASSING.parent, root / name)
    (root / "strict" / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    result = run_cli("validate", str(root), "--today", "2026-11-28", cwd=tmp_path / folder)
    assert result.exit_code == 1, result.output
    verdicts = re.findall(r"\b(strict|plain)/charter\.yaml: (PASS|FAIL): ", result.stdout)
    assert sorted(verdicts) == [("plain", "PASS"), ("strict", "FAIL")]


def test_a_folder_others_can_write_to_is_never_searched(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    shared.chmod(0o777)
    try:
        assert find_config(shared / "charter.yaml") is None
    finally:
        shared.chmod(0o755)
    writable = shared / ".charter-check.yaml"
    writable.chmod(0o666)
    assert find_config(shared / "charter.yaml") is None


def test_pyproject_settings_and_switches(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        '[project]\nname = "x"\n\n[tool.charter-check]\ncharter = "lcr-2025"\nfail-level = "warning"\n\n'
        f'[tool.charter-check.switch-off]\n"security.dpia-review" = "{REASON}"\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert (config.charter, config.fail_level) == ("lcr-2025", "warning")
    [switch] = config.switches
    assert (switch.rule, switch.reason) == ("security.dpia-review", REASON)
    assert switch.configured_in.endswith("pyproject.toml:9:1")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".charter-check.yaml",
            "fail_level: warning\n",
            ":1:1: unknown setting 'fail_level'; did you mean 'fail-level'?",
        ),
        (".charter-check.yaml", "fail-level: loud\n", ":1:13: 'fail-level' must be 'error' or 'warning'"),
        (
            ".charter-check.yaml",
            "switch-off:\n  profile.unanswered: later\n",
            ":2:23: give the reason 'profile.unanswered' is switched off",
        ),
        (
            ".charter-check.yaml",
            "switch-off: [profile.unanswered]\n",
            ":1:13: 'switch-off' must map each rule id",
        ),
        (".charter-check.yaml", "charter: [lcr]\n", ":1:10: 'charter' must be a bundled charter id"),
        (".charter-check.yaml", "fail-level: [\n", ":2:1: YAML syntax error"),
        (
            "pyproject.toml",
            '[tool.charter-check]\nfail-level = "loud"\n',
            ":2:1: 'fail-level' must be 'error' or 'warning'",
        ),
        ("pyproject.toml", "[tool.charter-check]\nfail-level = \n", ":2:14: invalid TOML"),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_line(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "charter.yaml").write_bytes(FAILING.read_bytes())
    result = run_cli("validate", "charter.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith(f"charter-check: error: {name}:")
    assert message in line
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ("security.dpia-reveiw", "is not a rule of lcr-2025; did you mean 'security.dpia-review'?"),
        ("yaml.syntax", "cannot be switched off: it reports an error, which blocks approval"),
        ("security.safe-settings", "cannot be switched off: it reports an error, which blocks approval"),
    ],
)
def test_unknown_or_essential_rules_cannot_be_switched_off(tmp_path: Path, rule: str, message: str) -> None:
    (tmp_path / ".charter-check.yaml").write_text(f"switch-off:\n  {rule}: {REASON}\n", encoding="utf-8")
    (tmp_path / "charter.yaml").write_bytes(FAILING.read_bytes())
    result = run_cli("validate", "charter.yaml", cwd=tmp_path)
    assert result.exit_code == 2
    assert f".charter-check.yaml:2:3: '{rule}' {message}" in result.stderr


def test_switched_off_findings_do_not_count_but_are_shown_with_the_reason(tmp_path: Path) -> None:
    manifest = tmp_path / "charter.yaml"
    manifest.write_text(
        FAILING.read_text(encoding="utf-8").replace('charter_version: "1.1"', 'charter_version: "0.9"'),
        encoding="utf-8",
    )
    args = [
        "validate",
        "charter.yaml",
        "--today",
        "2026-11-28",
        "--fail-level",
        "warning",
        "--format",
        "json",
    ]
    before = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    (tmp_path / ".charter-check.yaml").write_text(
        f"switch-off:\n  manifest.charter-version: {REASON}\n", encoding="utf-8"
    )
    after = json.loads(run_cli(*args, cwd=tmp_path).stdout)
    assert any(f["rule"] == "manifest.charter-version" for f in before["findings"])
    assert not any(f["rule"] == "manifest.charter-version" for f in after["findings"])
    [switched] = after["switched_off"]
    assert switched["reason"] == REASON and switched["configured_in"] == ".charter-check.yaml:2:3"
    assert [f["rule"] for f in switched["findings"]] == ["manifest.charter-version"]
    text = run_cli("validate", "charter.yaml", "--today", "2026-11-28", cwd=tmp_path).stdout
    assert (
        "relaxed by configuration (.charter-check.yaml:2:3): manifest.charter-version switched off, "
        f"1 finding(s) not counted: {REASON}" in text
    )


def test_fail_level_from_configuration_and_the_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / ".charter-check.yaml").write_text("fail-level: warning\n", encoding="utf-8")
    passing_with_warnings = tmp_path / "p" / "charter.yaml"
    passing_with_warnings.parent.mkdir()
    passing_with_warnings.write_text(
        (EXAMPLES / "transport-dashboard" / "charter.yaml")
        .read_text(encoding="utf-8")
        .replace('charter_version: "1.1"', 'charter_version: "0.9"'),
        encoding="utf-8",
    )
    for document in (EXAMPLES / "transport-dashboard").rglob("*"):
        target = tmp_path / "p" / document.relative_to(EXAMPLES / "transport-dashboard")
        if document.is_dir():
            target.mkdir(exist_ok=True)
        elif document.name != "charter.yaml":
            target.write_bytes(document.read_bytes())
    assert run_cli("validate", "p", "--today", "2026-11-28", cwd=tmp_path).exit_code == 1
    assert (
        run_cli("validate", "p", "--today", "2026-11-28", "--fail-level", "error", cwd=tmp_path).exit_code
        == 0
    )


def test_the_configured_charter_is_used_and_a_path_is_relative_to_the_file(tmp_path: Path) -> None:
    from tests.conftest import FIXTURES

    repository(tmp_path)
    (tmp_path / "charters").mkdir()
    (tmp_path / "charters" / "mini.yaml").write_bytes((FIXTURES / "mini_charter.yaml").read_bytes())
    (tmp_path / ".charter-check.yaml").write_text("charter: charters/mini.yaml\n", encoding="utf-8")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "charter.yaml").write_text(
        "charter: mini-2026\nproject: {name: X, organisation: Y}\n", encoding="utf-8"
    )
    result = run_cli("validate", "--today", "2026-11-28", cwd=tmp_path / "project")
    assert "Mini Test Charter" in result.stdout


def test_no_configuration_gives_the_defaults() -> None:
    assert Config() == Config(source=None, charter=None, fail_level=None, switches=())


def test_an_explicit_config_that_is_missing_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CannotRun, match="no such configuration file"):
        config_for(tmp_path / "charter.yaml", tmp_path / "nowhere.yaml")


def test_a_configuration_file_has_a_size_limit_and_no_control_characters(tmp_path: Path) -> None:
    big = tmp_path / ".charter-check.yaml"
    big.write_text("# " + "x" * (1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(CannotRun, match="over the 1,048,576-byte limit for a configuration file"):
        load_config(big)
    toml = tmp_path / "pyproject.toml"
    toml.write_text(
        '[tool.charter-check.switch-off]\n"manifest.charter-version" = "Reviewed \\u001b[31m by the board today"\n',
        encoding="utf-8",
    )
    with pytest.raises(CannotRun, match="invisible control character"):
        load_config(toml)
