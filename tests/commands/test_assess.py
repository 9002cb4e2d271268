"""``charter-check assess`` driven by piped input, one line per prompt: through a whole charter,
through an interruption and a resume, and through revisiting one principle; the saved YAML keeps
every answer and every comment."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from charter_check.judging.engine import effective_profile
from charter_check.model.charter import AnswerKind, Charter, Criterion, DateRule
from charter_check.model.conditions import Facts, evaluate
from charter_check.questionnaire.order import ProfileRound
from charter_check.reading.loading import load_charter
from charter_check.reading.yaml_reader import read_yaml
from tests.conftest import EXAMPLES, FIXTURES, init_arguments, run_cli

MINI_CHARTER = str(FIXTURES / "mini_charter.yaml")
TODAY = "2026-11-28"

# The mini charter, answered in full: the profile, then each criterion's answer and evidence lines.
MINI_PROFILE = ["yes", "yes", "yes", "no"]
MINI_PROFILE_SAVED = {"personal_data": True, "health_data": True, "public_authority": True, "uses_ai": False}
"""The profile as MINI_PROFILE's answers save it."""
MINI_CARE = [
    *["Better care for residents of Knowsley", ""],
    *["yes", "docs/approval.md"],
    *["Dr A Rahman", "Caldicott Guardian", "Mersey NHS", "", ""],
    *["yes", ""],
]
MINI_LAW = [*["1", ""], *["yes", ""], "docs/approval.md, https://example.org/policy"]
MINI_REVIEW = [*["2027-03-01", ""], *["2026-06-01", ""], *["yes", ""]]
SUMMARY = (
    "Forecasts how many beds Knowsley wards will need next week, so that ward managers can plan "
    "their staff. It uses admissions records."
)
PROJECT_OPTIONS = ("--summary", SUMMARY, "--contact", "https://example.org/mini", "--stage", "development")
MINI_ANSWERS = [*MINI_PROFILE, *MINI_CARE, *MINI_LAW, *MINI_REVIEW]


@pytest.fixture
def mini(project: Path) -> Path:
    """A project with a fresh manifest for the mini charter and one evidence file."""
    (project / "docs").mkdir()
    (project / "docs" / "approval.md").write_text("Approved.\n", encoding="utf-8")
    result = run_cli(
        *init_arguments("Mini", "Mersey NHS", *PROJECT_OPTIONS, "--charter", MINI_CHARTER), cwd=project
    )
    assert result.exit_code == 0, result.output
    return project


def assess(project: Path, lines: list[str], *options: str, charter: str | None = MINI_CHARTER) -> Result:
    chosen = ["--charter", charter] if charter else []
    text = "".join(f"{line}\n" for line in lines)
    return run_cli("assess", *chosen, "--today", TODAY, *options, cwd=project, input_text=text)


def saved(project: Path) -> dict[str, object]:
    data = read_yaml((project / "charter.yaml").read_bytes()).data
    assert isinstance(data, dict)
    return data


def answer(project: Path, criterion_id: str) -> dict[str, object]:
    answers = saved(project)["answers"]
    assert isinstance(answers, dict)
    entry = answers[criterion_id]
    assert isinstance(entry, dict)
    return entry


def comments(project: Path) -> list[str]:
    lines = (project / "charter.yaml").read_text(encoding="utf-8").splitlines()
    return [line.split("#", 1)[1] for line in lines if "#" in line]


