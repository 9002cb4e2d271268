"""The charter as data: principles, the criteria a project must answer, and the profile questions
that decide which criteria apply. A charter YAML file is validated against these models on load,
so a maintainer can add a principle, a criterion or a whole new charter without changing code."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from charter_check.model.base import Model
from charter_check.model.conditions import CharterCondition, Condition, describe, flags

ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
CRITERION_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"
FIELD_PATH_PATTERN = r"^[a-z_]+(?:\.[a-z_]+)*$"
FLAG_PATTERN = r"^[a-z]+(?:_[a-z]+)*$"

Text = Annotated[str, StringConstraints(min_length=1)]
"""Text that must not be empty."""
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Whole = Annotated[int, Field(ge=1)]
"""A whole number, 1 or more."""
RESERVED_PRINCIPLE_IDS = frozenset({"yaml", "manifest", "charter", "profile", "evidence"})


class AnswerKind(StrEnum):
    """The kinds of answer a criterion can take; each kind has one checker in ``answer_kinds``."""

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
    """What a criterion rests on: a charter principle, a law, a standard or guidance."""

    ref: Text
    type: Literal["charter", "law", "standard", "guidance"]
    url: str | None = None


class Choice(Model):
    """One option of a choice criterion. Some options do not meet the criterion, or not for some
    projects (``rejected_when``), with the reason given to the user."""

    value: Id
    label: Text
    meets: bool = True
    rejected_when: CharterCondition | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def _reason_given(self) -> Choice:
        if (not self.meets or self.rejected_when is not None) and not self.reason:
            raise ValueError(f"choice '{self.value}' can fail the criterion, so give a 'reason'")
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
    evidence: EvidenceNeed = EvidenceNeed.OPTIONAL
    severity: CriterionSeverity = CriterionSeverity.ERROR
    may_be_not_applicable: bool = True
    applies_when: CharterCondition | None = None
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
        return self

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
    may_be_not_applicable: bool = False
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
    help: str = ""
    implies: list[str] = Field(default_factory=list)


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
    _sha256: str = PrivateAttr("")
    _criteria: list[Criterion] = PrivateAttr(default_factory=list)
    _criterion_by_id: dict[str, Criterion] = PrivateAttr(default_factory=dict)
    _principle_by_criterion: dict[str, Principle] = PrivateAttr(default_factory=dict)
    _when_applies: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def sha256(self) -> str:
        return self._sha256

    @property
    def criteria(self) -> list[Criterion]:
        """Every criterion, principle by principle."""
        return self._criteria

    def with_fingerprint(self, sha256: str) -> Charter:
        self._sha256 = sha256
        return self

    @model_validator(mode="after")
    def _consistent(self) -> Charter:
        self._criteria = [criterion for principle in self.principles for criterion in principle.criteria]
        self._criterion_by_id = {criterion.id: criterion for criterion in self._criteria}
        self._principle_by_criterion = {
            criterion.id: principle for principle in self.principles for criterion in principle.criteria
        }
        numbers = [principle.number for principle in self.principles]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("principles must be numbered 1, 2, 3, … in order")
        _require_unique("principle id", [principle.id for principle in self.principles])
        _require_unique("criterion id", [criterion.id for criterion in self._criteria])
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
        for question in self.profile:
            mentioned += [(f"profile question '{question.id}'", flag) for flag in question.implies]
        for criterion in self.criteria:
            mentioned += [(f"criterion '{criterion.id}'", f) for f in flags(criterion.applies_when)]
            for choice in criterion.choices:
                mentioned += [(f"criterion '{criterion.id}'", f) for f in flags(choice.rejected_when)]
        for where, flag in mentioned:
            if flag not in known:
                raise ValueError(f"{where} refers to profile question '{flag}', which is not defined")

    def criterion(self, criterion_id: str) -> Criterion | None:
        return self._criterion_by_id.get(criterion_id)

    def principle(self, principle_id: str) -> Principle | None:
        return next((principle for principle in self.principles if principle.id == principle_id), None)

    def principle_of(self, criterion_id: str) -> Principle | None:
        return self._principle_by_criterion.get(criterion_id)

    def profile_label(self, flag: str) -> str:
        question = next((q for q in self.profile if q.id == flag), None)
        return question.label if question else flag

    def when_applies(self, criterion: Criterion) -> str:
        """When ``criterion`` applies, in words ('always' when it always does)."""
        words = self._when_applies.get(criterion.id)
        if words is None:
            words = self._when_applies[criterion.id] = self.describe_condition(criterion.applies_when)
        return words

    def describe_condition(self, condition: Condition | None) -> str:
        words = describe(condition, self.profile_label)
        return words[1:-1] if words.startswith("(") and words.endswith(")") else words


def _require_unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} '{value}' is used twice")
        seen.add(value)
