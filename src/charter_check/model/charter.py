"""The charter as data: principles, the criteria a project must answer, and the profile questions
that decide which criteria apply. A charter YAML file is validated against these models on load,
so a maintainer can add a principle, a criterion or a whole new charter without changing code."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from charter_check.model.base import Model
from charter_check.model.conditions import (
    Answered,
    CharterCondition,
    Condition,
    Wording,
    answers_named,
    describe,
    flags,
    stages_named,
)
from charter_check.model.vocabulary import Vocabulary

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
CRITERION_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"
FIELD_PATH_PATTERN = r"^[a-z_]+(?:\.[a-z_]+)*$"
FLAG_PATTERN = r"^[a-z]+(?:_[a-z]+)*$"

PATTERN_WORDS = {
    ID_PATTERN: "lower-case letters and digits, words joined by '-' or '_' (for example 'public-task')",
    CRITERION_ID_PATTERN: (
        "a principle's id, a dot and a name, in lower-case letters, digits and '-' "
        "(for example 'security.retention')"
    ),
    FIELD_PATH_PATTERN: "field names in lower case joined by dots (for example 'declaration.date')",
    FLAG_PATTERN: "lower-case words joined by '_' (for example 'personal_data')",
}
"""Each pattern an id or a path must match, in words, for the message that says it does not."""
Text = Annotated[str, StringConstraints(min_length=1)]
"""Text that must not be empty."""
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Whole = Annotated[int, Field(ge=1)]
"""A whole number, 1 or more."""
RESERVED_PRINCIPLE_IDS = frozenset({"yaml", "manifest", "charter", "profile", "evidence"})


class Stage(StrEnum):
    """Where a project is in its life, in order. What binds depends on it: criteria about live
    operation are due before pilot, and a retired service is judged on how it was wound down."""

    DISCOVERY = "discovery"
    DEVELOPMENT = "development"
    PILOT = "pilot"
    LIVE = "live"
    RETIRED = "retired"

    @property
    def order(self) -> int:
        return _STAGE_ORDER[self]


_STAGE_ORDER = {stage: number for number, stage in enumerate(Stage)}


class SourceKind(StrEnum):
    """Whose rule a criterion rests on: the charter's own words, the law, official guidance (and
    standards and frameworks), or this tool's own good practice."""

    CHARTER = "charter"
    LAW = "law"
    GUIDANCE = "guidance"
    PRACTICE = "practice"


SOURCE_KIND_WORDS = {
    SourceKind.CHARTER: "the charter",
    SourceKind.LAW: "the law",
    SourceKind.GUIDANCE: "official guidance",
    SourceKind.PRACTICE: "charter-check's own good practice",
}


class AnswerKind(StrEnum):
    """The kinds of answer a criterion can take; each kind is a module of ``answers``."""

    YES_NO = "yes_no"
    CHOICE = "choice"
    TEXT = "text"
    DATE = "date"
    PERSON = "person"
    EVIDENCE = "evidence"
    STATEMENT = "statement"


class CriterionSeverity(StrEnum):
    """Error criteria block approval when unmet; warning criteria advise."""

    ERROR = "error"
    WARNING = "warning"


class EvidenceNeed(StrEnum):
    """Whether an answer must cite evidence (a file in the project, or an https link)."""

    REQUIRED = "required"
    OPTIONAL = "optional"


class DateRule(StrEnum):
    """What a date answer must be, relative to the assessment date."""

    ANY = "any"
    NOT_FUTURE = "not_future"
    FUTURE = "future"


class Source(Model):
    """What a criterion rests on, and whose rule it is (``type``)."""

    ref: Text
    type: SourceKind
    url: str | None = None


class Rejection(Model):
    """A cross-check: a choice that is refused when a condition holds, with the reason users see
    and the provision it rests on."""

    when: CharterCondition
    reason: Text
    cites: str | None = None