# A whole charter ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_whole_charter_answered_line_by_line_is_saved_and_passes(mini: Path) -> None:
    form = comments(mini)

    result = assess(mini, MINI_ANSWERS)

    assert result.exit_code == 0, result.output
    assert "Every question that applies has an answer." in result.output
    assert "charter.yaml: PASS" in result.output
    assert (
        f"charter-check report --charter {MINI_CHARTER} --format html -o charter-report.html" in result.output
    )
    assert saved(mini)["profile"] == MINI_PROFILE_SAVED
    assert saved(mini)["declaration"] == {
        "accountable_person": {
            "name": "Dr A Rahman",
            "role": "Caldicott Guardian",
            "organisation": "Mersey NHS",
        },
        "date": None,
        "statement": "I am responsible.",
    }
    assert answer(mini, "care.approved") == {"answer": "yes", "evidence": ["docs/approval.md"]}
    assert answer(mini, "law.basis") == {"answer": "public-task", "evidence": []}
    assert answer(mini, "law.links") == {"evidence": ["docs/approval.md", "https://example.org/policy"]}
    assert answer(mini, "review.next") == {"answer": "2027-03-01", "evidence": []}
    assert comments(mini) == form
    assert run_cli("validate", "--charter", MINI_CHARTER, "--today", TODAY, cwd=mini).exit_code == 0


@pytest.mark.slow
def test_progress_and_each_principle_are_shown_before_its_questions(mini: Path) -> None:
    output = assess(mini, MINI_ANSWERS).output

    assert "--- Principle 2 of 3: Law ---" in output
    assert "The charter says: \u201cTake care.\u201d" in output
    assert "In summary (this wording is a summary, not the charter's): Obey the law." in output
    assert "Law 1/3, about 9 minutes left" in output  # law.basis, and five questions after it
    assert "Why it matters: UK GDPR Art. 6(1)" in output
    assert "Asked because the project uses personal data." in output
    assert output.index("Personal data?") < output.index("[care.benefit]") < output.index("[law.basis]")


@pytest.mark.slow
def test_the_lcr_charter_can_be_answered_in_full_from_a_script(project: Path) -> None:
    charter = load_charter("lcr-2025")
    (project / "docs").mkdir()
    (project / "docs" / "evidence.md").write_text("Evidence.\n", encoding="utf-8")
    run_cli(*init_arguments("Forecast", "Mersey NHS", *PROJECT_OPTIONS), cwd=project)
    form = comments(project)
    says_yes = {"personal_data", "special_category_data", "health_data", "uses_ai", "public_authority"}

    result = assess(project, script_for(charter, says_yes), charter=None)

    assert result.exit_code == 0, result.output
    assert "charter.yaml: PASS" in result.output
    assert comments(project) == form
    assert run_cli("validate", "--today", TODAY, cwd=project).exit_code == 0


def script_for(charter: Charter, says_yes: set[str]) -> list[str]:
    """The lines that answer, in the questionnaire's order, every profile question that is asked
    (yes to the flags in ``says_yes``) and every criterion that then applies, with evidence."""
    stated: dict[str, bool | None] = {}
    lines: list[str] = []
    while (question := ProfileRound(charter, stated, list(stated)).next_question()) is not None:
        stated[question.id] = question.id in says_yes
        lines.append("yes" if stated[question.id] else "no")
    chosen: dict[str, str] = {}
    for criterion in charter.criteria:
        facts = Facts(effective_profile(charter, stated), "development", chosen)
        if evaluate(criterion.applies_when, facts) is not False:
            lines += answer_lines(criterion, facts)
            if criterion.answer is AnswerKind.CHOICE:
                chosen[criterion.id] = lines[-2]
    return lines


def answer_lines(criterion: Criterion, facts: Facts) -> list[str]:
    today = dt.date.fromisoformat(TODAY)
    evidence = "docs/evidence.md"
    if criterion.answer is AnswerKind.EVIDENCE:
        return [evidence]
    if criterion.answer is AnswerKind.PERSON:
        return ["Dr A Rahman", "Caldicott Guardian", "", "", evidence]
    if criterion.answer is AnswerKind.DATE:
        offset = -30 if criterion.date_rule is DateRule.NOT_FUTURE else 200
        return [(today + dt.timedelta(days=offset)).isoformat(), evidence]
    if criterion.answer is AnswerKind.CHOICE:
        fits = [
            choice
            for choice in criterion.choices
            if choice.meets and not any(evaluate(r.when, facts) for r in choice.rejected)
        ]
        return [fits[0].value, evidence]
    if criterion.answer is AnswerKind.TEXT:
        return [
            f"For {criterion.title.lower()}, see the project's own account in docs/evidence.md.",
            evidence,
        ]
    return ["yes" if criterion.expected or criterion.answer is AnswerKind.STATEMENT else "no", evidence]


