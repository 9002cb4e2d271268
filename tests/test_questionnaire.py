"""Which questions ``assess`` asks, in what order, and how far through the user is: decided by
the charter's conditions and the engine's assessment of the manifest as it stands."""

from __future__ import annotations

import datetime as dt

from charter_check.judging.engine import assess
from charter_check.model.charter import ProfileQuestion
from charter_check.model.manifest import ManifestDocument
from charter_check.questionnaire.order import (
    ProfileRound,
    Scope,
    answer_changes,
    criterion_questions,
    find_principle,
    not_applicable_changes,
    progress,
    saved_answer,
)
from charter_check.reading.loading import ManifestFile, load_charter, parse_manifest
from charter_check.writing.manifest_writer import REMOVE, ManifestChange
from tests.conftest import EXAMPLES, FIXTURES

MINI = load_charter(str(FIXTURES / "mini_charter.yaml"))
TODAY = dt.date(2026, 11, 28)


def document(text: str) -> ManifestDocument:
    parsed = parse_manifest(ManifestFile(EXAMPLES / "charter.yaml", "charter.yaml", text.encode()))
    assert isinstance(parsed, ManifestDocument)
    return parsed


MANIFEST = "charter: mini-2026\nproject: {name: P, organisation: O, stage: live}\n"


def test_profile_questions_follow_the_charter_and_say_what_earlier_answers_imply() -> None:
    first = ProfileRound(MINI, {}).next_question()
    assert isinstance(first, ProfileQuestion) and first.id == "personal_data"

    [implied] = ProfileRound(MINI, {"personal_data": False}, ["personal_data"]).settled()
    after_no = ProfileRound(
        MINI, {"personal_data": False}, ["personal_data"], {"health_data"}
    ).next_question()

    assert implied.question.id == "health_data" and implied.value is False
    assert implied.because == "not (the project uses personal data)" and not implied.cleared
    assert isinstance(after_no, ProfileQuestion) and after_no.id == "public_authority"


def test_a_question_settled_by_answers_saved_before_is_passed_over_in_silence() -> None:
    stated = {"personal_data": False, "public_authority": True}

    asked = ProfileRound(MINI, stated).next_question()

    assert isinstance(asked, ProfileQuestion) and asked.id == "uses_ai"


def test_going_through_the_profile_again_asks_each_question_the_new_answers_leave_open() -> None:
    stated = {"personal_data": False, "health_data": False, "public_authority": True, "uses_ai": False}

    assert ProfileRound(MINI, stated).next_question() is None
    asked = ProfileRound(
        MINI, {**stated, "personal_data": True}, ["personal_data"], again=True
    ).next_question()
    assert isinstance(asked, ProfileQuestion) and asked.id == "health_data"


def test_a_saved_answer_that_the_new_answers_contradict_is_cleared() -> None:
    stated = {"personal_data": False, "health_data": True}

    [settled] = ProfileRound(MINI, stated, ["personal_data"], again=True).settled()

    assert settled.cleared
    assert str(settled) == "not (the project uses health data) (the answer saved before is cleared)"


def test_only_criteria_whose_condition_holds_are_asked_numbered_among_those_that_apply() -> None:
    manifest = document(
        MANIFEST + "profile: {personal_data: false, public_authority: true, uses_ai: false}\n"
    )
    assessment = assess(MINI, manifest, TODAY)

    questions = criterion_questions(assessment, Scope.UNANSWERED)

    assert [q.criterion.id for q in questions] == [
        "care.benefit",
        "care.approved",
        "care.person",
        "care.statement",
        "law.links",
        "review.next",
        "review.last",
    ]
    assert [q.number for q in questions] == [1, 2, 3, 4, 5, 6, 7]
    still_to_ask = [q.criterion.id for q in questions[4:]]
    assert str(progress(assessment, questions[4], still_to_ask)) == "Law 1/1, about 5 minutes left"
    assert str(progress(assessment, questions[6], still_to_ask[2:])) == "Review 2/2, about 2 minutes left"