class Choice(Model):
    """One option of a choice criterion. Some options never meet the criterion (``meets: false``,
    with the ``reason``); some are refused for some projects (``rejected``: a public authority
    cannot rely on Art. 6(1)(f))."""

    value: Id
    label: Text
    meets: bool = True
    reason: str | None = None
    rejected: list[Rejection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reason_given(self) -> Choice:
        if not self.meets and not self.reason:
            raise ValueError(f"choice '{self.value}' does not meet the criterion, so give a 'reason'")
        return self


class Criterion(Model):
    """A concrete question a project must answer to show it meets a principle. ``action`` says
    what to do when it is not met; ``answer_from`` reads the answer from another manifest field
    instead of ``answers``."""

    id: Annotated[str, StringConstraints(pattern=CRITERION_ID_PATTERN)]
    title: Text
    question: Text
    help: str = ""
    action: Text
    answer: AnswerKind
    answer_from: Annotated[str, StringConstraints(pattern=FIELD_PATH_PATTERN)] | None = None
    choices: list[Choice] = Field(default_factory=list)
    expected: bool = True
    date_rule: DateRule = DateRule.ANY
    max_age_days: Annotated[int, Field(gt=0)] | None = None
    min_length: Whole = 1
    statement: str | None = None
    """For a statement: the suggested wording."""
    must_mention: list[str] = Field(default_factory=list)
    """For a statement in a project's own words: what it must say (case aside), e.g. 'responsib'."""
    evidence: EvidenceNeed = EvidenceNeed.OPTIONAL
    severity: CriterionSeverity = CriterionSeverity.ERROR
    may_be_not_applicable: bool = False
    """Whether a project may say, with a justification, that the criterion does not apply to it.
    Only where the charter says so; never for a criterion that rests on the law."""
    applies_when: CharterCondition | None = None
    due_by: Stage | None = None
    """Before this stage, an unmet criterion is a warning that names the stage it is due by."""
    signs_as: str | None = None
    """For a person: the capacity in which they sign the approval report, where the criterion's
    title is not the usual name for it (e.g. 'Accountable officer')."""
    sources: Annotated[list[Source], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> Criterion:
        if self.answer is AnswerKind.CHOICE and len(self.choices) < 2:
            raise ValueError(f"criterion '{self.id}' takes a choice, so list at least two choices")
        if self.answer is not AnswerKind.CHOICE and self.choices:
            raise ValueError(f"criterion '{self.id}' lists choices but its answer is not 'choice'")
        if self.answer is AnswerKind.STATEMENT and not self.statement:
            raise ValueError(f"criterion '{self.id}' takes a statement, so give the 'statement'")
        values = [choice.value for choice in self.choices]
        if len(values) != len(set(values)):
            raise ValueError(f"criterion '{self.id}' lists the same choice value twice")
        if self.may_be_not_applicable and self.statutory:
            raise ValueError(
                f"criterion '{self.id}' rests on the law, so a project may not mark it not applicable; "
                "say when it applies with 'applies_when' instead"
            )
        return self

    @cached_property
    def statutory(self) -> bool:
        """Whether the criterion rests on the law (a source of type ``law``): configuration can never
        switch it off, nor a project mark it not applicable."""
        return any(source.type is SourceKind.LAW for source in self.sources)

    @property
    def blocks(self) -> bool:
        """Whether an unmet answer stops approval (once the criterion is due)."""
        return self.severity is CriterionSeverity.ERROR

    @property
    def action_clause(self) -> str:
        """The action as a clause to follow a colon: 'set a date …' rather than 'Set a date ….'"""
        words = self.action.rstrip(".")
        if words[1:2].isupper():
            return words
        return words[:1].lower() + words[1:]

    def choice(self, value: str) -> Choice | None:
        return next((choice for choice in self.choices if choice.value == value), None)


class Principle(Model):
    """One of the charter's principles, with its wording and the criteria that test it.
    ``wording`` is 'charter' when the statement is the charter's published text, and 'summary'
    when it is a summary written for this tool."""

    number: Whole
    id: Id
    title: Text
    statement: Text
    wording: Literal["charter", "summary"]
    guidance: str = ""
    note: str = ""
    """A note for the report, e.g. where a theme the charter names is covered."""
    for_residents: bool = False
    """Whether the report's summary for residents gives this principle's answers (how their
    data is used, when AI is involved)."""
    criteria: Annotated[list[Criterion], Field(min_length=1)]


class ProfileQuestion(Model):
    """A yes/no fact about the project that decides which criteria apply. ``label`` is a short
    phrase, e.g. 'the project uses AI'."""

    id: Annotated[str, StringConstraints(pattern=FLAG_PATTERN)]
    question: Text
    label: Text
    negated_label: str = ""
    """The phrase when the answer is no ('the project uses no AI'); by default 'not (label)'."""
    help: str = ""
    implies: list[str] = Field(default_factory=list)
    asked_when: CharterCondition | None = None
    """Asked only when this holds; when it does not, the answer is no."""

    def phrase(self, holds: bool) -> str:
        if holds:
            return self.label
        return self.negated_label or f"not ({self.label})"


class RetiredCriterion(Model):
    """A criterion an earlier version of the charter asked and this one no longer does, where its
    question went (``now``), and why: an answer to it is noted as no longer asked, not refused."""

    id: Annotated[str, StringConstraints(pattern=CRITERION_ID_PATTERN)]
    now: str | None = None
    reason: Text


class CharterSource(Model):
    """Where the charter's text was published."""

    title: str
    url: str | None = None


class Charter(Model):
    """A whole charter: metadata, provenance, profile questions and principles; and the SHA-256
    of the file it was read from (``sha256``, set by ``with_fingerprint``)."""

    schema_version: Literal[1]
    id: Id
    title: Text
    version: Text
    published: dt.date
    publisher: str
    signatories: list[str] = Field(default_factory=list)
    sources: Annotated[list[CharterSource], Field(min_length=1)]
    provenance: Text
    profile: Annotated[list[ProfileQuestion], Field(min_length=1)]
    principles: Annotated[list[Principle], Field(min_length=1)]
    retired_criteria: list[RetiredCriterion] = Field(default_factory=list)
    vocabulary: Vocabulary = Field(default_factory=Vocabulary)
    """Words that mark an answer that does not answer, and role titles that are not names; added
    to the ones bundled with charter-check (``charters/vocabulary/non-answers.yaml``)."""
    # What is worked out from the fields, and what is set once after reading, is kept in cached
    # properties: read on every criterion of every manifest, and pydantic's private attributes are
    # slow to read.

    @cached_property
    def sha256(self) -> str:
        """The SHA-256 of the file the charter was read from (see ``with_fingerprint``)."""
        return ""

    @cached_property
    def criteria(self) -> list[Criterion]:
        """Every criterion, principle by principle."""
        return [criterion for principle in self.principles for criterion in principle.criteria]

    @cached_property
    def _criterion_by_id(self) -> dict[str, Criterion]:
        return {criterion.id: criterion for criterion in self.criteria}

    @cached_property
    def _retired_by_id(self) -> dict[str, RetiredCriterion]:
        """Each retired criterion by its id (the first, should one be listed twice)."""
        return {item.id: item for item in reversed(self.retired_criteria)}

    @cached_property
    def _principle_by_criterion(self) -> dict[str, Principle]:
        return {criterion.id: principle for principle in self.principles for criterion in principle.criteria}

    @cached_property
    def _when_applies(self) -> dict[str, str]:
        """When each criterion applies, in words, as they are asked for."""
        return {}

    def with_fingerprint(self, sha256: str) -> Charter:
        self.__dict__["sha256"] = sha256  # a cached property, set once the file's bytes are known
        return self

    def with_bundled_words(self, bundled: Vocabulary) -> Charter:
        """The charter with the vocabulary bundled with charter-check added to its own."""
        self.__dict__["words"] = bundled.merged(self.vocabulary)  # a cached property, set once
        return self

    @cached_property
    def words(self) -> Vocabulary:
        """The vocabulary in force: the bundled one and the charter's own."""
        return self.vocabulary

    @model_validator(mode="after")
    def _consistent(self) -> Charter:
        numbers = [principle.number for principle in self.principles]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("principles must be numbered 1, 2, 3, … in order")
        _require_unique("principle id", [principle.id for principle in self.principles])
        _require_unique("criterion id", [criterion.id for criterion in self.criteria])
        _require_unique("profile question id", [question.id for question in self.profile])
        for principle in self.principles:
            if principle.id in RESERVED_PRINCIPLE_IDS:
                raise ValueError(f"principle id '{principle.id}' is reserved; choose another")
            for criterion in principle.criteria:
                if not criterion.id.startswith(principle.id + "."):
                    raise ValueError(
                        f"criterion '{criterion.id}' must start with its principle id '{principle.id}.'"
                    )
        self._check_profile_flags()
        return self

    def _check_profile_flags(self) -> None:
        known = {question.id for question in self.profile}
        mentioned: list[tuple[str, str]] = []
        answers: list[tuple[str, Answered]] = []
        stages: list[tuple[str, str]] = []
        for question in self.profile:
            where = f"profile question '{question.id}'"
            mentioned += [(where, flag) for flag in [*question.implies, *flags(question.asked_when)]]
            answers += [(where, named) for named in answers_named(question.asked_when)]
            stages += [(where, stage) for stage in stages_named(question.asked_when)]
        for criterion in self.criteria:
            where = f"criterion '{criterion.id}'"
            conditions = [criterion.applies_when] + [
                rejection.when for choice in criterion.choices for rejection in choice.rejected
            ]
            for condition in conditions:
                mentioned += [(where, flag) for flag in flags(condition)]
                answers += [(where, named) for named in answers_named(condition)]
                stages += [(where, stage) for stage in stages_named(condition)]
        for where, flag in mentioned:
            if flag not in known:
                raise ValueError(f"{where} refers to profile question '{flag}', which is not defined")
        for where, stage in stages:
            if stage not in Stage.__members__.values():
                raise ValueError(f"{where} names the stage '{stage}'; stages are {', '.join(Stage)}")
        for where, named in answers:
            self._check_answer_condition(where, named)

    def _check_answer_condition(self, where: str, named: Answered) -> None:
        criterion = self._criterion_by_id.get(named.criterion)
        if criterion is None or criterion.answer is not AnswerKind.CHOICE:
            raise ValueError(f"{where} depends on '{named.criterion}', which is not a choice criterion")
        for value in named.values:
            if criterion.choice(value) is None:
                raise ValueError(f"{where} names '{value}', which is not a choice of '{named.criterion}'")

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._criterion_by_id.get(criterion_id)

    def principle(self, principle_id: str) -> Principle | None:
        return next((principle for principle in self.principles if principle.id == principle_id), None)

    def principle_of(self, criterion_id: str) -> Principle | None:
        return self._principle_by_criterion.get(criterion_id)

    def retired(self, criterion_id: str) -> RetiredCriterion | None:
        return self._retired_by_id.get(criterion_id)

    def profile_question(self, flag: str) -> ProfileQuestion | None:
        return next((question for question in self.profile if question.id == flag), None)

    def profile_label(self, flag: str, holds: bool = True) -> str:
        question = self.profile_question(flag)
        return question.phrase(holds) if question else flag

    @property
    def wording(self) -> Wording:
        """How this charter's conditions are said in words."""
        return Wording(flag=self.profile_label, answered=self._answered_words, asked_when=self._asked_when)

    def _asked_when(self, flag: str) -> Condition | None:
        question = self.profile_question(flag)
        return question.asked_when if question else None

    def _answered_words(self, named: Answered, holds: bool) -> str:
        criterion = self.criterion(named.criterion)
        title = criterion.title if criterion else named.criterion
        labels = [(criterion.choice(value) if criterion else None) for value in named.values]
        chosen = " or ".join(
            choice.label if choice else value for choice, value in zip(labels, named.values, strict=True)
        )
        return f"the answer to '{title}' is {chosen}" if holds else f"the answer to '{title}' is not {chosen}"

    def when_applies(self, criterion: Criterion) -> str:
        """When ``criterion`` applies, in words ('always' when it always does)."""
        words = self._when_applies.get(criterion.id)
        if words is None:
            words = self._when_applies[criterion.id] = self.describe_condition(criterion.applies_when)
        return words

    def describe_condition(self, condition: Condition | None) -> str:
        words = describe(condition, self.wording)
        return words[1:-1] if words.startswith("(") and words.endswith(")") else words


def _require_unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} '{value}' is used twice")
        seen.add(value)