# Interruption and resume ----------------------------------------------------------------------------


@pytest.mark.slow
def test_when_the_input_ends_every_answer_is_kept_and_it_says_how_to_resume(mini: Path) -> None:
    result = assess(mini, [*MINI_PROFILE, *MINI_CARE[:4]])

    assert result.exit_code == 1
    assert "The input ended. Every answer given so far is saved in charter.yaml." in result.output
    assert "charter-check assess" in result.output.splitlines()[-1]
    assert answer(mini, "care.benefit") == {"answer": "Better care for residents of Knowsley", "evidence": []}
    assert answer(mini, "care.approved") == {"answer": "yes", "evidence": ["docs/approval.md"]}
    assert answer(mini, "care.person") == {"evidence": []}


@pytest.mark.slow
def test_a_resumed_run_starts_at_the_first_unanswered_question(mini: Path) -> None:
    assess(mini, [*MINI_PROFILE, *MINI_CARE[:4]])

    result = assess(mini, MINI_ANSWERS[len(MINI_PROFILE) + 4 :])

    assert result.exit_code == 0, result.output
    assert "Personal data?" not in result.output
    assert "[care.benefit]" not in result.output and "[care.approved]" not in result.output
    assert "Care 3/4, about 12 minutes left" in result.output
    assert "charter.yaml: PASS" in result.output


def test_an_answer_is_saved_before_its_evidence_is_asked(mini: Path) -> None:
    assess(mini, [*MINI_PROFILE, *MINI_CARE[:3]])

    assert answer(mini, "care.approved") == {"answer": "yes", "evidence": []}


def test_empty_input_ends_at_once_and_leaves_the_manifest_as_it_was(mini: Path) -> None:
    before = (mini / "charter.yaml").read_bytes()

    result = assess(mini, [])

    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "Every answer given so far is saved in charter.yaml" in result.output
    assert (mini / "charter.yaml").read_bytes() == before


@pytest.mark.slow
def test_assess_with_stdin_from_dev_null_ends_at_once_without_a_traceback(mini: Path) -> None:
    before = (mini / "charter.yaml").read_bytes()

    finished = subprocess.run(
        [sys.executable, "-m", "charter_check", "assess", "--charter", MINI_CHARTER],
        cwd=mini,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )

    assert finished.returncode == 1
    assert finished.stderr == ""
    assert "To carry on where you stopped, run:" in finished.stdout
    assert (mini / "charter.yaml").read_bytes() == before


@pytest.mark.slow
def test_when_everything_is_answered_it_says_so_and_prints_the_summary(mini: Path) -> None:
    assess(mini, MINI_ANSWERS)

    result = assess(mini, [])

    assert result.exit_code == 0, result.output
    assert (
        "There are no questions left to ask. To go through them again: charter-check assess" in result.output
    )
    assert "charter.yaml: PASS" in result.output


@pytest.mark.slow
def test_skipped_questions_stay_unanswered_and_are_listed_at_the_end(mini: Path) -> None:
    script = [*MINI_PROFILE, "skip", *MINI_CARE[2:], *MINI_LAW, "", *MINI_REVIEW[2:]]

    result = assess(mini, script)

    assert result.exit_code == 0, result.output
    assert "2 question(s) still unanswered: care.benefit, review.next." in result.output
    assert answer(mini, "care.benefit") == {"answer": None, "evidence": []}
    assert "charter.yaml: FAIL" in result.output


