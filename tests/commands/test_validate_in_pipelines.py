"""``validate`` as a CI pipeline runs it: findings keep their fingerprints from run to run, and
the CI formats name the manifest from the top of the repository, whatever folder the job is in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from charter_check.renderers.identity import FINGERPRINT_KEY
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow  # each test runs the real program in processes of its own

RELATIVE = "projects/chatbot/charter.yaml"


def charter_check(*arguments: str, cwd: Path, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """The installed program, run as a CI job would run it."""
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY")}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "charter_check", "validate", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository holding the failing example at projects/chatbot/charter.yaml."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "council-chatbot", root / "projects" / "chatbot")
    subprocess.run(["git", "init", "--quiet", str(root)], check=True)
    return root


def fingerprints(output_format: str, output: str) -> list[str]:
    if output_format == "json":
        return [finding["fingerprint"] for finding in json.loads(output)["findings"]]
    if output_format == "gitlab":
        return [issue["fingerprint"] for issue in json.loads(output)]
    results = json.loads(output)["runs"][0]["results"]
    return [result["partialFingerprints"][FINGERPRINT_KEY] for result in results]


def lines(output: str) -> list[int]:
    return [finding["line"] for finding in json.loads(output)["findings"]]


@pytest.mark.parametrize("output_format", ["json", "gitlab", "sarif"])
def test_fingerprints_survive_a_line_added_at_the_top_and_another_day(
    repository: Path, output_format: str
) -> None:
    manifest = repository / RELATIVE
    before = charter_check(RELATIVE, "--today", "2026-11-28", "-f", output_format, cwd=repository)
    lines_before = charter_check(RELATIVE, "--today", "2026-11-28", "-f", "json", cwd=repository).stdout
    manifest.write_text("# Reviewed by the programme board.\n" + manifest.read_text(encoding="utf-8"))
    after = charter_check(RELATIVE, "--today", "2026-12-03", "-f", output_format, cwd=repository)
    lines_after = charter_check(RELATIVE, "--today", "2026-12-03", "-f", "json", cwd=repository).stdout
    assert before.returncode == after.returncode == 1
    assert [line + 1 for line in lines(lines_before)] == lines(lines_after)  # every finding moved
    kept = fingerprints(output_format, before.stdout)
    assert len(kept) == len(set(kept)) == len(lines(lines_before)) > 1
    assert fingerprints(output_format, after.stdout) == kept


def ci_paths(output_format: str, output: str) -> set[str]:
    """The manifest paths a CI format names."""
    if output_format == "sarif":
        results = json.loads(output)["runs"][0]["results"]
        return {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    if output_format == "gitlab":
        return {issue["location"]["path"] for issue in json.loads(output)}
    if output_format == "github":
        annotations = [line for line in output.splitlines() if line.startswith("::")]
        return {line.split("file=", 1)[1].split(",", 1)[0] for line in annotations}
    root = ET.fromstring(output)
    names = [suite.get("name", "") for suite in root.iter("testsuite")]
    names += [case.get("name", "").rsplit(".yaml", 1)[0] + ".yaml" for case in root.iter("testcase")]
    return set(names)


@pytest.mark.parametrize("output_format", ["sarif", "github", "gitlab", "junit"])
@pytest.mark.parametrize(
    ("folder", "argument"),
    [
        ("repo", RELATIVE),
        ("repo/projects", "chatbot/charter.yaml"),
        ("repo/projects/chatbot/docs", "../charter.yaml"),
        (".", "repo/" + RELATIVE),  # from outside the repository
    ],
)
def test_ci_formats_name_the_manifest_from_the_top_of_the_repository(
    repository: Path, output_format: str, folder: str, argument: str
) -> None:
    result = charter_check(
        argument, "-f", output_format, "--today", "2026-11-28", cwd=repository.parent / folder
    )
    assert result.returncode == 1, result.stderr
    assert ci_paths(output_format, result.stdout) == {RELATIVE}


def test_the_text_format_keeps_the_path_from_the_working_folder(repository: Path) -> None:
    result = charter_check(
        "../charter.yaml", "--today", "2026-11-28", cwd=repository / "projects/chatbot/docs"
    )
    assert result.stdout.startswith("../charter.yaml:")
    assert RELATIVE not in result.stdout


def test_outside_a_repository_the_path_is_the_one_given(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "council-chatbot", tmp_path / "chatbot")
    result = charter_check("chatbot", "-f", "gitlab", "--today", "2026-11-28", cwd=tmp_path)
    assert {issue["location"]["path"] for issue in json.loads(result.stdout)} == {"chatbot/charter.yaml"}


def sarif_run(output: str) -> dict[str, Any]:
    run: dict[str, Any] = json.loads(output)["runs"][0]
    return run


def test_sarif_says_where_the_source_root_is_only_outside_ci(repository: Path) -> None:
    arguments = ("chatbot/charter.yaml", "-f", "sarif", "--today", "2026-11-28")
    local = sarif_run(charter_check(*arguments, cwd=repository / "projects").stdout)
    assert local["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repository.resolve().as_uri() + "/"}}
    in_ci = sarif_run(charter_check(*arguments, cwd=repository / "projects", ci=True).stdout)
    assert "originalUriBaseIds" not in in_ci
    assert in_ci["results"] == local["results"]
