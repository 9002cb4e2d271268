"""The questionnaire behind ``charter-check assess``: which questions to ask and in what order,
how far through the user is, what is still unanswered, and the changes each answer makes to the
manifest. Which criteria apply, and where each stands, come from the engine's ``Assessment``;
nothing here reads files or prompts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from charter_check.judging.engine import effective_profile
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus
from charter_check.model.charter import AnswerKind, Charter, Criterion, Principle, ProfileQuestion
from charter_check.model.conditions import Facts, evaluate
from charter_check.model.manifest import AnswerStatus, Manifest
from charter_check.writing.manifest_writer import REMOVE, ManifestChange

NOT_APPLICABLE = AnswerStatus.NOT_APPLICABLE.value
AnswerValue = str | bool | dt.date | dict[str, str]


class Scope(StrEnum):
    """Which questions a run of ``assess`` asks."""

    UNANSWERED = "unanswered"  # resume: only what is still unanswered
    EVERYTHING = "everything"  # go through every question again, saved answers as defaults
    PRINCIPLE = "principle"  # every question of one principle


@dataclass(frozen=True)
class CriterionQuestion:
    """One criterion to ask, numbered among all the criteria that apply to the project."""

    principle: Principle
    criterion: Criterion
    number: int
    total: int
    result: CriterionResult


@dataclass(frozen=True)
class Progress:
    """How far through the questionnaire a question is."""

    principle_number: int
    principle_total: int
    question_number: int
    question_total: int
    unanswered: int

    def __str__(self) -> str:
        return (
            f"Principle {self.principle_number} of {self.principle_total}, "
            f"question {self.question_number} of {self.question_total} ({self.unanswered} unanswered)"
        )


@dataclass(frozen=True)
class SavedAnswer:
    """What the manifest holds for a criterion: offered as the default when it is asked again."""

    value: Any
    evidence: tuple[str, ...]
    not_applicable: bool
    justification: str | None


# Which questions, in what order ---------------------------------------------------------------


def next_profile_question(
    charter: Charter, stated: Mapping[str, bool | None], asked: Collection[str], scope: Scope
) -> ProfileQuestion | None:
    """The next profile question to ask. A question is not asked when the answers given mean it does
    not arise (``asked_when``); when resuming, nor once it is answered, or the answers given imply
    it (no personal data means no health data)."""
    known = effective_profile(charter, stated)
    for question in charter.profile:
        if question.id in asked or evaluate(question.asked_when, Facts(known)) is False:
            continue
        if scope is Scope.EVERYTHING or known.get(question.id) is None:
            return question
    return None


def profile_default(charter: Charter, stated: Mapping[str, bool | None], flag: str) -> bool | None:
    """The answer a profile question has, stated or implied by the others."""
    return effective_profile(charter, stated).get(flag)


def applicable(assessment: Assessment) -> list[tuple[Principle, CriterionResult]]:
    """Every criterion that applies to the project, in the charter's order."""
    return [
        (principle.principle, result)
        for principle in assessment.principles
        for result in principle.criteria
        if result.status is not CriterionStatus.NOT_REQUIRED
    ]


def criterion_questions(
    assessment: Assessment, scope: Scope, principle_id: str | None = None
) -> list[CriterionQuestion]:
    """The criteria to ask, in the charter's order."""
    found = applicable(assessment)
    questions = [
        CriterionQuestion(principle, result.criterion, number, len(found), result)
        for number, (principle, result) in enumerate(found, start=1)
    ]
    if scope is Scope.PRINCIPLE:
        return [question for question in questions if question.principle.id == principle_id]
    if scope is Scope.UNANSWERED:
        return [question for question in questions if question.result.status is CriterionStatus.MISSING]
    return questions


def unanswered(assessment: Assessment) -> list[CriterionResult]:
    return [result for _, result in applicable(assessment) if result.status is CriterionStatus.MISSING]


