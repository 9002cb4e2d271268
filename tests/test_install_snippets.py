"""The install lines a project copies (README.md, examples/ and the pre-commit and Action
examples) all name charter-check's repository, as pyproject.toml gives it, at one release tag with
a section in CHANGELOG.md; and each, run as written but pointed at a clone of this checkout tagged
with that release, installs a charter-check that works into a fresh virtual environment; then the
GitHub and GitLab examples' own commands run as written in a project's new repository."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from charter_check import __version__
from tests.conftest import EXAMPLES
from tests.renderers.assessed import answer_line
from tests.repositories import REPO, git, project_with_examples
from tests.test_release import changelog_versions

BIN = Path(sys.executable).parent
CI = EXAMPLES / "ci"
REQUIREMENT = re.compile(r"charter-check @ git\+(?P<url>https://[^\s\"'@]+)@(?P<tag>[^\s\"'`]+)")
PIP_INSTALL_LINE = re.compile(r'^pip install "(?P<requirement>charter-check @ git\+[^"]+)"$', re.MULTILINE)
VARIABLE_INSTALL = 'python -m pip install "$CHARTER_CHECK"'
RELEASE_TAG = re.compile(r"v(?P<version>\d+\.\d+\.\d+)")

TELL_PEOPLE = answer_line(EXAMPLES / "council-chatbot" / "charter.yaml", "ai-identification.tell-people")


@dataclass(frozen=True)
class Source:
    """Where one snippet says charter-check comes from."""

    url: str
    tag: str


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def requirement_source(requirement: str, where: str) -> Source:
    match = REQUIREMENT.fullmatch(requirement)
    assert match, f"{where}: {requirement!r} is not 'charter-check @ git+https://…@TAG'"
    return Source(match["url"], match["tag"])


def install_lines(document: Path) -> list[str]:
    """The ``pip install "charter-check @ git+…"`` lines of a Markdown file, each whole."""
    lines = [match["requirement"] for match in PIP_INSTALL_LINE.finditer(text(document))]
    assert lines, f"{document.relative_to(REPO)} has no 'pip install \"charter-check @ git+…\"' line"
    return lines


def markdown_sources(document: Path) -> list[Source]:
    """Every requirement a Markdown file mentions, in an install line or not, and every use of
    charter-check's Action it shows."""
    install_lines(document)
    mentioned = [match.group(0) for match in REQUIREMENT.finditer(text(document))]
    uses = action_sources(document, required=False)
    return [
        requirement_source(requirement, str(document.relative_to(REPO))) for requirement in mentioned
    ] + uses


def workflow_variable(snippet: str) -> str:
    loaded = yaml.safe_load(text(CI / snippet))
    if snippet == "github-actions.yml":
        variable: str = loaded["env"]["CHARTER_CHECK"]
        commands = [step.get("run", "") for job in loaded["jobs"].values() for step in job["steps"]]
    else:
        variable = loaded["charter-check"]["variables"]["CHARTER_CHECK"]
        commands = loaded["charter-check"]["before_script"]
    assert VARIABLE_INSTALL in commands, f"{snippet}: CHARTER_CHECK is not what it installs"
    return variable


def pre_commit_source(config: str, where: str) -> Source:
    [repository] = yaml.safe_load(config)["repos"]
    assert [hook["id"] for hook in repository["hooks"]] == ["charter-check"], where
    return Source(repository["repo"], repository["rev"])


def action_sources(document: Path, *, required: bool = True) -> list[Source]:
    """The ``uses: OWNER/NAME@TAG`` lines naming charter-check's own Action."""
    found = re.findall(r"uses: ([\w.-]+/charter-check)@([\w.-]+)", text(document))
    assert found or not required, f"{document.relative_to(REPO)} does not use charter-check's Action"
    return [Source(f"https://github.com/{repository}", tag) for repository, tag in found]


def commented_hook_source() -> Source:
    """The example in the comment at the top of .pre-commit-hooks.yaml."""
    comment = "\n".join(
        line.removeprefix("#   ")
        for line in text(REPO / ".pre-commit-hooks.yaml").splitlines()
        if line.startswith("#   ")
    )
    return pre_commit_source(f"repos:\n{comment}", ".pre-commit-hooks.yaml")


def every_source() -> dict[str, list[Source]]:
    return {
        "README.md": markdown_sources(REPO / "README.md"),
        "examples/README.md": markdown_sources(EXAMPLES / "README.md"),
        "examples/ci/README.md": markdown_sources(CI / "README.md"),
        "examples/ci/github-actions.yml": [
            requirement_source(workflow_variable("github-actions.yml"), "github-actions.yml")
        ],
        "examples/ci/gitlab-ci.yml": [
            requirement_source(workflow_variable("gitlab-ci.yml"), "gitlab-ci.yml")
        ],
        "examples/ci/pre-commit-config.yaml": [
            pre_commit_source(text(CI / "pre-commit-config.yaml"), "pre-commit-config.yaml")
        ],
        ".pre-commit-hooks.yaml": [commented_hook_source()],
        "examples/ci/github-action-usage.yml": action_sources(CI / "github-action-usage.yml"),
        "action.yml": action_sources(REPO / "action.yml"),
    }


