"""The integrations a project copies: the pre-commit hook (run for real with ``pre-commit
try-repo``), the composite GitHub Action, and the CI snippets in ``examples/ci``, each checked
against the schema of the system that reads it."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from charter_check.renderers import VALIDATE_FORMATS
from tests.conftest import EXAMPLES, TESTS

REPO = TESTS.parent
BIN = Path(sys.executable).parent
EXAMPLES_DAY = dt.date(2026, 11, 28)
NOT_COPIED = (
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    "*.egg-info",
    ".*_cache",
    "build",
    "dist",
)


def tool(
    name: str, *arguments: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *arguments], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


def git(folder: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=charter-check tests", "-c", "user.email=tests@charter-check.example"]
    subprocess.run(["git", *identity, *arguments], cwd=folder, check=True, capture_output=True)


def as_of_today(text: str) -> str:
    """The example's dates moved so that the example reads on today's date as it did on the day
    it was written (the hook runs with the real date)."""
    shift = dt.date.today() - EXAMPLES_DAY

    def moved(match: re.Match[str]) -> str:
        return (dt.date.fromisoformat(match.group(0)) + shift).isoformat()

    return re.sub(r"\b\d{4}-\d{2}-\d{2}\b", moved, text)


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's files as a git repository of their own, which pre-commit clones."""
    copy = tmp_path_factory.mktemp("charter-check-repo") / "charter-check"
    shutil.copytree(REPO, copy, ignore=shutil.ignore_patterns(*NOT_COPIED))
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "snapshot")
    return copy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project's repository holding a passing and a failing manifest."""
    for name in ("nhs-admissions-forecast", "council-chatbot"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
        manifest = tmp_path / name / "charter.yaml"
        manifest.write_text(as_of_today(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    return tmp_path


def test_the_hook_manifest_is_valid() -> None:
    result = tool("pre-commit", "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "charter-check" and hook["entry"] == "charter-check validate"
    assert re.search(hook["files"], "projects/a/charter.yaml") and not re.search(
        hook["files"], "notcharter.yaml"
    )


def test_pre_commit_try_repo_runs_the_hook(
    hook_repository: Path, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    passing = tool(
        "pre-commit",
        "try-repo",
        str(hook_repository),
        "charter-check",
        "--files",
        "nhs-admissions-forecast/charter.yaml",
        cwd=project,
        env=env,
    )
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"charter-check validate\.+Passed", passing.stdout)
    failing = tool(
        "pre-commit",
        "try-repo",
        str(hook_repository),
        "charter-check",
        "--files",
        "council-chatbot/charter.yaml",
        cwd=project,
        env=env,
    )
    assert failing.returncode == 1
    assert re.search(r"charter-check validate\.+Failed", failing.stdout)
    assert "council-chatbot/charter.yaml:160:13: error [ai-identification.tell-people]" in failing.stdout


def test_the_action_is_a_valid_composite_action() -> None:
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml")
    assert result.returncode == 0, result.stdout
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    scripts = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    uses = [step.get("uses", "") for step in action["runs"]["steps"]]
    assert 'pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in scripts
    assert "charter-check validate --format github" in scripts
    assert "charter-check validate --format sarif --output" in scripts
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    assert "${{" not in scripts, "inputs reach the scripts through the environment, never pasted in"


@pytest.mark.parametrize(
    ("snippet", "schema"),
    [("github-actions.yml", "vendor.github-workflows"), ("gitlab-ci.yml", "vendor.gitlab-ci")],
)
def test_the_ci_snippets_are_valid_for_their_ci_system(snippet: str, schema: str) -> None:
    result = tool("check-jsonschema", "--builtin-schema", schema, f"examples/ci/{snippet}")
    assert result.returncode == 0, result.stdout


def test_the_pre_commit_snippet_is_a_valid_config() -> None:
    result = tool("pre-commit", "validate-config", "examples/ci/pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_ci_snippets_use_formats_that_exist() -> None:
    for snippet in [*(REPO / "examples" / "ci").glob("*.yml"), REPO / "action.yml"]:
        for used in re.findall(r"--format (\w+)", snippet.read_text(encoding="utf-8")):
            assert used in [*VALIDATE_FORMATS, "auto"], f"{snippet.name}: --format {used}"