# Revisiting a principle -----------------------------------------------------------------------------


@pytest.mark.slow
def test_one_principle_can_be_revisited_with_saved_answers_as_defaults(mini: Path) -> None:
    assess(mini, MINI_ANSWERS)
    before = (mini / "charter.yaml").read_text(encoding="utf-8")

    result = assess(mini, ["", "", "no", "", ""], "--principle", "law")

    assert result.exit_code == 0, result.output
    assert "[care." not in result.output and "[review." not in result.output
    assert "Answer [public-task]: " in result.output
    assert "Evidence [docs/approval.md, https://example.org/policy]: " in result.output
    assert answer(mini, "law.health") == {"answer": "no", "evidence": []}
    assert "law.health is now not met: answered no" in result.output
    after = (mini / "charter.yaml").read_text(encoding="utf-8")
    changed = [
        (old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new
    ]
    assert changed == [("    answer: yes", "    answer: no")]


@pytest.mark.slow
def test_pressing_enter_throughout_changes_nothing(mini: Path) -> None:
    assess(mini, MINI_ANSWERS)
    before = (mini / "charter.yaml").read_bytes()

    result = assess(mini, [""] * 40, "--all")

    assert result.exit_code == 0, result.output
    assert "Has the accountable person made this declaration [yes]: " in result.output
    assert "Name [Dr A Rahman]: " in result.output
    assert (mini / "charter.yaml").read_bytes() == before


@pytest.mark.slow
def test_one_profile_answer_can_be_changed_without_going_through_everything(mini: Path) -> None:
    assess(mini, MINI_ANSWERS)

    result = assess(mini, ["", "", "2", "", "no", "", ""], "--profile")

    assert result.exit_code == 0, result.output
    assert "Where is the project now? (1. discovery" in result.output
    assert "  2 -> development\n" in result.output
    assert "Personal data?\nAnswer yes or no ('skip' to leave it for now) [yes]: \n" in result.output
    assert "Health data?\nAnswer yes or no ('skip' to leave it for now) [yes]: no\n" in result.output
    assert saved(mini)["profile"] == {**MINI_PROFILE_SAVED, "health_data": False}
    assert "[care." not in result.output
    assert "charter.yaml: PASS" in result.output  # law.health no longer applies, and is not asked


@pytest.mark.slow
def test_answers_not_met_are_offered_again_at_the_end_with_saved_answers_as_defaults(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE[:2], "no", *MINI_CARE[4:], *MINI_LAW, *MINI_REVIEW]

    result = assess(mini, [*script, "yes", "yes", "docs/approval.md"])

    assert result.exit_code == 0, result.output
    assert "1 answer(s) not met, partly done or not known: care.approved." in result.output
    assert "Go through them again now, saved answers as defaults? (yes/no) [no]: yes" in result.output
    assert "Now: not met: answered no: get it approved. Saved answer: no" in result.output
    assert answer(mini, "care.approved") == {"answer": "yes", "evidence": ["docs/approval.md"]}
    assert "charter.yaml: PASS" in result.output


def test_input_that_ends_at_the_offer_to_revisit_finishes_the_questionnaire(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE[:2], "no", *MINI_CARE[4:], *MINI_LAW, *MINI_REVIEW]

    result = assess(mini, script)

    assert result.exit_code == 0, result.output
    assert "Go through them again now" in result.output
    assert "The input ended" not in result.output
    assert "charter.yaml: FAIL" in result.output


def test_a_principle_can_be_named_by_its_number(mini: Path) -> None:
    result = assess(mini, ["2027-04-01", "", "", ""], "--principle", "3")

    assert result.exit_code == 0, result.output
    assert answer(mini, "review.next") == {"answer": "2027-04-01", "evidence": []}


def test_an_unknown_principle_is_one_line_and_exit_2(mini: Path) -> None:
    result = assess(mini, [], "--principle", "nope")

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "charter-check: error: --principle 'nope' is not a principle of mini-2026; choose one of: care, law, review"
    )


