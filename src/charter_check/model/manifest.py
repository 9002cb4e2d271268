"""The project manifest (``charter.yaml``): which charter it answers, the project, the declaration of
responsibility, the profile that decides which criteria apply, and an answer per criterion.

The models check structure only. What an answer must be (a date, one of the choices, a person)
depends on the charter, so the engine checks that, criterion by criterion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field, StringConstraints

from charter_check.model.base import StrictModel
from charter_check.model.charter import Stage
from charter_check.model.evidence import EvidenceSurvey
from charter_check.model.findings import Finding, Positions
from charter_check.model.words import yes_or_no

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _yes_no_word(value: Any) -> Any:
    """Let a profile say ``yes``/``no`` as well as ``true``/``false`` (YAML 1.2 keeps ``yes`` text)."""
    if isinstance(value, str):
        meaning = yes_or_no(value)
        return value if meaning is None else meaning
    return value


ProfileAnswer = Annotated[bool | None, BeforeValidator(_yes_no_word)]
AnswerValue = bool | str | int | float | dict[str, Any] | list[Any] | None


class AnswerStatus(StrEnum):
    """What the project says about a criterion: answered; answered in part (``partly``, saying what
    is ``missing``); not known yet (``not_known``, saying who will find out and by when); not
    applicable (where the charter allows it, with a justification); or still to do."""

    ANSWERED = "answered"
    PARTLY = "partly"
    NOT_KNOWN = "not_known"
    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"


class Project(StrictModel):
    """The project the manifest describes."""

    name: Annotated[NonEmptyText, Field(description="The project's name.")]
    organisation: Annotated[NonEmptyText, Field(description="The organisation responsible for it.")]
    summary: Annotated[
        str | None, Field(description="What the project does, and for whom, in plain English, for residents.")
    ] = None
    contact: Annotated[
        str | None,
        Field(
            description="Where residents can ask about the project: an email address or an https web page."
        ),
    ] = None
    stage: Annotated[
        Stage | None,
        Field(
            strict=False, description="Where the project is in its life."
        ),  # strict enums take only members
    ] = None


class Person(StrictModel):
    """A named person and the role in which they act."""

    name: str | None = None
    role: str | None = None
    organisation: str | None = None
    email: str | None = None


class Declaration(StrictModel):
    """The declaration of responsibility: who is accountable, since when, and what they declared."""

    accountable_person: Person | None = None
    date: str | None = None
    statement: str | None = None


class CriterionAnswer(StrictModel):
    """A project's answer to one criterion."""

    status: Annotated[AnswerStatus | None, Field(strict=False)] = None
    answer: AnswerValue = None
    evidence: list[str] = Field(default_factory=list)
    justification: Annotated[
        str | None, Field(description="Why the criterion does not apply, where the charter allows that.")
    ] = None
    missing: Annotated[str | None, Field(description="With 'status: partly': what is still missing.")] = None
    who_will_find_out: Annotated[
        str | None, Field(description="With 'status: not_known': the person who will find out.")
    ] = None
    find_out_by: Annotated[
        str | None, Field(description="With 'status: not_known': by when (YYYY-MM-DD).")
    ] = None
    notes: str | None = None

    def stated_status(self, value: Any) -> AnswerStatus:
        """The status given, or else 'answered' once there is an answer (``value``, which may come
        from another manifest field) or evidence, and 'pending' before that."""
        if self.status is not None:
            return self.status
        if value is not None or self.evidence:
            return AnswerStatus.ANSWERED
        return AnswerStatus.PENDING


class Manifest(StrictModel):
    """A whole ``charter.yaml``. Its answer entries are read one by one (``CriterionAnswer``), so
    that one bad entry does not stop the rest of the manifest being assessed."""

    charter: NonEmptyText
    charter_version: str | None = None
    project: Project
    declaration: Declaration = Field(default_factory=Declaration)
    profile: dict[str, ProfileAnswer] = Field(default_factory=dict)
    answers: dict[str, dict[str, Any] | None] = Field(default_factory=dict)

    def lookup(self, dotted: str) -> Any:
        """The value at a dotted field path such as ``declaration.date``, or None (models found on
        the way are read field by field, and only the value found is dumped to plain data)."""
        value: Any = self
        for part in dotted.split("."):
            if isinstance(value, BaseModel):
                value = getattr(value, part, None) if part in type(value).model_fields else None
            elif isinstance(value, dict):
                value = value.get(part)
            else:
                return None
        return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


@dataclass(frozen=True)
class ManifestDocument:
    """A manifest as read from disk: the validated model, where each value sits in the file, the
    file's fingerprint, each answer entry read (or the problems that stopped it being read, so
    that one bad entry does not stop the rest being assessed), and what was found for each
    evidence reference it cites."""

    path: str
    sha256: str
    manifest: Manifest
    positions: Positions
    evidence: EvidenceSurvey
    entries: Mapping[str, CriterionAnswer] = field(default_factory=dict)
    entry_problems: Mapping[str, Sequence[Finding]] = field(default_factory=dict)


def cited_evidence(entries: Mapping[str, CriterionAnswer]) -> list[str]:
    """Every evidence reference the answer entries cite, in order."""
    return [reference for entry in entries.values() for reference in entry.evidence]
