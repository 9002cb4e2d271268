"""The result of judging a manifest against a charter: per criterion, per principle, and overall.
Every renderer (text, JSON, reports, CI formats) is a function of an ``Assessment``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Literal

from charter_check.model.charter import Charter, Criterion, Principle, Stage
from charter_check.model.evidence import EvidenceState
from charter_check.model.findings import Finding, Severity
from charter_check.model.manifest import CriterionAnswer


class CriterionStatus(StrEnum):
    """Where a project stands on one criterion: met; not met; answered only in part; not known
    yet; unanswered; not applicable (the project says so, where the charter allows it, with a
    justification); or not required (the charter's own conditions make it not apply)."""

    MET = "met"
    NOT_MET = "not_met"
    PARTLY = "partly"
    NOT_KNOWN = "not_known"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    NOT_REQUIRED = "not_required"


class PrincipleStatus(StrEnum):
    """Where a project stands on one principle, from the statuses of its criteria."""

    MET = "met"
    MET_WITH_WARNINGS = "met_with_warnings"
    INCOMPLETE = "incomplete"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"


class Readiness(StrEnum):
    """The verdict: ready for approval; not ready (something is not met, or the manifest has an
    error); incomplete (only questions still to answer, or not known yet); or the manifest could
    not be read at all."""

    READY = "ready"
    NOT_READY = "not_ready"
    INCOMPLETE = "incomplete"
    UNREADABLE = "unreadable"


OUTSTANDING = (
    CriterionStatus.NOT_MET,
    CriterionStatus.PARTLY,
    CriterionStatus.NOT_KNOWN,
    CriterionStatus.MISSING,
)
NOT_MET = (CriterionStatus.NOT_MET, CriterionStatus.PARTLY)
TO_ANSWER = (CriterionStatus.MISSING, CriterionStatus.NOT_KNOWN)
DOES_NOT_APPLY = (CriterionStatus.NOT_APPLICABLE, CriterionStatus.NOT_REQUIRED)

SaidField = Literal["justification", "missing", "who_will_find_out", "find_out_by"]
_SAID_WITH: dict[str, CriterionStatus] = {
    "justification": CriterionStatus.NOT_APPLICABLE,
    "missing": CriterionStatus.PARTLY,
    "who_will_find_out": CriterionStatus.NOT_KNOWN,
    "find_out_by": CriterionStatus.NOT_KNOWN,
}
"""Which status each of what a project may say beside its answer goes with."""


# slots: a run over a thousand manifests holds some 60,000 of these at once (see benchmarks/).
@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One cited piece of evidence and what was found when it was looked up."""

    reference: str
    state: EvidenceState


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """The outcome for one criterion, with the answer as given, the evidence cited, and the answer
    entry itself, from which come what the project said alongside: why it does not apply, what is
    missing, who will find out and by when, its notes. ``due_by`` is the stage by which an
    outstanding criterion must be met, when the project has not reached it yet (so it does not
    block now)."""

    criterion: Criterion
    status: CriterionStatus
    message: str
    answer_text: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    entry: CriterionAnswer | None = None
    """The manifest's answer entry for the criterion (empty when none is given; None when it could
    not be read)."""
    due_by: Stage | None = None

    @property
    def notes(self) -> str | None:
        return self.entry.notes if self.entry else None

    def said(self, field: SaidField) -> str | None:
        """What the project says under ``field`` of its answer entry, beside the answer: only with
        the status it goes with (``justification`` when not applicable, ``missing`` when partly,
        ``who_will_find_out`` and ``find_out_by`` when not known)."""
        if self.entry is None or self.status is not _SAID_WITH[field]:
            return None
        value: str | None = getattr(self.entry, field)
        return value

    @property
    def blocking(self) -> bool:
        """Whether it stops approval as things stand (warnings aside)."""
        return self.status in OUTSTANDING and self.criterion.blocks and self.due_by is None

    def blocks(self, strict: bool) -> bool:
        """Whether it stops approval (warnings too, when ``strict``)."""
        return self.blocking or (strict and self.status in OUTSTANDING)


@dataclass(frozen=True)
class PrincipleResult:
    """The outcome for one principle."""

    principle: Principle
    status: PrincipleStatus
    criteria: tuple[CriterionResult, ...]

    def count(self, status: CriterionStatus) -> int:
        return sum(1 for result in self.criteria if result.status is status)


@dataclass(frozen=True)
class ManifestIdentity:
    """Which manifest was assessed, and its fingerprint."""

    path: str
    sha256: str
    project_name: str | None = None
    organisation: str | None = None


@dataclass(frozen=True)
class SwitchedOff:
    """A rule the project's configuration switches off (only ever a warning or a note), the reason
    it records, where it says so, and the findings the rule would otherwise have reported."""

    rule: str
    reason: str
    configured_in: str
    findings: tuple[Finding, ...] = ()

    @property
    def not_counted(self) -> int:
        """How many findings the rule would have reported: none of them counts towards the verdict."""
        return len(self.findings)


@dataclass(frozen=True)
class Verdict:
    """The verdict, its headline in words ('Ready for approval: 51 criteria met, ...'), and the
    counts it rests on."""

    readiness: Readiness
    headline: str
    met: int
    not_met: int
    partly: int
    to_answer: int
    not_known: int
    do_not_apply: int
    relaxed: int
    other_problems: int

    @property
    def ready(self) -> bool:
        return self.readiness is Readiness.READY


_STATUS_WORDS = tuple(status.value for status in CriterionStatus)
_SEVERITY_WORDS = tuple(severity.value for severity in Severity)


@dataclass(frozen=True)
class Assessment:
    """Everything known about one manifest judged against one charter on one date."""

    charter: Charter
    manifest: ManifestIdentity
    assessed_on: dt.date
    principles: tuple[PrincipleResult, ...]
    findings: tuple[Finding, ...]
    strict: bool = False
    switched_off: tuple[SwitchedOff, ...] = ()
    """Rules switched off by configuration; their findings are kept here, not in ``findings``."""
    stage: Stage | None = None

    @property
    def passed(self) -> bool:
        return not any(finding.blocks(self.strict) for finding in self.findings)

    @property
    def assessed(self) -> bool:
        """Whether the manifest could be read, so that its criteria were judged."""
        return any(result.status is not PrincipleStatus.NOT_ASSESSED for result in self.principles)

    @property
    def verdict(self) -> str:
        return "pass" if self.passed else "fail"

    @property
    def criteria(self) -> list[CriterionResult]:
        return [result for principle in self.principles for result in principle.criteria]

    def criterion_counts(self) -> dict[str, int]:
        """How many criteria have each status, by its word (every status, in the order declared)."""
        return dict(self._criterion_counts)

    def finding_counts(self) -> dict[str, int]:
        """How many findings have each severity, by its word (every severity, in the order declared)."""
        return dict(self._finding_counts)

    # Counted once: the verdict line, the summaries and most formats ask for them.

    @cached_property
    def _criterion_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(_STATUS_WORDS, 0)
        for principle in self.principles:
            for result in principle.criteria:
                counts[result.status] += 1  # a StrEnum member finds its word
        return counts

    @cached_property
    def _finding_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(_SEVERITY_WORDS, 0)
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    def judged(self) -> Verdict:
        """The verdict and what it rests on: blocking criteria not met, partly met, to answer or
        not known, and other blocking problems (the manifest's structure, its project block)."""
        return self._judged

    @cached_property
    def _judged(self) -> Verdict:
        """Worked out once: the verdict line and every output format ask for it."""
        criteria = self.criteria
        blocking = [result for result in criteria if result.blocks(self.strict)]
        statuses = Counter(result.status for result in blocking)
        counts = Counter(result.status for result in criteria)
        other = sum(
            1 for finding in self.findings if finding.criterion is None and finding.blocks(self.strict)
        )
        verdict = Verdict(
            readiness=Readiness.READY,
            headline="",
            met=counts[CriterionStatus.MET],
            not_met=statuses[CriterionStatus.NOT_MET],
            partly=statuses[CriterionStatus.PARTLY],
            to_answer=statuses[CriterionStatus.MISSING],
            not_known=statuses[CriterionStatus.NOT_KNOWN],
            do_not_apply=sum(counts[status] for status in DOES_NOT_APPLY),
            relaxed=len(self.switched_off),
            other_problems=other,
        )
        readiness = _readiness(verdict, self.assessed, self.passed)
        return Verdict(
            **{**verdict.__dict__, "readiness": readiness, "headline": _headline(verdict, readiness)}
        )


def _readiness(verdict: Verdict, assessed: bool, passed: bool) -> Readiness:
    if not assessed:
        return Readiness.UNREADABLE
    if passed:
        return Readiness.READY
    if verdict.not_met or verdict.partly or verdict.other_problems:
        return Readiness.NOT_READY
    return Readiness.INCOMPLETE


def _headline(verdict: Verdict, readiness: Readiness) -> str:
    if readiness is Readiness.UNREADABLE:
        return "Not ready for approval: the manifest could not be read"
    if readiness is Readiness.READY:
        return (
            f"Ready for approval: {_count(verdict.met, 'criterion', 'criteria')} met, "
            f"{verdict.do_not_apply} {'does' if verdict.do_not_apply == 1 else 'do'} not apply, "
            f"{verdict.relaxed} relaxed by configuration"
        )
    to_answer = _to_answer(verdict)
    if readiness is Readiness.INCOMPLETE:
        return f"Incomplete: {to_answer}"
    parts = []
    if verdict.not_met or verdict.partly:
        partly = f" ({verdict.partly} partly)" if verdict.partly else ""
        parts.append(f"{_count(verdict.not_met + verdict.partly, 'criterion', 'criteria')} not met{partly}")
    if verdict.to_answer or verdict.not_known:
        parts.append(to_answer)
    if verdict.other_problems:
        parts.append(f"{_count(verdict.other_problems, 'other problem')} in the manifest")
    return "Not ready: " + "; ".join(parts)


def _to_answer(verdict: Verdict) -> str:
    """'3 to answer', '1 not known', or both: the criteria with no answer yet."""
    parts = [(verdict.to_answer, "to answer"), (verdict.not_known, "not known")]
    return ", ".join(f"{number} {words}" for number, words in parts if number) or "0 to answer"


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


def principle_status(results: tuple[CriterionResult, ...]) -> PrincipleStatus:
    """Not met if a criterion that blocks is not met (or partly); incomplete if one is unanswered
    or not known; then warnings; 'not applicable' when none of its criteria applies."""
    blocking = {result.status for result in results if result.blocking}
    statuses = {result.status for result in results}
    if not blocking.isdisjoint(NOT_MET):
        return PrincipleStatus.NOT_MET
    if not blocking.isdisjoint(TO_ANSWER):
        return PrincipleStatus.INCOMPLETE
    if not statuses.isdisjoint(OUTSTANDING):
        return PrincipleStatus.MET_WITH_WARNINGS
    if CriterionStatus.MET in statuses:
        return PrincipleStatus.MET
    return PrincipleStatus.NOT_APPLICABLE
