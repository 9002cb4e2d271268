"""The manifest's JSON Schema (``charter-check schema``): every example passes an independent
validator (check-jsonschema), broken manifests fail it, and it never rejects a manifest that
``validate`` passes, while whatever it rejects, ``validate`` reports as an error."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import pytest
import yaml

from charter_check.checking.check import Checking, check_manifest
from charter_check.reading.loading import load_charter
from charter_check.reading.yaml_reader import read_yaml
from charter_check.renderers.json_schema import manifest_json_schema
from tests.conftest import EXAMPLES, FIXTURES, run_cli
from tests.repositories import REPO

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
TODAY_TEXT = "2026-11-28"
EXAMPLE_MANIFESTS = sorted(EXAMPLES.glob("*/charter.yaml"))


@pytest.fixture(scope="module")
def schema_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("schema") / "charter.schema.json"
    result = run_cli("schema", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def check_jsonschema(schema: Path, manifest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), str(manifest)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.parametrize("manifest", EXAMPLE_MANIFESTS, ids=lambda path: path.parent.name)
def test_every_example_passes_check_jsonschema(schema_file: Path, manifest: Path) -> None:
    result = check_jsonschema(schema_file, manifest)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "old", "new"),
    [
        ("a misspelt field", "  organisation:", "  organisaton:"),
        ("an unknown criterion", "  security.safe-projects:", "  security.safe-project:"),
        ("a choice not listed", "answer: tre-sde", "answer: laptop"),
        ("a yes/no answer in other words", "answer: yes", "answer: perhaps"),
        ("a profile answer that is not yes or no", "  children: false", "  children: sometimes"),
        ("a version as a number", 'charter_version: "1.1"', "charter_version: 1.1"),
    ],
)
def test_a_broken_manifest_fails_check_jsonschema(
    schema_file: Path, tmp_path: Path, change: str, old: str, new: str
) -> None:
    source = EXAMPLES / "nhs-admissions-forecast" / "charter.yaml"
    text = source.read_text(encoding="utf-8")
    assert old in text, change
    broken = tmp_path / "charter.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert check_jsonschema(schema_file, broken).returncode == 1, change
    assert run_cli("validate", str(broken), "--today", TODAY_TEXT).exit_code == 1, change


@pytest.mark.slow
@pytest.mark.parametrize(
    "answers",
    [
        "  security.safe-people:\n    answer: yes\n",
        "  security.safe-people:\n    answer: Yes\n",
        "  security.safe-people:\n",
        "  security.safe-people: {status: pending}\n",
        "  independent-oversight.next-review:\n    answer: 2027-01-31\n",
        "  security.safe-settings:\n    answer: ' tre-sde '\n",
        "  security.safe-people:\n    status: not_applicable\n    answer: maybe\n    justification: no people\n",
    ],
)
def test_what_the_engine_accepts_the_schema_accepts(schema_file: Path, tmp_path: Path, answers: str) -> None:
    manifest = tmp_path / "charter.yaml"
    manifest.write_text(
        "charter: lcr-2025\nproject: {name: X, organisation: Y}\nprofile:\n  personal_data: no\n"
        f"declaration:\n  date: 2026-01-05\nanswers:\n{answers}",
        encoding="utf-8",
    )
    result = check_jsonschema(schema_file, manifest)
    assert result.returncode == 0, result.stdout


def test_the_schema_is_keyed_by_the_charters_own_ids() -> None:
    charter = load_charter("lcr-2025")
    schema = manifest_json_schema(charter)
    assert set(schema["properties"]["answers"]["properties"]) == {c.id for c in charter.criteria}
    assert set(schema["properties"]["profile"]["properties"]) == {q.id for q in charter.profile}
    jsonschema.Draft7Validator.check_schema(schema)


def test_the_schema_has_an_id_for_its_charter_and_version() -> None:
    """``$id`` names the schema wherever its file is kept: an absolute address under the project's
    own, one per charter and version, the same from run to run."""
    source = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]["Source"]
    printed = json.loads(run_cli("schema").stdout)["$id"]
    assert printed == f"{source}/schemas/lcr-2025/1.1/charter.schema.json"
    assert printed == manifest_json_schema(load_charter("lcr-2025"))["$id"]
    mini = json.loads(run_cli("schema", "--charter", str(FIXTURES / "mini_charter.yaml")).stdout)["$id"]
    assert mini == f"{source}/schemas/mini-2026/2.0/charter.schema.json"
    for identifier in (printed, mini):
        address = urlsplit(identifier)
        assert address.scheme == "https" and address.netloc and not address.fragment


# The schema agrees with the engine -------------------------------------------------------------

ANSWER_VALUES: list[Any] = ["maybe", 7, {"name": "A Person"}, "2026-02-30", None]


def _mutations(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each criterion's answer replaced by each value, and each profile answer flipped or garbled."""
    charter = load_charter("lcr-2025")
    found = []
    for criterion in charter.criteria:
        for value in ANSWER_VALUES:
            changed = copy.deepcopy(data)
            entry = changed.setdefault("answers", {}).get(criterion.id) or {}
            changed["answers"][criterion.id] = {**entry, "answer": value}
            found.append((f"{criterion.id}={value!r}", changed))
    for question in charter.profile:
        for value in (False, "no", "y", None):
            changed = copy.deepcopy(data)
            changed.setdefault("profile", {})[question.id] = value
            found.append((f"profile.{question.id}={value!r}", changed))
    return found