@pytest.mark.slow
def test_a_hand_written_manifest_keeps_its_comments_and_layout(tmp_path: Path) -> None:
    project = tmp_path / "forecast"
    shutil.copytree(EXAMPLES / "nhs-admissions-forecast", project)
    before = (project / "charter.yaml").read_text(encoding="utf-8")

    result = assess(project, ["", "", "", "", "", "", "no"], "--principle", "transparency", charter=None)

    assert result.exit_code == 0, result.output
    after = (project / "charter.yaml").read_text(encoding="utf-8")
    assert (
        after.splitlines()[: before.splitlines().index("  transparency.changes-announced:")]
        == before.splitlines()[: before.splitlines().index("  transparency.changes-announced:")]
    )
    assert "  transparency.changes-announced:\n    answer: no\n\n  # 5. Inclusivity\n" in after
    assert after.replace("    answer: no\n\n  # 5.", "    answer: yes\n\n  # 5.") == before


# Answers checked at the prompt ------------------------------------------------------------------------


STATUS_DETAILS = {
    "not applicable": (
        ["n/a", "too short", "It was never sent to a panel: no data moves."],
        "Not accepted: explain in a sentence why it does not apply (at least 15 characters).",
        {"status": "not_applicable", "justification": "It was never sent to a panel: no data moves."},
        "care.approved is now not applicable",
    ),
    "partly": (
        ["partly", "short", "The panel has seen a draft; it meets on 14 January."],
        "Not accepted: say in a sentence what is still missing",
        {"status": "partly", "missing": "The panel has seen a draft; it meets on 14 January."},
        "care.approved is now partly: still missing: The panel has seen a draft; it meets on 14 January.",
    ),
    "not known": (
        ["not known", "the DPO", "Amira Shah, Data Protection Officer", "next month", "2027-01-29"],
        "Not accepted: say who will find out by name",
        {
            "status": "not_known",
            "who_will_find_out": "Amira Shah, Data Protection Officer",
            "find_out_by": "2027-01-29",
        },
        "care.approved is now not known: Amira Shah, Data Protection Officer will find out by",
    ),
}
"""For each status that needs saying more: what is typed (the status, a detail that will not do,
then ones that will), what is said of the detail refused, what is saved and what is said of it."""


@pytest.mark.parametrize("status", STATUS_DETAILS)
def test_a_status_saves_its_detail_once_it_will_do(mini: Path, status: str) -> None:
    typed, refused, details, said = STATUS_DETAILS[status]

    result = assess(mini, [*MINI_PROFILE, *MINI_CARE[:2], *typed])

    assert refused in result.output
    assert answer(mini, "care.approved") == {"answer": None, "evidence": [], **details}
    assert said in result.output


def test_a_question_the_charter_says_always_applies_cannot_be_marked_not_applicable(mini: Path) -> None:
    result = assess(mini, [*MINI_PROFILE, "n/a", "Better care for residents of Knowsley", ""])

    assert (
        "Not accepted: this question applies to every project, so it cannot be marked not applicable."
        in result.output
    )
    assert answer(mini, "care.benefit")["answer"] == "Better care for residents of Knowsley"


@pytest.mark.slow
def test_answering_a_question_marked_not_applicable_replaces_the_status(mini: Path) -> None:
    assess(mini, [*MINI_PROFILE, *MINI_CARE[:2], "n/a", "It was never sent to a panel: no data moves."])

    assess(mini, ["", "", "yes", "docs/approval.md"], "--principle", "care")

    assert answer(mini, "care.approved") == {"answer": "yes", "evidence": ["docs/approval.md"]}


