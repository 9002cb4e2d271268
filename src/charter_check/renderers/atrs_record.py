"""What an Algorithmic Transparency Recording Standard (ATRS) record holds, built once from an
assessment, its manifest and the ATRS mapping, so that the Markdown and JSON records cannot
disagree: each field filled from the sources the mapping names, or listed as missing with the
question that would fill it (or why the charter asks none). Nothing is made up: an answer is given
as the project gave it, and a field nothing fills stays empty.

The answers are the assessment's own (a criterion answered but not met is still what the project
says, and fills its field); nothing here judges an answer again."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from charter_check import __version__
from charter_check.answers.date import long_date, parse_date
from charter_check.judging.engine import contact_problem, effective_profile
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus
from charter_check.model.charter import AnswerKind, Charter
from charter_check.model.conditions import Facts, evaluate, why_not
from charter_check.model.evidence import EvidenceState, https_url_problem
from charter_check.model.manifest import Manifest
from charter_check.model.transparency import (
    AtrsField,
    AtrsMapping,
    FieldGroup,
    FilledField,
    MetadataKey,
    Naming,
    Source,
    manifest_key,
)

ANSWERED = (CriterionStatus.MET, CriterionStatus.NOT_MET, CriterionStatus.PARTLY)
"""The statuses of a criterion whose answer says something: met or not, it is what the project says."""


@dataclass(frozen=True)
class Part:
    """What one source gives a field: the text, what the project notes beside it (and what it says
    is still missing), and the evidence it cites."""

    source: str
    """Where it comes from: ``answer: beneficial.public-benefit``, ``manifest: project.summary``."""
    title: str
    text: str
    notes: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        evidence = ("Evidence: " + ", ".join(self.evidence),) if self.evidence else ()
        return tuple(text for text in (self.text, *self.notes, *evidence) if text)


@dataclass(frozen=True)
class Gap:
    """A source that did not fill its field: the question (or key) that would, and why it did not."""

    source: str
    """The criterion id, manifest key or profile question that would fill it."""
    question: str
    reason: str


@dataclass(frozen=True)
class FieldEntry:
    """One field of the record: filled (``parts``), or missing, with the ``gaps`` that leave it so or
    why the charter asks nothing that could fill it (``not_asked``). ``same_as`` names an earlier
    field with the very same content, so a record need not repeat it."""

    ref: str
    name: str
    key: str
    named: Naming
    parts: tuple[Part, ...]
    gaps: tuple[Gap, ...] = ()
    not_asked: str | None = None
    same_as: str | None = None

    @property
    def heading(self) -> str:
        """The heading published records give it: ``2.3 - Benefit``."""
        return f"{self.ref} - {self.name}"

    @property
    def filled(self) -> bool:
        return bool(self.parts)

    @property
    def value(self) -> str | None:
        """The field's text, paragraph by paragraph, as it would be pasted into the template."""
        return "\n\n".join(text for part in self.parts for text in part.paragraphs) or None

    @property
    def to_fill(self) -> str:
        """What would fill a missing field, in a sentence or two."""
        return to_fill(self.not_asked, self.gaps)


@dataclass(frozen=True)
class GroupEntry:
    """A section of the record, or a group of fields repeated for each model or dataset."""

    ref: str | None
    title: str
    key: str | None
    named: Naming
    fields: tuple[FieldEntry, ...]
    groups: tuple[GroupEntry, ...] = ()
    repeated_for: str | None = None

    @property
    def heading(self) -> str:
        return f"{self.ref} - {self.title}" if self.ref else self.title

    def all_fields(self) -> Iterator[FieldEntry]:
        yield from self.fields
        for group in self.groups:
            yield from group.all_fields()


@dataclass(frozen=True)
class TierEntry:
    key: str
    title: str
    sections: tuple[GroupEntry, ...]


@dataclass(frozen=True)
class MetadataEntry:
    """A GOV.UK metadata key and its value (a list for a key that takes several), or why it has none."""

    key: str
    required: bool
    value: str | list[str] | None
    source: str | None = None
    note: str | None = None
    to_fill: str | None = None

    @property
    def shown(self) -> str | None:
        return ", ".join(self.value) if isinstance(self.value, list) else self.value