def progress(assessment: Assessment, question: CriterionQuestion) -> Progress:
    return Progress(
        principle_number=question.principle.number,
        principle_total=len(assessment.charter.principles),
        question_number=question.number,
        question_total=question.total,
        unanswered=len(unanswered(assessment)),
    )


def find_principle(charter: Charter, wanted: str) -> Principle | None:
    """A principle by its id (``security``) or its number (``2``)."""
    for principle in charter.principles:
        if wanted.strip().lower() in (principle.id, str(principle.number)):
            return principle
    return None


# What is saved, and what each answer changes ----------------------------------------------------


def saved_answer(manifest: Manifest, criterion: Criterion) -> SavedAnswer:
    entry = manifest.answers.get(criterion.id) or {}
    value = manifest.lookup(criterion.answer_from) if criterion.answer_from else entry.get("answer")
    evidence = entry.get("evidence")
    justification = entry.get("justification")
    return SavedAnswer(
        value=value,
        evidence=tuple(item for item in evidence if isinstance(item, str))
        if isinstance(evidence, list)
        else (),
        not_applicable=entry.get("status") == NOT_APPLICABLE,
        justification=justification if isinstance(justification, str) else None,
    )


def answer_changes(criterion: Criterion, value: AnswerValue, saved: SavedAnswer) -> list[ManifestChange]:
    """Save ``value`` as the answer (in the field the charter reads it from), in place of a 'not
    applicable' or 'pending' status."""
    where = tuple(criterion.answer_from.split(".")) if criterion.answer_from else _entry(criterion, "answer")
    if criterion.answer is AnswerKind.YES_NO and isinstance(value, bool):
        value = "yes" if value else "no"
    return [ManifestChange(where, value), *_answered(criterion, saved)]


def evidence_changes(criterion: Criterion, evidence: list[str], saved: SavedAnswer) -> list[ManifestChange]:
    if list(saved.evidence) == evidence:
        return []
    changes = [ManifestChange(_entry(criterion, "evidence"), evidence)]
    if criterion.answer is AnswerKind.EVIDENCE and evidence:
        changes += _answered(criterion, saved)
    return changes


def partly_changes(criterion: Criterion, missing: str) -> list[ManifestChange]:
    return [
        ManifestChange(_entry(criterion, "status"), AnswerStatus.PARTLY.value),
        ManifestChange(_entry(criterion, "missing"), missing),
        *_without(criterion, "justification", "who_will_find_out", "find_out_by"),
    ]


def not_known_changes(criterion: Criterion, who: str, by: dt.date) -> list[ManifestChange]:
    return [
        ManifestChange(_entry(criterion, "status"), AnswerStatus.NOT_KNOWN.value),
        ManifestChange(_entry(criterion, "who_will_find_out"), who),
        ManifestChange(_entry(criterion, "find_out_by"), by),
        *_without(criterion, "justification", "missing"),
    ]


def project_change(field: str, value: str) -> ManifestChange:
    return ManifestChange(("project", field), value)


def _without(criterion: Criterion, *keys: str) -> list[ManifestChange]:
    return [ManifestChange(_entry(criterion, key), REMOVE) for key in keys]


def not_applicable_changes(criterion: Criterion, justification: str) -> list[ManifestChange]:
    return [
        ManifestChange(_entry(criterion, "status"), NOT_APPLICABLE),
        ManifestChange(_entry(criterion, "justification"), justification),
        *_without(criterion, "missing", "who_will_find_out", "find_out_by"),
    ]


def profile_change(question: ProfileQuestion, value: bool) -> ManifestChange:
    return ManifestChange(("profile", question.id), value)


def _entry(criterion: Criterion, key: str) -> tuple[str, ...]:
    return ("answers", criterion.id, key)


def _answered(criterion: Criterion, saved: SavedAnswer) -> list[ManifestChange]:
    """An answer replaces the status, and what went with it: the justification, what was missing,
    who was to find out and by when."""
    return [
        ManifestChange(_entry(criterion, "status"), REMOVE),
        *_without(criterion, "justification", "missing", "who_will_find_out", "find_out_by"),
    ]