@pytest.mark.slow
@pytest.mark.parametrize("example", ["nhs-admissions-forecast", "transport-dashboard"])
def test_the_schema_never_rejects_a_passing_manifest_nor_accepts_less_than_errors(
    tmp_path: Path, example: str
) -> None:
    project = tmp_path / example
    shutil.copytree(EXAMPLES / example, project)
    manifest = project / "charter.yaml"
    data = read_yaml(manifest.read_bytes()).data
    validator = jsonschema.Draft7Validator(manifest_json_schema(load_charter("lcr-2025")))
    today = __import__("datetime").date.fromisoformat(TODAY_TEXT)
    for label, changed in _mutations(data):
        manifest.write_text(yaml.safe_dump(changed, sort_keys=False, allow_unicode=True), encoding="utf-8")
        assessment = check_manifest(manifest, Checking(today=today)).assessment
        accepted = validator.is_valid(read_yaml(manifest.read_bytes()).data)
        errors = [f for f in assessment.findings if f.severity.value == "error"]
        if assessment.passed:
            assert accepted, f"{label}: validate passes it, the schema rejects it"
        if not accepted:
            assert errors, f"{label}: the schema rejects it, validate reports no error"


# The command ----------------------------------------------------------------------------------


def test_schema_prints_the_schema_to_stdout() -> None:
    result = run_cli("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.slow
def test_schema_replaces_its_own_file_but_not_someone_elses(tmp_path: Path) -> None:
    target = tmp_path / "charter.schema.json"
    assert run_cli("schema", "-o", str(target)).exit_code == 0
    assert run_cli("schema", "-o", str(target)).exit_code == 0, "regenerating is always allowed"
    other = tmp_path / "notes.json"
    other.write_text('{"mine": true}\n', encoding="utf-8")
    refused = run_cli("schema", "-o", str(other))
    assert refused.exit_code == 2 and "pass --force" in refused.stderr
    assert other.read_text(encoding="utf-8") == '{"mine": true}\n'
    assert run_cli("schema", "-o", str(other), "--force").exit_code == 0
    assert json.loads(other.read_text(encoding="utf-8"))["$comment"].startswith("Generated by charter-check")


def test_schema_for_another_charter_by_path() -> None:
    result = run_cli("schema", "--charter", str(FIXTURES / "mini_charter.yaml"))
    schema = json.loads(result.stdout)
    assert "care.benefit" in schema["properties"]["answers"]["properties"]


@pytest.mark.slow
def test_the_yaml_language_server_line_points_at_the_schema_file(tmp_path: Path, schema_file: Path) -> None:
    """``init`` writes '# yaml-language-server: $schema=charter.schema.json' as the first line;
    ``schema -o charter.schema.json`` beside it makes the file that line names, and a manifest
    carrying the line still validates."""
    manifest = tmp_path / "charter.yaml"
    manifest.write_text(
        "# yaml-language-server: $schema=charter.schema.json\n"
        + (EXAMPLES / "transport-dashboard" / "charter.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    assert run_cli("schema", "-o", "charter.schema.json", cwd=tmp_path).exit_code == 0
    assert check_jsonschema(tmp_path / "charter.schema.json", manifest).returncode == 0
