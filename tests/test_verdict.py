"""A verdict a board can trust: 'Ready for approval' only when the charter's questions are really
answered. One test per route a project (or its configuration) could take past a question, with
the message the user sees; driven by the small test charter."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from charter_check.model.assessment import CriterionStatus, Readiness
from charter_check.model.charter import Charter
from charter_check.model.findings import Severity
from charter_check.reading.loading import CannotRun, load_charter
from tests.conftest import FIXTURES, run_cli
from tests.test_engine import COMPLETE, edited, findings_for, line_of, run, status

TODAY = "2026-11-28"


# 1. No waiving by the project, only conditions in the charter -------------------------------------


def test_a_project_cannot_set_a_whole_principle_aside(project: Path) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["principles_not_applicable"] = {"law": "This project handles no data that any law covers."}
    (project / "charter.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
    result = run_cli(
        "validate", "charter.yaml", "--charter", str(FIXTURES / "mini_charter.yaml"), cwd=project
    )
    assert result.exit_code == 1
    assert "unknown key 'principles_not_applicable'" in result.stdout


def test_not_applicable_only_where_the_charter_says_and_never_on_the_law(
    project: Path, mini: Charter
) -> None:
    justified = {
        "status": "not_applicable",
        "justification": "The board does not approve projects this small.",
    }
    allowed = run(project, mini, edited(care__approved=justified))
    assert status(allowed, "care.approved") is CriterionStatus.NOT_APPLICABLE and allowed.passed
    refused = run(project, mini, edited(law__basis=justified))
    [finding] = findings_for(refused, "law.basis")
    assert finding.message == "'Basis' cannot be marked not applicable: it rests on the law; answer it"
    assert finding.line == line_of(project, "status: not_applicable") and not refused.passed
    other = run(project, mini, edited(care__benefit=justified))
    assert (
        "the charter asks it of every project it applies to" in findings_for(other, "care.benefit")[0].message
    )


def test_a_charter_may_not_let_projects_waive_a_criterion_resting_on_the_law(tmp_path: Path) -> None:
    text = (FIXTURES / "mini_charter.yaml").read_text(encoding="utf-8")
    waivable = text.replace(
        "        may_be_not_applicable: false\n        sources: [{type: law",
        "        may_be_not_applicable: true\n        sources: [{type: law",
    )
    assert waivable != text
    charter = tmp_path / "charter.yaml"
    charter.write_text(waivable, encoding="utf-8")
    with pytest.raises(CannotRun, match="rests on the law, so a project may not mark it not applicable"):
        load_charter(str(charter))


def test_a_justification_that_says_nothing_is_not_one(project: Path, mini: Charter) -> None:
    result = run(
        project, mini, edited(care__approved={"status": "not_applicable", "justification": "Not applicable."})
    )
    [finding] = findings_for(result, "care.approved")
    assert finding.message.startswith("the justification does not say why: 'Not applicable.' does not answer")


def test_what_does_not_apply_says_why_in_words(project: Path, mini: Charter) -> None:
    manifest = edited()
    manifest["profile"]["personal_data"] = False
    result = run(project, mini, manifest)
    reasons = {r.criterion.id: r.message for r in result.criteria if r.status is CriterionStatus.NOT_REQUIRED}
    assert reasons["law.basis"] == "does not apply: not (the project uses personal data)"
    assert reasons["review.retired-notice"] == "does not apply: the project is not retired"


# 2. Answer quality ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("TBC", "'TBC' does not answer the question"),
        ("See attached.", "'See attached.' does not answer the question"),
        ("No measures have been set.", "the answer says that it has not been done"),
        (
            "To be confirmed by the programme board.",
            "the answer says that it has not been decided or done yet",
        ),
        ("We have not yet decided.", "the answer says that it has not been done"),
        ("What is the benefit?", "the answer repeats the question"),
    ],
)
def test_a_text_answer_that_does_not_answer_is_not_met(
    project: Path, mini: Charter, answer: str, message: str
) -> None:
    result = run(project, mini, edited(care__benefit={"answer": answer}))
    assert status(result, "care.benefit") is CriterionStatus.NOT_MET
    [finding] = findings_for(result, "care.benefit")
    assert message in finding.message
    if "repeats" not in message:
        assert "status: partly" in finding.message and "not_known" in finding.message
    assert not result.passed


def test_the_same_paragraph_pasted_into_several_criteria(tmp_path: Path) -> None:
    manifest_path = tmp_path / "charter.yaml"
    paragraph = "Fewer cancelled operations and shorter waits in A&E, because wards plan two weeks ahead."
    manifest = {
        "charter": "lcr-2025",
        "project": {"name": "X", "organisation": "Y"},
        "answers": {
            "beneficial.public-benefit": {"answer": paragraph},
            "beneficial.lcr-communities": {"answer": paragraph},
            "beneficial.benefit-measures": {"answer": paragraph},
        },
    }
    manifest_path.write_text(yaml.safe_dump(manifest), encoding="utf-8")
    result = run_cli("validate", str(manifest_path), "--today", TODAY, "--format", "json")
    import json

    criteria = {c["id"]: c for p in json.loads(result.stdout)["principles"] for c in p["criteria"]}
    assert criteria["beneficial.public-benefit"]["status"] == "met"
    for second in ("beneficial.lcr-communities", "beneficial.benefit-measures"):
        assert criteria[second]["status"] == "not_met"
        assert criteria[second]["message"] == (
            "the same answer is given to 'Public benefit' (beneficial.public-benefit); "
            "answer this question in its own words"
        )


# 3. Honest states -----------------------------------------------------------------------------------


def test_partly_and_not_known_are_honest_and_never_met(project: Path, mini: Charter) -> None:
    manifest = edited(
        care__approved={
            "status": "partly",
            "answer": "yes",
            "evidence": ["docs/approval.md"],
            "missing": "The board approved the pilot only; the live service goes to the March board.",
        },
        law__basis={
            "status": "not_known",
            "who_will_find_out": "Ann Jones, IG lead",
            "find_out_by": "2027-01-31",
        },
    )
    result = run(project, mini, manifest)
    approved = next(r for r in result.criteria if r.criterion.id == "care.approved")
    basis = next(r for r in result.criteria if r.criterion.id == "law.basis")
    assert (approved.status, basis.status) == (CriterionStatus.PARTLY, CriterionStatus.NOT_KNOWN)
    assert (
        approved.said("missing")
        == "The board approved the pilot only; the live service goes to the March board."
    )
    assert (basis.said("who_will_find_out"), basis.said("find_out_by")) == (
        "Ann Jones, IG lead",
        "2027-01-31",
    )
    assert basis.message == "not known: Ann Jones, IG lead will find out by 2027-01-31"
    verdict = result.judged()
    assert verdict.readiness is Readiness.NOT_READY
    assert verdict.headline == "Not ready: 1 criterion not met (1 partly); 1 not known"


def test_only_unanswered_and_not_known_is_incomplete_not_not_ready(project: Path, mini: Charter) -> None:
    manifest = edited(
        care__benefit=None,
        law__basis={
            "status": "not_known",
            "who_will_find_out": "Ann Jones, IG lead",
            "find_out_by": "2027-01-31",
        },
    )
    verdict = run(project, mini, manifest).judged()
    assert verdict.readiness is Readiness.INCOMPLETE
    assert verdict.headline == "Incomplete: 1 to answer, 1 not known"


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        ({"status": "answered"}, "'status: answered' is given, but no answer"),
        ({"evidence": ["docs/dpia.pdf"]}, "evidence is cited, but no answer"),
    ],
)
def test_an_entry_with_no_answer_is_unanswered_whatever_it_says(
    project: Path, mini: Charter, entry: dict[str, Any], why: str
) -> None:
    result = run(project, mini, edited(law__basis=entry))
    errors = [
        finding.message for finding in findings_for(result, "law.basis") if finding.severity is Severity.ERROR
    ]
    assert errors == [f"unanswered: Which basis? ({why})"]
    assert status(result, "law.basis") is CriterionStatus.MISSING and not result.passed


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"status": "partly", "answer": "yes"},
            "marked 'partly': say what is still missing under 'missing:'",
        ),
        (
            {"status": "not_known"},
            "marked 'not_known': say who will find out (a person's name, then role), under 'who_will_find_out:'",
        ),
        (
            {"status": "not_known", "who_will_find_out": "Ann Jones", "find_out_by": "soon"},
            "say by when Ann Jones will find out, as 'find_out_by: YYYY-MM-DD'",
        ),
        (
            {"status": "not_known", "who_will_find_out": "Ann Jones", "find_out_by": "2026-01-31"},
            "Ann Jones was to find out by 2026-01-31, which has passed; answer it now",
        ),
    ],
)
def test_the_honest_states_ask_for_what_makes_them_honest(
    project: Path, mini: Charter, entry: dict[str, Any], message: str
) -> None:
    result = run(project, mini, edited(law__basis=entry))
    [finding] = findings_for(result, "law.basis")
    assert message in finding.message and finding.severity is Severity.ERROR


# 4. People are people --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Senior Responsible Owner", "'Senior Responsible Owner' is a role or a body, not a person's name"),
        ("Data Protection Officer", "is a role or a body"),
        ("Head of Information Governance", "is a role or a body"),
        ("TBC", "'TBC' is not a name"),
        ("Dr TBC", "'Dr TBC' holds the place of a name ('tbc') but names nobody"),
        ("Vacant post", "'Vacant post' holds the place of a name ('vacant') but names nobody"),
        ("dpo@trust.nhs.example", "give the person's name, not only an email address"),
        ("Aisha", "give the person's full name (first name and surname)"),
    ],
)
def test_a_person_answer_needs_a_persons_name(project: Path, mini: Charter, name: str, message: str) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["declaration"]["accountable_person"] = {"name": name, "role": "Medical Director"}
    result = run(project, mini, manifest)
    [finding] = findings_for(result, "care.person")
    assert message in finding.message
    assert finding.line == line_of(project, f"name: {name}")
    assert not result.passed


@pytest.mark.parametrize("role", ["TBC", "tbd", "Unknown", "x", "-"])
def test_a_person_answer_needs_a_role_that_says_something(project: Path, mini: Charter, role: str) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["declaration"]["accountable_person"] = {"name": "Dr Aisha Rahman", "role": role}
    result = run(project, mini, manifest)
    [finding] = findings_for(result, "care.person")
    assert f"'{role}' is not a role; say in what role Dr Aisha Rahman acts" in finding.message
    assert finding.line == line_of(project, "role:")
    assert not result.passed


@pytest.mark.parametrize("name", ["Sam Head", "Na Li"])
def test_a_surname_that_is_also_a_word_is_still_a_name(project: Path, mini: Charter, name: str) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["declaration"]["accountable_person"] = {"name": name, "role": "Chair"}
    assert run(project, mini, manifest).passed


# 5. The project block is required --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "rule", "message"),
    [
        ("summary", None, "project.summary", "add a summary of what the project does"),
        ("summary", "A model.", "project.summary", "the summary is 8 characters"),
        (
            "summary",
            "what the project does, and for whom, in two or three plain sentences",
            "project.summary",
            "repeats",
        ),
        ("contact", None, "project.contact", "give a contact residents can use"),
        (
            "contact",
            "javascript:alert(1)",
            "project.contact",
            "neither an email address nor an https web page",
        ),
        (
            "contact",
            "http://trust.example/contact",
            "project.contact",
            "neither an email address nor an https",
        ),
        (
            "contact",
            "https://user@trust.example/",
            "project.contact",
            "cannot be the contact: it has a user name or password before the host name",
        ),
        (
            "stage",
            None,
            "project.stage",
            "say where the project is: discovery, development, pilot, live, retired",
        ),
    ],
)
def test_the_project_block_is_required(
    project: Path, mini: Charter, field: str, value: str | None, rule: str, message: str
) -> None:
    manifest = copy.deepcopy(COMPLETE)
    manifest["project"][field] = value
    result = run(project, mini, manifest)
    [finding] = findings_for(result, rule)
    assert message in finding.message and finding.severity is Severity.ERROR
    assert finding.line == line_of(project, f"{field}:")
    assert not result.passed


# 6. Stage decides what binds ---------------------------------------------------------------------------


def test_before_pilot_a_criterion_due_by_pilot_is_a_warning_naming_the_stage(
    project: Path, mini: Charter
) -> None:
    manifest = edited(review__next=None)
    manifest["project"]["stage"] = "development"
    result = run(project, mini, manifest)
    [finding] = findings_for(result, "review.next")
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("due before pilot: unanswered: When next?")
    assert result.passed
    manifest["project"]["stage"] = "pilot"
    bound = run(project, mini, manifest)
    assert findings_for(bound, "review.next")[0].severity is Severity.ERROR and not bound.passed


def test_a_retired_service_is_judged_on_how_it_was_wound_down(project: Path, mini: Charter) -> None:
    manifest = edited()
    manifest["project"]["stage"] = "retired"
    unanswered = run(project, mini, manifest)
    assert status(unanswered, "review.retired-notice") is CriterionStatus.MISSING and not unanswered.passed
    manifest["answers"]["review.retired-notice"] = {"answer": "yes"}
    assert run(project, mini, manifest).passed


def test_a_condition_on_another_answer(project: Path, mini: Charter) -> None:
    manifest = edited(law__basis={"answer": "legitimate-interests"}, review__basis_reviewed=None)
    manifest["profile"]["public_authority"] = False
    result = run(project, mini, manifest)
    reason = next(r.message for r in result.criteria if r.criterion.id == "review.basis-reviewed")
    assert reason == "does not apply: the answer to 'Basis' is not (e) public task"


# 7. Configuration can only make the check stricter --------------------------------------------------------


@pytest.fixture
def configured(tmp_path: Path) -> Path:
    """The NHS example in a git repository of its own, to add a configuration to."""
    import shutil

    from tests.conftest import EXAMPLES

    shutil.copytree(EXAMPLES / "nhs-admissions-forecast", tmp_path / "project")
    (tmp_path / "project" / ".git").mkdir()
    return tmp_path / "project"


@pytest.mark.parametrize(
    ("rule", "why"),
    [
        ("security.lawful-basis", "it reports an error, which blocks approval"),
        ("accountability.declaration-statement", "it reports an error, which blocks approval"),
        ("security.dpia-review", "it rests on the law"),
        ("yaml.duplicate-key", "it reports an error, which blocks approval"),
    ],
)
def test_configuration_may_not_switch_off_an_error_the_law_or_the_declaration(
    configured: Path, rule: str, why: str
) -> None:
    (configured / ".charter-check.yaml").write_text(
        f"switch-off:\n  {rule}: The programme board has decided this does not matter here.\n",
        encoding="utf-8",
    )
    result = run_cli("validate", "charter.yaml", "--today", TODAY, cwd=configured)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"charter-check: error: .charter-check.yaml:2:3: '{rule}' cannot be switched off: {why}"
    )


def test_what_configuration_relaxes_is_shown_everywhere(configured: Path) -> None:
    (configured / ".charter-check.yaml").write_text(
        "switch-off:\n  beneficial.wider-society: Sharing beyond the region is for the national team to decide.\n",
        encoding="utf-8",
    )
    text = run_cli("validate", "charter.yaml", "--today", TODAY, cwd=configured)
    assert (
        "relaxed by configuration (.charter-check.yaml:2:3): beneficial.wider-society switched off"
        in text.stdout
    )
    assert ", 1 relaxed by configuration;" in text.stdout
    import json

    document = json.loads(
        run_cli("validate", "charter.yaml", "--today", TODAY, "-f", "json", cwd=configured).stdout
    )
    assert document["readiness"]["relaxed_by_configuration"] == 1
    assert document["switched_off"][0]["rule"] == "beneficial.wider-society"
    report = run_cli("report", "charter.yaml", "--today", TODAY, cwd=configured).stdout
    assert "Relaxed by this repository's configuration" in report
    assert "beneficial.wider-society" in report


def test_configuration_above_the_repository_or_in_a_shared_folder_is_not_read(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import EXAMPLES

    outside = tmp_path / "outside"
    shutil.copytree(EXAMPLES / "nhs-admissions-forecast", outside / "repo" / "project")
    (outside / "repo" / ".git").mkdir()
    (outside / ".charter-check.yaml").write_text("fail-level: nonsense\n", encoding="utf-8")
    result = run_cli("validate", "project/charter.yaml", "--today", TODAY, cwd=outside / "repo")
    assert result.exit_code != 2, "the configuration above the repository was read"
    shared = tmp_path / "shared"
    shutil.copytree(EXAMPLES / "nhs-admissions-forecast", shared)
    (shared / ".charter-check.yaml").write_text("fail-level: nonsense\n", encoding="utf-8")
    shared.chmod(0o777)
    try:
        assert run_cli("validate", "charter.yaml", "--today", TODAY, cwd=shared).exit_code != 2
    finally:
        shared.chmod(0o755)


# 9. The verdict line says what it rests on ------------------------------------------------------------------


def test_the_verdict_line_says_what_it_rests_on(project: Path, mini: Charter) -> None:
    result = run(project, mini, COMPLETE)
    from charter_check.renderers.text import verdict_line

    assert verdict_line(result) == (
        "charter.yaml: PASS: Ready for approval: 9 criteria met, 2 do not apply, 0 relaxed by configuration; "
        "0 error(s), 0 warning(s), 0 note(s)"
    )


def test_the_date_is_passed_in(project: Path, mini: Charter) -> None:
    assert run(project, mini, COMPLETE).assessed_on == dt.date(2026, 11, 28)