def test_resuming_asks_only_what_is_unanswered_and_a_principle_asks_all_of_its_own() -> None:
    manifest = document(MANIFEST + "answers:\n  care.benefit: {answer: Better care for everyone}\n")
    assessment = assess(MINI, manifest, TODAY)

    unanswered = criterion_questions(assessment, Scope.UNANSWERED)
    care = criterion_questions(assessment, Scope.PRINCIPLE, "care")

    assert unanswered[0].criterion.id == "care.approved"
    assert unanswered[0].number == 2
    assert [q.criterion.id for q in care] == [
        "care.benefit",
        "care.approved",
        "care.person",
        "care.statement",
    ]


def test_a_principle_is_found_by_id_or_number() -> None:
    assert find_principle(MINI, "law") == find_principle(MINI, "2") == MINI.principles[1]
    assert find_principle(MINI, "nope") is None


def test_an_answer_goes_where_the_charter_reads_it_and_replaces_not_applicable() -> None:
    manifest = document(
        MANIFEST
        + "answers:\n  care.approved: {status: not_applicable, justification: Never needed here at all.}\n"
    )
    approved = MINI.criterion("care.approved")
    owner = MINI.criterion("care.person")
    assert approved is not None and owner is not None
    saved = saved_answer(manifest.manifest, approved)

    assert saved.not_applicable and saved.justification == "Never needed here at all."
    assert answer_changes(approved, True, saved) == [
        ManifestChange(("answers", "care.approved", "answer"), "yes"),
        ManifestChange(("answers", "care.approved", "status"), REMOVE),
        ManifestChange(("answers", "care.approved", "justification"), REMOVE),
        ManifestChange(("answers", "care.approved", "missing"), REMOVE),
        ManifestChange(("answers", "care.approved", "who_will_find_out"), REMOVE),
        ManifestChange(("answers", "care.approved", "find_out_by"), REMOVE),
    ]
    person = {"name": "A", "role": "B"}
    assert answer_changes(owner, person, saved_answer(manifest.manifest, owner))[0] == ManifestChange(
        ("declaration", "accountable_person"), person
    )
    assert not_applicable_changes(approved, "It is not needed because of X.") == [
        ManifestChange(("answers", "care.approved", "status"), "not_applicable"),
        ManifestChange(("answers", "care.approved", "justification"), "It is not needed because of X."),
        ManifestChange(("answers", "care.approved", "missing"), REMOVE),
        ManifestChange(("answers", "care.approved", "who_will_find_out"), REMOVE),
        ManifestChange(("answers", "care.approved", "find_out_by"), REMOVE),
    ]


def test_a_criterion_whose_stage_is_not_known_is_asked() -> None:
    manifest = document(
        "charter: mini-2026\nproject: {name: P, organisation: O}\nprofile: {personal_data: false}\n"
    )

    asked = [q.criterion.id for q in criterion_questions(assess(MINI, manifest, TODAY), Scope.UNANSWERED)]

    assert "review.retired-notice" in asked


def test_a_question_on_another_answer_is_not_asked_once_that_criterion_does_not_apply() -> None:
    no_personal_data = document(MANIFEST + "profile: {personal_data: false}\n")
    other_basis = document(
        MANIFEST + "profile: {personal_data: true}\nanswers:\n  law.basis: {answer: legitimate-interests}\n"
    )
    public_task = document(
        MANIFEST + "profile: {personal_data: true}\nanswers:\n  law.basis: {answer: public-task}\n"
    )

    def asked(manifest: ManifestDocument) -> list[str]:
        return [q.criterion.id for q in criterion_questions(assess(MINI, manifest, TODAY), Scope.EVERYTHING)]

    assert "review.basis-reviewed" not in asked(no_personal_data)
    assert "review.basis-reviewed" not in asked(other_basis)
    assert "review.basis-reviewed" in asked(public_task)