def the_source() -> Source:
    """The one repository and tag that every snippet names."""
    named = {(where, source) for where, sources in every_source().items() for source in sources}
    distinct = {source for _, source in named}
    assert len(distinct) == 1, "the snippets name different places:\n" + "\n".join(
        f"  {where}: {source.url} @ {source.tag}" for where, source in sorted(named, key=str)
    )
    [source] = distinct
    return source


def test_every_snippet_names_the_repository_at_one_release_tag() -> None:
    source = the_source()
    repository = tomllib.loads(text(REPO / "pyproject.toml"))["project"]["urls"]["Source"]
    assert source.url == repository, "the snippets and pyproject.toml's Source name different repositories"
    release = RELEASE_TAG.fullmatch(source.tag)
    assert release, f"{source.tag!r} is not a release tag (vX.Y.Z)"
    assert release["version"] in changelog_versions(), f"CHANGELOG.md has no section for {source.tag}"


INSTALLS_CHARTER_CHECK = re.compile(
    r"charter-check @ git\+|uses: [\w.-]+/charter-check@|repo: \S+/charter-check\s"
)
NOT_SNIPPETS = {".git", ".venv", "node_modules", "tests", "CHANGELOG.md"}
"""Left out of the search for snippets: tools, the tests, and the changelog, which keeps the
tags of earlier releases as they were."""


def test_every_file_that_installs_charter_check_is_checked_here() -> None:
    found = {
        str(path.relative_to(REPO))
        for path in REPO.rglob("*")
        if path.suffix in (".md", ".yml", ".yaml")
        and not NOT_SNIPPETS.intersection(path.relative_to(REPO).parts)
        and INSTALLS_CHARTER_CHECK.search(text(path))
    }
    assert found, "no snippet found: the search is broken"
    assert found <= set(every_source()), f"not checked by this test: {sorted(found - set(every_source()))}"


def test_a_snippet_naming_another_place_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check itself: a GitLab job naming another tag, another repository or no repository
    at all, and a README without its install line, each fail it."""
    changed: dict[str, str] = {}

    def reading(path: Path) -> str:
        return changed.get(str(path.relative_to(REPO))) or path.read_text(encoding="utf-8")

    def gitlab_with(variable_line: str) -> None:
        changed["examples/ci/gitlab-ci.yml"] = re.sub(
            r"CHARTER_CHECK: .*", variable_line, (CI / "gitlab-ci.yml").read_text()
        )

    monkeypatch.setattr(sys.modules[__name__], "text", reading)
    gitlab_with('CHARTER_CHECK: "charter-check @ git+https://github.com/lcr-civic-data/charter-check@v9.9.9"')
    with pytest.raises(AssertionError, match="the snippets name different places"):
        the_source()
    gitlab_with('CHARTER_CHECK: "charter-check @ git+https://example.org/a-copy/charter-check@v0.2.0"')
    with pytest.raises(AssertionError, match="a-copy"):
        the_source()
    gitlab_with("CHARTER_CHECK: charter-check")
    with pytest.raises(AssertionError, match="is not 'charter-check @ git"):
        the_source()
    changed.clear()
    changed["README.md"] = PIP_INSTALL_LINE.sub("pip install charter-check", (REPO / "README.md").read_text())
    with pytest.raises(AssertionError, match=r"^README\.md has no 'pip install"):
        the_source()


@pytest.fixture(scope="module")
def release_clone(checkout_repository: Path) -> Path:
    """This checkout as a repository of its own, tagged with the release the snippets name."""
    git(checkout_repository, "tag", "--force", the_source().tag)
    return checkout_repository


def pointed_at(requirement: str, clone: Path) -> str:
    """The requirement with charter-check's repository replaced by the local clone. (pip's older
    releases want a host in a git+file URL, hence ``localhost``.)"""
    source = the_source()
    local = requirement.replace(f"git+{source.url}@", f"git+file://localhost{clone}@")
    assert local != requirement
    return local


def install_command(snippet: str) -> tuple[str, dict[str, str]]:
    """A snippet's install command as written, with the variables it reads."""
    if snippet.endswith(".md"):
        return f'pip install "{install_lines(REPO / snippet)[0]}"', {}
    return VARIABLE_INSTALL, {"CHARTER_CHECK": workflow_variable(Path(snippet).name)}


def installed_into_a_new_environment(command: str, variables: dict[str, str], folder: Path) -> Path:
    """Run an install command in ``folder`` with a fresh virtual environment first on the PATH, as
    a project's shell or CI job would; the environment's ``bin`` folder."""
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, **variables, "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("PYTHONPATH", None)
    installed = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", command],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, f"{command}\n{installed.stdout}{installed.stderr}"
    return venv / "bin"


