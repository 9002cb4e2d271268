"""The Algorithmic Transparency Recording Standard (ATRS) record as data: for each field of the
standard's template, what in a manifest fills it, or why the charter cannot
(``charters/exports/atrs-3.0.yaml``). It is checked against the charter whose criteria it names, so
a charter change needs a change to that file, never to code."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, Field, StringConstraints, model_validator

from charter_check.model.base import Model
from charter_check.model.charter import (
    CRITERION_ID_PATTERN,
    FIELD_PATH_PATTERN,
    FLAG_PATTERN,
    Charter,
    Id,
    Text,
)
from charter_check.model.conditions import CharterCondition, flags
from charter_check.model.manifest import Manifest

Key = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:_[a-z0-9]+)*$")]
"""A field's key in the JSON record: the standard's name, snake_cased."""
Ref = Annotated[str, StringConstraints(pattern=r"^\d+(?:\.\d+)*$")]
CriterionId = Annotated[str, StringConstraints(pattern=CRITERION_ID_PATTERN)]


class Naming(StrEnum):
    """How sure a field's number and name are: read in published records, seen in a secondary
    source only, or charter-check's reading of the template."""

    CONFIRMED = "confirmed"
    SEEN = "seen"
    OUR_READING = "our-reading"


class Source(Model):
    """One thing in a manifest that fills a field: a key of the manifest (``manifest``), a
    criterion's answer (``answer``), the https links among a criterion's evidence (``links``) or a
    profile answer (``profile``). ``values``, ``only`` and ``slug`` shape a manifest key's value."""

    manifest: Annotated[str, StringConstraints(pattern=FIELD_PATH_PATTERN)] | None = None
    answer: CriterionId | None = None
    links: CriterionId | None = None
    profile: Annotated[str, StringConstraints(pattern=FLAG_PATTERN)] | None = None
    values: dict[str, str] = Field(default_factory=dict)
    """A manifest value translated: a stage to the ATRS phase it is."""
    only: Literal["email", "https-link"] | None = None
    """Only a manifest value of this kind fills the field (a contact may be either)."""
    slug: bool = False
    """The manifest value made into a GOV.UK-style slug (lower case, words joined by hyphens)."""

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        given = [kind for kind in ("manifest", "answer", "links", "profile") if getattr(self, kind)]
        if len(given) != 1:
            raise ValueError("a source is one of 'manifest:', 'answer:', 'links:' or 'profile:'")
        if (self.values or self.only or self.slug) and self.manifest is None:
            raise ValueError("'values:', 'only:' and 'slug:' shape a 'manifest:' source only")
        return self

    @property
    def kind(self) -> str:
        return next(kind for kind in ("manifest", "answer", "links", "profile") if getattr(self, kind))

    @property
    def target(self) -> str:
        """The manifest key, criterion id or profile question the source names."""
        found: str = getattr(self, self.kind)
        return found

    def __str__(self) -> str:
        return f"{self.kind}: {self.target}"


class FilledField(Model):
    """What fills a field or a metadata key: sources, or why the charter asks nothing that could."""

    from_: Annotated[list[Source], Field(alias="from")] = Field(default_factory=list)
    use: Literal["all", "first"] = "all"
    """``all``: every source that is filled, in order; ``first``: the first one only."""
    not_asked: str | None = None

    @model_validator(mode="after")
    def _filled_one_way(self) -> FilledField:
        if sum(self._ways()) != 1:
            raise ValueError(
                "give one of 'from:' (the sources that fill it), 'not_asked:' (why none can) or, for a "
                "metadata key, a fixed 'value:'"
            )
        return self

    def _ways(self) -> list[bool]:
        return [bool(self.from_), self.not_asked is not None]


class AtrsField(FilledField):
    """A field of the template: its number, its name, its key in the JSON record."""

    ref: Ref
    name: Text
    key: Key
    named: Naming


class FieldGroup(Model):
    """A section of the template (``1 - Owner and Responsibility``), or a group of fields repeated
    for each model or dataset (``groups``: ``4.2``, ``4.3``)."""

    ref: Ref | None = None
    title: Text
    key: Key | None = None
    """The section's key in the JSON record; none for Tier 1, whose fields sit in the tier itself."""
    named: Naming
    fields: Annotated[list[AtrsField], Field(min_length=1)]
    groups: list[FieldGroup] = Field(default_factory=list)
    repeated_for: str | None = None
    """For a group of fields the template repeats: what it is repeated for ('model', 'dataset')."""

    def all_fields(self) -> Iterator[AtrsField]:
        yield from self.fields
        for group in self.groups:
            yield from group.all_fields()


class Tier(Model):
    """Tier 1 (for the public) or Tier 2 (the detail)."""

    key: Key
    title: Text
    sections: Annotated[list[FieldGroup], Field(min_length=1)]


class MetadataKey(FilledField):
    """A GOV.UK metadata key of a published record (``algorithmic_transparency_record_phase``):
    filled from the manifest, given a fixed ``value``, or not asked."""

    key: Annotated[str, StringConstraints(pattern=r"^algorithmic_transparency_record_[a-z_]+$")]
    required: bool = False
    multiple: bool = False
    value: str | list[str] | None = None
    note: str | None = None

    def _ways(self) -> list[bool]:
        return [*super()._ways(), self.value is not None]


class AtrsMapping(Model):
    """The whole mapping: which standard and version, which charter's criteria it names, for which
    projects a record makes sense (``applies_when``, a condition as the charter writes them), the
    metadata keys and the fields, tier by tier."""

    schema_version: Literal[1]
    standard: Text
    version: Text
    url: Text
    charter: Id
    applies_when: CharterCondition
    applies_to: Text
    """The kind of project a record is for, in words, for the message to a project it is not for."""
    metadata: list[MetadataKey]
    tiers: Annotated[list[Tier], Field(min_length=1)]

    def fields(self) -> Iterator[AtrsField]:
        for tier in self.tiers:
            for section in tier.sections:
                yield from section.all_fields()

    def problems_with(self, charter: Charter) -> list[str]:
        """What this mapping names that ``charter`` (or the manifest's format) does not have."""
        problems = [
            f"'applies_when' names profile question '{flag}', which charter {charter.id} does not ask"
            for flag in flags(self.applies_when)
            if charter.profile_question(flag) is None
        ]
        named: list[tuple[str, Source]] = [
            (f"metadata key '{key.key}'", source) for key in self.metadata for source in key.from_
        ]
        named += [(f"field {field.ref}", source) for field in self.fields() for source in field.from_]
        problems += [
            f"{where} {problem}" for where, source in named if (problem := _unknown(source, charter))
        ]
        return problems


def _unknown(source: Source, charter: Charter) -> str | None:
    if source.manifest is not None and manifest_key(source.manifest) is None:
        return f"names '{source.manifest}', which is not a key of charter.yaml"
    criterion = source.answer or source.links
    if criterion is not None and charter.criterion(criterion) is None:
        return f"names criterion '{criterion}', which charter {charter.id} does not have"
    if source.profile is not None and charter.profile_question(source.profile) is None:
        return f"names profile question '{source.profile}', which charter {charter.id} does not ask"
    return None


def manifest_key(dotted: str) -> str | None:
    """What a key of charter.yaml such as ``project.summary`` is for (its description, or the key
    itself when it has none), or None when the manifest has no such key."""
    model: Any = Manifest
    description: str | None = None
    for part in dotted.split("."):
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        field = model.model_fields[part]
        description = field.description
        model = _model_in(field.annotation)
    return description or dotted


def _model_in(annotation: Any) -> Any:
    """The model a field holds (``Person`` in ``Person | None``), or None."""
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