@pytest.mark.slow
def test_dates_choices_and_text_are_checked_before_they_are_saved(mini: Path) -> None:
    script = [
        *MINI_PROFILE,
        "too short",
        *MINI_CARE[:9],
        "maybe",
        *MINI_CARE[9:],
        "9",
        *MINI_LAW,
    ]
    script += ["2027-02-30", "next spring", "2027-02-28", "", *MINI_REVIEW[2:]]

    result = assess(mini, script)

    assert "Not accepted: write at least 10 characters (this is 9)." in result.output
    assert "Not accepted: answer yes or no." in result.output
    assert "Not accepted: type a number from 1 to 3, or one of the values listed." in result.output
    assert (
        "Not accepted: '2027-02-30' is not a day on the calendar; give a date that exists." in result.output
    )
    assert "Not accepted: give a date, day first, for example 3/12/2026, 3 Dec 2026 or 2026-12-03." in (
        result.output
    )
    assert answer(mini, "law.basis")["answer"] == "public-task"
    assert answer(mini, "review.next")["answer"] == "2027-02-28"


def test_a_choice_the_charter_rejects_for_the_project_is_refused_before_its_evidence_is_asked(
    mini: Path,
) -> None:
    script = [*MINI_PROFILE, *MINI_CARE, "2", "1", "docs/approval.md"]

    result = assess(mini, script)

    refused = "  Not accepted: (f) legitimate interests: not open to public authorities (UK GDPR Art. 6(1))."
    lines = result.output.splitlines()
    assert lines[lines.index(refused) - 1].endswith("Answer: 2")
    assert lines[lines.index(refused) + 1].endswith("Answer: 1")
    assert "  1 -> public-task" in lines
    assert answer(mini, "law.basis") == {"answer": "public-task", "evidence": ["docs/approval.md"]}


def test_words_that_do_not_answer_are_refused_with_the_words_to_type_instead(mini: Path) -> None:
    result = assess(mini, [*MINI_PROFILE, "To be confirmed", *MINI_CARE])

    assert (
        "Not accepted: 'To be confirmed' does not answer the question; if it is not done yet, type "
        "'partly' (and say what is missing) or 'not known' (and who will find out, by when)."
    ) in result.output
    assert answer(mini, "care.benefit")["answer"] == "Better care for residents of Knowsley"


def test_no_evidence_is_asked_for_after_a_no(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE[:2], "no", *MINI_CARE[4:]]

    result = assess(mini, script)

    approved = result.output[result.output.index("[care.approved]") : result.output.index("[care.person]")]
    assert "Evidence" not in approved
    assert "care.approved is now not met: answered no: get it approved" in approved
    assert answer(mini, "care.approved") == {"answer": "no", "evidence": []}
    assert saved(mini)["declaration"]["accountable_person"]["name"] == "Dr A Rahman"  # type: ignore[index]


def test_dates_are_taken_as_people_in_the_uk_type_them_and_saved_as_iso(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE, *MINI_LAW, "1/3/2027", "", "1 June 2026", ""]

    result = assess(mini, script)

    assert "  1/3/2027 -> 2027-03-01 (Monday 1 March 2027)" in result.output
    assert "  1 June 2026 -> 2026-06-01 (Monday 1 June 2026)" in result.output
    assert answer(mini, "review.next")["answer"] == "2027-03-01"
    assert "    answer: 2027-03-01\n" in (mini / "charter.yaml").read_text(encoding="utf-8")


def test_an_http_link_is_kept_with_a_warning_and_missing_files_are_flagged(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE[:2], "yes", "javascript:alert(1)", "docs/missing.md", "no"]
    script += ["docs/missing.md, docs/approval.md, http://example.org/approval", "yes", *MINI_CARE[4:]]

    result = assess(mini, script)

    assert "Not accepted: 'javascript:alert(1)': only https:// (or http://) links" in result.output
    assert (
        "Kept, with a warning: 'http://example.org/approval': an http:// link can be altered" in result.output
    )
    assert result.output.count("'docs/missing.md' is not in the project (yet)") == 2
    assert "Type the evidence again." in result.output
    assert answer(mini, "care.approved")["evidence"] == [
        "docs/missing.md",
        "docs/approval.md",
        "http://example.org/approval",
    ]
    assert "care.approved is now met" in result.output  # on docs/approval.md; the others are findings
    assert (
        run_cli("validate", "--charter", MINI_CHARTER, "--today", TODAY, cwd=mini).output.count(
            "care.approved"
        )
        == 2
    )