@pytest.fixture(scope="module")
def install(release_clone: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Installs what a snippet's install command installs, run as written but pointed at the
    release clone, into a fresh virtual environment; its ``bin`` folder. Each command is run once
    for the module, however many snippets give it (the three Markdown files give the same line)."""
    environments: dict[tuple[str, tuple[tuple[str, str], ...]], Path] = {}

    def installed(snippet: str) -> Path:
        command, variables = install_command(snippet)
        if variables:
            variables = {name: pointed_at(value, release_clone) for name, value in variables.items()}
        else:
            command = pointed_at(command, release_clone)
        given = (command, tuple(sorted(variables.items())))
        if given not in environments:
            folder = tmp_path_factory.mktemp("installed")
            environments[given] = installed_into_a_new_environment(command, variables, folder)
        return environments[given]

    return installed


@pytest.mark.slow
@pytest.mark.parametrize(
    "snippet",
    [
        "README.md",
        "examples/README.md",
        "examples/ci/README.md",
        "examples/ci/github-actions.yml",
        "examples/ci/gitlab-ci.yml",
    ],
)
def test_the_install_line_installs_a_working_charter_check(
    snippet: str, install: Callable[[str], Path], tmp_path: Path
) -> None:
    bin_folder = install(snippet)
    version = subprocess.run(
        [str(bin_folder / "charter-check"), "--version"], capture_output=True, text=True, check=False
    )
    assert version.returncode == 0 and version.stdout.strip() == f"charter-check {__version__}"
    example = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
    validated = subprocess.run(
        [str(bin_folder / "charter-check"), "validate", str(example), "--today", "2026-11-28"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr
    if not snippet.endswith(".md"):
        job_runs_in_a_new_repository(Path(snippet).name, bin_folder, tmp_path / "project")


def job_commands(snippet: str) -> list[str]:
    """The commands a CI example runs after installing charter-check, as written."""
    loaded = yaml.safe_load(text(CI / snippet))
    if snippet == "github-actions.yml":
        commands = [step["run"] for job in loaded["jobs"].values() for step in job["steps"] if "run" in step]
    else:
        commands = [*loaded["charter-check"]["before_script"], *loaded["charter-check"]["script"]]
    assert commands[0] == VARIABLE_INSTALL, f"{snippet}: installing is not its first command"
    return commands[1:]


CI_VARIABLES = {
    "github-actions.yml": {"CI": "true", "GITHUB_ACTIONS": "true"},
    "gitlab-ci.yml": {"CI": "true", "GITLAB_CI": "true"},
}


def job_runs_in_a_new_repository(snippet: str, bin_folder: Path, project: Path) -> None:
    """A project that has just run ``charter-check init`` (every question unanswered) and copied
    the example: each of its commands runs as written, from the top of the repository, and the
    job fails on the findings with every report the example keeps written."""
    project.mkdir()
    git(project, "init", "-q")
    env = {**os.environ, **CI_VARIABLES[snippet], "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    env["GITHUB_STEP_SUMMARY"] = str(project.parent / "step-summary.md")
    started = subprocess.run(
        ["charter-check", "init", "--no-input", "--organisation", "Wirral Council"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert started.returncode == 0, started.stderr
    ran = []
    for command in job_commands(snippet):
        # bash -eo pipefail, as GitHub runs a step; GitLab's images run each line much the same way.
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", command],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        ran.append((command, result.returncode, result.stdout))
    assert [code for _, code, _ in ran] == [0 if c.endswith("|| true") else 1 for c, _, _ in ran], ran
    if snippet == "github-actions.yml":
        annotations = "".join(output for _, _, output in ran)
        assert "::error file=charter.yaml,line=" in annotations
        assert "charter.yaml" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
        sarif = json.loads((project / "charter-check.sarif").read_text(encoding="utf-8"))
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]
        }
        assert uris == {"charter.yaml"}
    else:
        issues = json.loads((project / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        assert issues and {issue["location"]["path"] for issue in issues} == {"charter.yaml"}
        junit = ET.fromstring((project / "charter-check-junit.xml").read_text(encoding="utf-8"))
        assert int(junit.get("failures", "0")) > 0


@pytest.mark.slow
def test_the_pre_commit_example_runs_the_hook_from_the_release(
    release_clone: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = project_with_examples(tmp_path_factory.mktemp("project"))
    config = text(CI / "pre-commit-config.yaml").replace(
        f"repo: {the_source().url}\n", f"repo: {release_clone}\n"
    )
    assert str(release_clone) in config
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(project, "add", ".pre-commit-config.yaml")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def hook(manifest: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "--files", manifest],
            cwd=project,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    passing = hook("nhs-admissions-forecast/charter.yaml")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert re.search(r"charter-check validate\.+Passed", passing.stdout)
    failing = hook("council-chatbot/charter.yaml")
    assert failing.returncode == 1
    assert (
        f"council-chatbot/charter.yaml:{TELL_PEOPLE}:13: error [ai-identification.tell-people]"
        in failing.stdout
    )