@dataclass(frozen=True)
class AtrsRecord:
    """A whole record, with what it was made from."""

    project: str
    organisation: str
    standard: str
    version: str
    url: str
    charter_id: str
    charter_title: str
    charter_version: str
    assessed_on: dt.date
    manifest_path: str
    manifest_sha256: str
    metadata: tuple[MetadataEntry, ...]
    tiers: tuple[TierEntry, ...]
    tool_version: str = __version__

    def fields(self) -> Iterator[FieldEntry]:
        for tier in self.tiers:
            for section in tier.sections:
                yield from section.all_fields()

    @property
    def missing(self) -> tuple[FieldEntry, ...]:
        return tuple(field for field in self.fields() if not field.filled)

    @property
    def unconfirmed(self) -> tuple[FieldEntry, ...]:
        """Fields whose number and name are not yet confirmed from published records."""
        return tuple(field for field in self.fields() if field.named is not Naming.CONFIRMED)

    @property
    def assessed_on_words(self) -> str:
        return long_date(self.assessed_on)


def not_for(mapping: AtrsMapping, charter: Charter, manifest: Manifest) -> str | None:
    """Why an ATRS record does not make sense for the project ('the project uses no AI and ...'),
    or None when it does (or when the profile leaves it open)."""
    stage = manifest.project.stage
    facts = Facts(effective_profile(charter, manifest.profile), stage.value if stage else None)
    if evaluate(mapping.applies_when, facts) is False:
        return why_not(mapping.applies_when, facts, charter.wording)
    return None


def build_record(assessment: Assessment, manifest: Manifest, mapping: AtrsMapping) -> AtrsRecord:
    """The record ``mapping`` describes, filled from ``manifest`` and its ``assessment``."""
    filler = _Filler(assessment, manifest)
    tiers = tuple(
        TierEntry(tier.key, tier.title, tuple(filler.group(section) for section in tier.sections))
        for tier in mapping.tiers
    )
    charter = assessment.charter
    return AtrsRecord(
        project=manifest.project.name,
        organisation=manifest.project.organisation,
        standard=mapping.standard,
        version=mapping.version,
        url=mapping.url,
        charter_id=charter.id,
        charter_title=charter.title,
        charter_version=charter.version,
        assessed_on=assessment.assessed_on,
        manifest_path=assessment.manifest.path,
        manifest_sha256=assessment.manifest.sha256,
        metadata=tuple(filler.metadata(key) for key in mapping.metadata),
        tiers=tiers,
    )


class _Filler:
    """Fills fields from one manifest and its assessment, remembering what it has filled so that a
    field with the same content as an earlier one can say so."""

    def __init__(self, assessment: Assessment, manifest: Manifest) -> None:
        self.charter = assessment.charter
        self.manifest = manifest
        self.results = {result.criterion.id: result for result in assessment.criteria}
        stage = manifest.project.stage
        self.profile = effective_profile(self.charter, manifest.profile)
        self.stage = stage.value if stage else None
        self.seen: dict[tuple[str, ...], str] = {}

    def group(self, group: FieldGroup) -> GroupEntry:
        return GroupEntry(
            group.ref,
            group.title,
            group.key,
            group.named,
            tuple(self.field(field) for field in group.fields),
            tuple(self.group(inner) for inner in group.groups),
            group.repeated_for,
        )

    def field(self, field: AtrsField) -> FieldEntry:
        parts, gaps = self.filled(field)
        content = tuple(text for part in parts for text in part.paragraphs)
        same_as = self.seen.get(content) if content else None
        if content and same_as is None:
            self.seen[content] = f"{field.ref} - {field.name}"
        return FieldEntry(
            field.ref, field.name, field.key, field.named, parts, gaps, field.not_asked, same_as
        )

    def metadata(self, key: MetadataKey) -> MetadataEntry:
        if key.value is not None:
            value = key.value if isinstance(key.value, list) or not key.multiple else [key.value]
            return MetadataEntry(key.key, key.required, value, note=key.note)
        parts, gaps = self.filled(key)
        if not parts:
            to_fill = key.not_asked or " ".join(
                f"{gap.question} ({gap.source}: {gap.reason})." for gap in gaps
            )
            return MetadataEntry(key.key, key.required, None, to_fill=to_fill)
        text = parts[0].text
        return MetadataEntry(
            key.key, key.required, [text] if key.multiple else text, parts[0].source, key.note
        )

    def filled(self, field: FilledField) -> tuple[tuple[Part, ...], tuple[Gap, ...]]:
        """The parts the field's sources give (only the first with ``use: first``), and the gaps."""
        parts: list[Part] = []
        gaps: list[Gap] = []
        for source in field.from_:
            found = self.part(source)
            if isinstance(found, Part):
                parts.append(found)
            else:
                gaps.append(found)
        if field.use == "first":
            parts = parts[:1]
        return tuple(parts), (() if parts else tuple(gaps))

    def part(self, source: Source) -> Part | Gap:
        if source.manifest is not None:
            return self.from_manifest(source, source.manifest)
        if source.profile is not None:
            return self.from_profile(source, source.profile)
        result = self.results[source.target]
        return self.from_links(source, result) if source.links else self.from_answer(source, result)

    def from_manifest(self, source: Source, key: str) -> Part | Gap:
        question = manifest_key(key) or key
        text = _text(self.manifest.lookup(key))
        if not text:
            return Gap(source.target, question, "not given in charter.yaml")
        if source.only is not None and _kind_of_contact(text) != source.only:
            kind = "an email address" if source.only == "email" else "an https web page"
            return Gap(source.target, question, f"not {kind}")
        if source.values:
            translated = source.values.get(text)
            if translated is None:
                return Gap(source.target, question, f"'{text}' has no equivalent in the standard")
            text = translated
        return Part(str(source), key, slug(text) if source.slug else text)

    def from_profile(self, source: Source, flag: str) -> Part | Gap:
        holds = self.profile.get(flag)
        question = self.charter.profile_question(flag)
        if holds is None or question is None:
            return Gap(source.target, question.question if question else flag, "the profile does not say")
        return Part(str(source), flag, _sentence(question.phrase(holds)))

    def from_answer(self, source: Source, result: CriterionResult) -> Part | Gap:
        criterion = result.criterion
        evidence = tuple(item.reference for item in result.evidence if item.state.usable)
        if result.status not in ANSWERED or not (result.answer_text or evidence):
            return Gap(source.target, criterion.question, _why_unfilled(result))
        missing = result.said("missing")
        notes = (result.notes, f"Still missing: {missing}" if missing else None)
        return Part(
            str(source), criterion.title, _answer_words(result), tuple(n for n in notes if n), evidence
        )

    def from_links(self, source: Source, result: CriterionResult) -> Part | Gap:
        links = [
            item.reference.strip()
            for item in result.evidence
            if item.state is EvidenceState.LINK and https_url_problem(item.reference.strip()) is None
        ]
        if result.status not in ANSWERED:
            return Gap(source.target, result.criterion.question, _why_unfilled(result))
        if not links:
            return Gap(source.target, result.criterion.question, "no https link among the evidence cited")
        return Part(str(source), result.criterion.title, "\n".join(links))


