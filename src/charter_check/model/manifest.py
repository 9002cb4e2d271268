"""The project manifest (``charter.yaml``): which charter it answers, the project, the declaration of
responsibility, the profile that decides which criteria apply, and an answer per criterion.

The models check structure only. What an answer must be (a date, one of the choices, a person)
depends on the charter, so the engine checks that, criterion by criterion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any

from charter_check.model.records import Before, Constraints, Record, plain_data
from charter_check.reading.evidence import EvidenceSurvey
from charter_check.reading.yaml_reader import PositionIndex

StrictStr = Annotated[str, Constraints(strict=True)]
StrictBool = Annotated[bool, Constraints(strict=True)]
NonEmptyText = Annotated[str, Constraints(strict=True, strip_whitespace=True, min_length=1)]
YES_WORDS = {"yes": True, "no": False, "true": True, "false": False}


def _yes_no_word(value: Any) -> Any:
    """Let a profile say ``yes``/``no`` as well as ``true``/``false`` (YAML 1.2 keeps ``yes`` text)."""
    if isinstance(value, str):
        return YES_WORDS.get(value.strip().lower(), value)
    return value


ProfileAnswer = Annotated[StrictBool | None, Before(_yes_no_word)]
AnswerValue = StrictBool | StrictStr | int | float | dict[str, Any] | list[Any] | None


class Stage(StrEnum):
    """Where the project is in its life."""

    DISCOVERY = "discovery"
    DEVELOPMENT = "development"
    PILOT = "pilot"
    LIVE = "live"
    RETIRED = "retired"


class AnswerStatus(StrEnum):
    """What the project says about a criterion: answered, not applicable, or still to do."""

    ANSWERED = "answered"
    NOT_APPLICABLE = "not_applicable"
    PENDING = "pending"


@dataclass(frozen=True, slots=True, kw_only=True)
class Project(Record):
    """The project the manifest describes."""

    name: NonEmptyText
    organisation: NonEmptyText
    summary: StrictStr | None = None
    contact: StrictStr | None = None
    stage: Stage | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Person(Record):
    """A named person and the role in which they act."""

    name: StrictStr | None = None
    role: StrictStr | None = None
    organisation: StrictStr | None = None
    email: StrictStr | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Declaration(Record):
    """The declaration of responsibility: who is accountable, since when, and what they declared."""

    accountable_person: Person | None = None
    date: StrictStr | None = None
    statement: StrictStr | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CriterionAnswer(Record):
    """A project's answer to one criterion."""

    status: AnswerStatus | None = None
    answer: AnswerValue = None
    evidence: list[StrictStr] = field(default_factory=list)
    justification: StrictStr | None = None
    notes: StrictStr | None = None

    def stated_status(self, value: Any) -> AnswerStatus:
        """The status given, or else 'answered' once there is an answer (``value``, which may come
        from another manifest field) or evidence, and 'pending' before that."""
        if self.status is not None:
            return self.status
        if value is not None or self.evidence:
            return AnswerStatus.ANSWERED
        return AnswerStatus.PENDING


@dataclass(frozen=True, slots=True, kw_only=True)
class Manifest(Record):
    """A whole ``charter.yaml``. Answers are validated one by one so that one bad answer does not
    stop the rest of the manifest being assessed."""

    charter: NonEmptyText
    charter_version: StrictStr | None = None
    project: Project
    declaration: Declaration = field(default_factory=Declaration)
    profile: dict[str, ProfileAnswer] = field(default_factory=dict)
    principles_not_applicable: dict[str, StrictStr | None] = field(default_factory=dict)
    answers: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def lookup(self, dotted: str) -> Any:
        """The value at a dotted field path such as ``declaration.date``, or None (models found on
        the way are read field by field, and only the value found is dumped to plain data)."""
        value: Any = self
        for part in dotted.split("."):
            if isinstance(value, Record):
                value = getattr(value, part, None) if part in value.__dataclass_fields__ else None
            elif isinstance(value, dict):
                value = value.get(part)
            else:
                return None
        return plain_data(value) if isinstance(value, Record) else value


@dataclass(frozen=True)
class ManifestDocument:
    """A manifest as read from disk: the validated model, where each value sits in the file, the
    file's fingerprint, and what was found for each evidence reference it cites."""

    path: str
    sha256: str
    manifest: Manifest
    positions: PositionIndex
    evidence: EvidenceSurvey


def cited_evidence(manifest: Manifest) -> list[str]:
    """Every evidence reference in the manifest's answers, in order."""
    references: list[str] = []
    for entry in manifest.answers.values():
        cited = entry.get("evidence") if isinstance(entry, dict) else None
        if isinstance(cited, list):
            references += [item for item in cited if isinstance(item, str)]
    return references
