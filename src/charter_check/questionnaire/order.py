"""The questionnaire behind ``charter-check assess``: which questions to ask and in what order,
how far through the user is, what is still unanswered, and the changes each answer makes to the
manifest. Which criteria apply, and where each stands, come from the engine's ``Assessment``;
nothing here reads files or prompts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from charter_check.judging.engine import effective_profile
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus
from charter_check.model.charter import AnswerKind, Charter, Criterion, Principle, ProfileQuestion
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


MINUTES_PER_QUESTION = 1.5
"""About how long a question takes, with its evidence: a yes or no is quicker, a paragraph of text
slower. It makes the estimate of the time left, nothing more."""


@dataclass(frozen=True)
class Progress:
    """How far through its principle a question is, and about how long the questions left to ask
    in this run will take (this one included): 'Security 7/16, about 20 minutes left'."""

    principle: Principle
    number: int
    """Its place among the principle's criteria that apply to the project."""
    total: int
    questions_left: int

    def __str__(self) -> str:
        return f"{self.principle.title} {self.number}/{self.total}, {time_left(self.questions_left)}"


def time_left(questions: int) -> str:
    """The time ``questions`` will take, in words: 'about 20 minutes left'."""
    minutes = math.ceil(questions * MINUTES_PER_QUESTION)
    return f"about {minutes} minute{'' if minutes == 1 else 's'} left"


@dataclass(frozen=True)
class SavedAnswer:
    """What the manifest holds for a criterion: offered as the default when it is asked again."""

    value: Any
    evidence: tuple[str, ...]
    not_applicable: bool
    justification: str | None


# Which questions, in what order ---------------------------------------------------------------


@dataclass(frozen=True)
class Settled:
    """A profile question not asked, because answers given in this run settle it: by what they
    imply, or because it arises only when another holds (no personal data, so no health data)."""

    question: ProfileQuestion
    value: bool
    because: str
    """The answer that settles it, in words: 'the project uses no personal data'."""
    cleared: bool
    """Its saved answer said otherwise; it gives way to the answer given now."""

    def __str__(self) -> str:
        cleared = " (the answer saved before is cleared)" if self.cleared else ""
        return self.question.phrase(self.value) + cleared


@dataclass(frozen=True)
class ProfileRound:
    """Where a run's questions about the project stand: the profile the manifest ``stated`` (as
    saved now), the questions ``asked`` so far in this run, in order, those ``done`` (settled by the
    answers given, see ``settled``), and whether the profile is being gone through ``again``."""

    charter: Charter
    stated: Mapping[str, bool | None]
    asked: Sequence[str] = ()
    done: Collection[str] = ()
    again: bool = False

    def next_question(self) -> ProfileQuestion | None:
        """The next profile question to ask, or None. Resuming, a question is asked while no answer
        settles it. Going through the profile ``again``, each is asked unless the answers given in
        this run settle it, whatever was saved before."""
        return next((step for step in self._steps() if isinstance(step, ProfileQuestion)), None)

    def settled(self) -> list[Settled]:
        """The profile questions not asked or settled yet that the answers given in this run now
        settle (no personal data: no health data, nor any question that arises only with personal
        data)."""
        return [step for step in self._steps() if isinstance(step, Settled)]

    def _steps(self) -> Iterator[ProfileQuestion | Settled | None]:
        """What becomes of each question not asked or settled yet, in the charter's order."""
        for question in self.charter.profile:
            if question.id not in self.asked and question.id not in self.done:
                yield self._step(question)

    def _step(self, question: ProfileQuestion) -> ProfileQuestion | Settled | None:
        """``question`` if it is to be asked; how it is settled, if this run's answers settle it;
        None if it is passed over (answered, or settled by answers saved before)."""
        stated, asked = self.stated, self.asked
        given = {key: stated.get(key) for key in asked} if self.again else _others(stated, question.id)
        value = effective_profile(self.charter, given).get(question.id)
        if value is None:
            return question if self.again or stated.get(question.id) is None else None
        because = _settled_by(self.charter, given, question.id, asked)
        if because is None:
            return None
        return Settled(question, value, because, stated.get(question.id) not in (None, value))


def _others(stated: Mapping[str, bool | None], flag: str) -> dict[str, bool | None]:
    return {key: value for key, value in stated.items() if key != flag}


def _settled_by(
    charter: Charter, given: Mapping[str, bool | None], flag: str, asked: Sequence[str]
) -> str | None:
    """The answers given in this run that settle ``flag`` (each one that it would be open without),
    in words; None if answers saved before settle it."""
    settling = [
        question.phrase(answer)
        for question in charter.profile
        if question.id in asked
        and (answer := given.get(question.id)) is not None
        and effective_profile(charter, _others(given, question.id)).get(flag) is None
    ]
    return ", and ".join(settling) or None


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


OUTSTANDING = (CriterionStatus.NOT_MET, CriterionStatus.PARTLY, CriterionStatus.NOT_KNOWN)
"""Answers worth going through again: not met, partly done, not known yet."""


def outstanding(assessment: Assessment, principle_id: str | None = None) -> list[CriterionQuestion]:
    """The criteria answered but not met, partly done or not known (of one principle, if given)."""
    scope = Scope.EVERYTHING if principle_id is None else Scope.PRINCIPLE
    return [
        question
        for question in criterion_questions(assessment, scope, principle_id)
        if question.result.status in OUTSTANDING
    ]


def unanswered(assessment: Assessment) -> list[CriterionResult]:
    return [result for _, result in applicable(assessment) if result.status is CriterionStatus.MISSING]


def progress(assessment: Assessment, question: CriterionQuestion, still_to_ask: Sequence[str]) -> Progress:
    """Where ``question`` stands, as the assessment is now; ``still_to_ask``: the criteria this run
    has still to ask, this one included (those that have stopped applying are not counted)."""
    applying = {result.criterion.id: principle.id for principle, result in applicable(assessment)}
    in_principle = [key for key, principle in applying.items() if principle == question.principle.id]
    return Progress(
        principle=question.principle,
        number=in_principle.index(question.criterion.id) + 1,
        total=len(in_principle),
        questions_left=sum(1 for key in still_to_ask if key in applying),
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


def profile_change(question: ProfileQuestion, value: bool | None) -> ManifestChange:
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