def to_fill(not_asked: str | None, gaps: tuple[Gap, ...]) -> str:
    """Why the charter asks nothing that fills a field, or each question that would, and why it
    has not: 'Who is accountable ...? (accountability.accountable-person: not answered yet).'"""
    if not_asked is not None:
        return not_asked
    return " ".join(f"{gap.question} ({gap.source}: {gap.reason})." for gap in gaps)


def _text(value: Any) -> str:
    """A manifest value as text: a person as 'name, role, organisation'."""
    if isinstance(value, Mapping):
        return ", ".join(
            str(part).strip() for part in value.values() if isinstance(part, str) and part.strip()
        )
    return "" if value is None else str(value).strip()


def _kind_of_contact(text: str) -> str | None:
    if contact_problem(text) is not None:
        return None
    return "https-link" if text.lower().startswith("https://") else "email"


def _answer_words(result: CriterionResult) -> str:
    """An answer as a reader of the record needs it: a yes or no with its question, a date in words."""
    answer = result.answer_text or ""
    kind = result.criterion.answer
    if kind is AnswerKind.YES_NO and answer:
        return f"{result.criterion.question} {answer.capitalize()}."
    if kind is AnswerKind.DATE:
        day = parse_date(answer)
        return long_date(day) if day else answer
    return answer


def _why_unfilled(result: CriterionResult) -> str:
    status = result.status
    if status is CriterionStatus.NOT_KNOWN:
        finder, by = result.said("who_will_find_out"), result.said("find_out_by")
        who = f"; {finder} will find out" if finder else ""
        when = f" by {by}" if by and who else ""
        return f"not known yet{who}{when}"
    if status is CriterionStatus.NOT_APPLICABLE:
        return f"the project says it does not apply: {result.said('justification')}"
    if status is CriterionStatus.NOT_REQUIRED:
        return result.message
    return "not answered yet"


def _sentence(phrase: str) -> str:
    return phrase[:1].upper() + phrase[1:] + "."


def slug(text: str) -> str:
    """``Mersey Valley Teaching Hospitals NHS Foundation Trust`` as GOV.UK writes an organisation's
    slug: ``mersey-valley-teaching-hospitals-nhs-foundation-trust``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", " and ")).strip("-")