def test_a_role_is_not_accepted_as_a_persons_name(mini: Path) -> None:
    script = [*MINI_PROFILE, *MINI_CARE[:4], "Caldicott Guardian", "docs/approval.md", *MINI_CARE[4:]]

    result = assess(mini, script)

    assert "Not accepted: 'Caldicott Guardian' is a role or a body, not a person's name" in result.output
    assert "Not accepted: give the person's full name (first name and surname), not 'docs/approval.md'" in (
        result.output
    )
    assert saved(mini)["declaration"]["accountable_person"]["name"] == "Dr A Rahman"  # type: ignore[index]


def test_no_personal_data_means_the_questions_it_implies_are_not_asked(mini: Path) -> None:
    result = assess(mini, ["no", "yes", "no"])

    assert "Health data?" not in result.output
    assert saved(mini)["profile"] == {**MINI_PROFILE_SAVED, "personal_data": False, "health_data": None}
    assert "[law.basis]" not in result.output
    assert "Not asked, since not (the project uses personal data): not (the project uses health data)." in (
        result.output
    )
    assert "Care 1/4, about 11 minutes left" in result.output


@pytest.mark.slow
def test_status_is_given_in_words_without_colour(mini: Path) -> None:
    output = assess(mini, MINI_ANSWERS).output

    assert "\x1b[" not in output
    assert "care.benefit is now met" in output
    assert "   2. Law                        met" in output


# Problems that stop it --------------------------------------------------------------------------------


def test_a_manifest_that_cannot_be_read_is_named_with_its_line(project: Path) -> None:
    (project / "charter.yaml").write_text("charter: lcr-2025\ncharter: lcr-2025\n", encoding="utf-8")

    result = assess(project, [], charter=None)

    assert result.exit_code == 2
    assert result.stderr.startswith("charter-check: error: charter.yaml:2:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_manifest_points_at_init(project: Path) -> None:
    result = assess(project, [], charter=None)

    assert result.exit_code == 2
    assert "charter.yaml: no such file; run 'charter-check init'" in result.stderr


@pytest.mark.slow
def test_answers_that_are_not_utf8_stop_it_and_keep_earlier_answers(mini: Path) -> None:
    script = "".join(f"{line}\n" for line in MINI_PROFILE).encode() + b"Caf\xe9 for everyone in Knowsley\n"

    finished = subprocess.run(
        [sys.executable, "-m", "charter_check", "assess", "--charter", MINI_CHARTER],
        cwd=mini,
        input=script,
        capture_output=True,
        check=False,
    )

    assert finished.returncode == 2
    assert finished.stderr.decode().startswith("charter-check: error: the answers given are not UTF-8 text")
    assert saved(mini)["profile"] == MINI_PROFILE_SAVED


@pytest.mark.slow
def test_the_projects_configuration_chooses_the_charter_as_for_validate(mini: Path) -> None:
    (mini / ".charter-check.yaml").write_text(f"charter: {MINI_CHARTER}\n", encoding="utf-8")

    result = assess(mini, MINI_ANSWERS, charter=None)

    assert result.exit_code == 0, result.output
    assert "Mini Test Charter" in result.output
    assert "charter.yaml: PASS" in result.output


def test_principle_and_all_together_are_refused(mini: Path) -> None:
    result = assess(mini, [], "--principle", "law", "--all")

    assert result.exit_code == 2
    assert "give --principle or --all, not both" in result.stderr
