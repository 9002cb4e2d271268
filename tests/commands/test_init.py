"""``charter-check init``: a new manifest that reads as a form, validates with exit 1, and is never
overwritten without ``--force``."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from rich.console import Console

from charter_check.commands.init import InitOptions, init
from charter_check.model.manifest import Person
from charter_check.questionnaire.prompting import Prompter
from charter_check.reading.loading import load_charter
from charter_check.reading.yaml_reader import read_yaml
from charter_check.writing.manifest_writer import SCHEMA_HOOK
from tests.conftest import FIXTURES, at, mapping, run_cli

MINI_CHARTER = FIXTURES / "mini_charter.yaml"
TODAY = "2026-11-28"


def init_no_input(project: Path, *extra: str) -> str:
    result = run_cli(
        "init",
        str(project),
        "--no-input",
        "--name",
        "Admissions Forecast",
        "--organisation",
        "Mersey NHS",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return result.output


def manifest_data(project: Path) -> dict[str, object]:
    data = read_yaml((project / "charter.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return data


@pytest.mark.slow
def test_a_new_manifest_validates_with_exit_1_listing_every_unanswered_criterion(project: Path) -> None:
    init_no_input(project)

    result = run_cli("validate", "--today", TODAY, cwd=project)

    assert result.exit_code == 1, result.output
    unanswered = [line for line in result.output.splitlines() if "unanswered:" in line]
    assert len(unanswered) == len(load_charter("lcr-2025").criteria)
    assert "charter.yaml: FAIL" in result.output


def test_it_holds_every_criterion_and_profile_question_of_the_charter_unanswered(project: Path) -> None:
    init_no_input(project)
    charter = load_charter("lcr-2025")

    data = manifest_data(project)

    assert data["charter"] == "lcr-2025"
    assert data["charter_version"] == charter.version
    assert data["project"] == {
        "name": "Admissions Forecast",
        "organisation": "Mersey NHS",
        "summary": None,
        "contact": None,
        "stage": None,
    }
    assert data["profile"] == {question.id: None for question in charter.profile}
    answers = data["answers"]
    assert isinstance(answers, dict)
    assert list(answers) == [criterion.id for criterion in charter.criteria]
    for criterion in charter.criteria:
        assert answers[criterion.id].get("answer") is None
        assert answers[criterion.id]["evidence"] == []


def test_it_reads_as_a_form_with_each_question_in_a_comment_above_its_entry(project: Path) -> None:
    init_no_input(project)
    text = (project / "charter.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()

    assert lines[0] == f"# {SCHEMA_HOOK}"
    lawful_basis = lines.index("  security.lawful-basis:")
    form = "\n".join(lines[lawful_basis - 16 : lawful_basis])
    assert "# Which Article 6(1) lawful basis does the processing rely on?" in form
    assert "#   e-public-task: (e) public task" in form
    assert "Applies when the project uses personal data; it cannot be marked not applicable." in form
    assert "evidence required" in form
    declaration_date = lines.index("  accountability.declaration-date:")
    assert "'declaration.date' above" in "\n".join(lines[declaration_date - 4 : declaration_date])


def test_questions_come_from_the_charter_given_with_charter(project: Path) -> None:
    init_no_input(project, "--charter", str(MINI_CHARTER))

    data = manifest_data(project)
    text = (project / "charter.yaml").read_text(encoding="utf-8")

    assert data["charter"] == "mini-2026"
    assert list(mapping(data["answers"])) == [c.id for c in load_charter(str(MINI_CHARTER)).criteria]
    assert "# What is the benefit?" in text
    result = run_cli("validate", "--charter", str(MINI_CHARTER), "--today", TODAY, cwd=project)
    assert result.exit_code == 1, result.output


def test_it_refuses_to_overwrite_and_leaves_the_file_byte_identical(project: Path) -> None:
    init_no_input(project)
    manifest = project / "charter.yaml"
    manifest.write_bytes(manifest.read_bytes() + b"# my own notes\n")
    before = manifest.read_bytes()

    result = run_cli("init", str(project), "--no-input", "--name", "Other", "--organisation", "Other")

    assert result.exit_code == 2
    assert manifest.read_bytes() == before
    assert "charter.yaml: already exists" in result.stderr
    assert "--force" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_force_rewrites_it(project: Path) -> None:
    init_no_input(project)

    result = run_cli(
        "init", str(project), "--no-input", "--name", "Renamed", "--organisation", "Council", "--force"
    )

    assert result.exit_code == 0, result.output
    assert at(manifest_data(project), "project", "name") == "Renamed"


@pytest.mark.slow
def test_the_accountable_person_fills_the_declaration(project: Path) -> None:
    init_no_input(
        project,
        "--accountable-name",
        "Dr Aisha Rahman",
        "--accountable-role",
        "CCIO",
        "--accountable-email",
        "a@x.nhs.uk",
    )

    declaration = manifest_data(project)["declaration"]

    assert declaration == {
        "accountable_person": {
            "name": "Dr Aisha Rahman",
            "role": "CCIO",
            "organisation": "Mersey NHS",
            "email": "a@x.nhs.uk",
        },
        "date": None,
        "statement": None,
    }
    result = run_cli("validate", "--today", TODAY, cwd=project)
    assert "accountability.accountable-person" not in result.output


def test_the_name_defaults_to_the_folder_name(tmp_path: Path) -> None:
    folder = tmp_path / "admissions-forecast"

    result = run_cli("init", str(folder), "--no-input", "--organisation", "Mersey NHS")

    assert result.exit_code == 0, result.output
    assert at(manifest_data(folder), "project", "name") == "admissions-forecast"


def test_without_a_terminal_a_missing_organisation_stops_it_and_nothing_is_written(project: Path) -> None:
    result = run_cli("init", str(project), "--name", "X")

    assert result.exit_code == 2
    assert "--organisation" in result.stderr
    assert not (project / "charter.yaml").exists()


def test_it_prints_what_it_wrote_and_the_next_commands(project: Path) -> None:
    output = init_no_input(project)

    assert "Wrote " in output and "charter.yaml" in output
    assert f"{len(load_charter('lcr-2025').criteria)} criteria" in output
    assert f"charter-check assess {project}/charter.yaml" in output
    assert f"charter-check validate {project}/charter.yaml" in output
    assert "charter-check schema -o charter.schema.json" in output


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--stage", "beta", "--stage: type a number from 1 to 5, or one of: discovery, development, pilot"),
        ("--contact", "http://example.org", "--contact: 'http://example.org' is neither an email address"),
        ("--summary", "TBC", "--summary: 'TBC' does not answer the question"),
    ],
)
def test_a_project_detail_given_wrongly_is_refused_and_nothing_is_written(
    project: Path, option: str, value: str, message: str
) -> None:
    result = run_cli("init", str(project), "--no-input", "--organisation", "Trust", option, value)

    assert result.exit_code == 2
    assert message in result.stderr and "nothing was written" in result.stderr
    assert not (project / "charter.yaml").exists()


def test_an_unknown_charter_is_one_line_and_exit_2(project: Path) -> None:
    result = run_cli("init", str(project), "--no-input", "--organisation", "X", "--charter", "nope")

    assert result.exit_code == 2
    assert "unknown charter 'nope'" in result.stderr
    assert not (project / "charter.yaml").exists()


SUMMARY = (
    "Forecasts how many beds Knowsley wards will need next week, so that ward managers can plan "
    "their staff. It uses admissions records."
)


# In a terminal, init asks for what the options leave out ------------------------------------------


def scripted(monkeypatch: pytest.MonkeyPatch, lines: list[str]) -> tuple[Prompter, io.StringIO]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    output = io.StringIO()
    return Prompter(Console(file=output, width=200, markup=False, highlight=False), echo=True), output


def options(project: Path, **given: str) -> InitOptions:
    return InitOptions(
        folder=project,
        charter=None,
        name=given.get("name"),
        organisation=given.get("organisation"),
        summary=None,
        contact=None,
        stage=None,
        accountable=Person(),
        may_ask=True,
        force=False,
    )


def test_it_asks_for_the_name_organisation_and_accountable_person(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    prompter, output = scripted(
        monkeypatch, ["", "", "Mersey NHS", "Bed planning.", SUMMARY, "", "2", "Dr A Rahman", "", "CCIO"]
    )

    assert init(options(project), prompter) == 0

    data = manifest_data(project)
    assert at(data, "project", "name") == project.name
    assert at(data, "project", "organisation") == "Mersey NHS"
    assert at(data, "project", "summary") == SUMMARY
    assert at(data, "project", "contact") is None  # left for later: assess asks for it
    assert at(data, "project", "stage") == "development"
    assert "Not accepted: the summary is 13 characters; residents need two or three plain sentences" in (
        output.getvalue()
    )
    assert at(data, "declaration", "accountable_person") == {
        "name": "Dr A Rahman",
        "role": "CCIO",
        "organisation": "Mersey NHS",
    }
    assert output.getvalue().count("Not accepted: this cannot be left empty") == 2


def test_the_accountable_person_can_be_left_for_later(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prompter, _ = scripted(monkeypatch, ["", "", "", ""])

    assert init(options(project, name="X", organisation="Y"), prompter) == 0

    assert at(manifest_data(project), "declaration", "accountable_person") is None


def test_when_the_input_ends_nothing_is_written(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prompter, output = scripted(monkeypatch, ["Project"])

    assert init(options(project), prompter) == 1

    assert "nothing was written" in output.getvalue()
    assert not (project / "charter.yaml").exists()


def test_a_detail_holding_a_control_character_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    result = run_cli(
        "init",
        str(tmp_path),
        "--no-input",
        "--name",
        "Admissions \x1b[31mForecast",
        "--organisation",
        "Trust",
    )
    assert result.exit_code == 2
    assert "not written" in result.stderr
    assert "#x001b" in result.stderr
    assert not (tmp_path / "charter.yaml").exists()
