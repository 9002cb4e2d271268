"""The result of judging a manifest against a charter: per criterion, per principle, and overall.
Every renderer (text, JSON, reports, CI formats) is a function of an ``Assessment``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from charter_check.model.charter import Charter, Criterion, CriterionSeverity, Principle
from charter_check.model.findings import Finding, Severity
from charter_check.reading.evidence import EvidenceState


class CriterionStatus(StrEnum):
    """Where a project stands on one criterion."""

    MET = "met"
    NOT_MET = "not_met"
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


OUTSTANDING = (CriterionStatus.NOT_MET, CriterionStatus.MISSING)


# slots: a run over a thousand manifests holds some 60,000 of these at once (see benchmarks/).
@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One cited piece of evidence and what was found when it was looked up."""

    reference: str
    state: EvidenceState


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """The outcome for one criterion, with the answer as given and the evidence cited."""

    criterion: Criterion
    status: CriterionStatus
    message: str
    answer_text: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    justification: str | None = None
    notes: str | None = None

    @property
    def blocking(self) -> bool:
        return self.status in OUTSTANDING and self.criterion.severity is CriterionSeverity.ERROR


@dataclass(frozen=True)
class PrincipleResult:
    """The outcome for one principle."""

    principle: Principle
    status: PrincipleStatus
    criteria: tuple[CriterionResult, ...]
    justification: str | None = None
    """Why the project says the whole principle does not apply, when it says so."""

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
    """A rule the project's configuration switches off, the reason it records, where it says so,
    and the findings the rule would otherwise have reported."""

    rule: str
    reason: str
    configured_in: str
    findings: tuple[Finding, ...] = ()


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

    @property
    def passed(self) -> bool:
        return not any(finding.blocks(self.strict) for finding in self.findings)

    @property
    def verdict(self) -> str:
        return "pass" if self.passed else "fail"

    @property
    def criteria(self) -> list[CriterionResult]:
        return [result for principle in self.principles for result in principle.criteria]

    def criterion_counts(self) -> dict[str, int]:
        counts = Counter(result.status for principle in self.principles for result in principle.criteria)
        return {status.value: counts[status] for status in CriterionStatus}

    def finding_counts(self) -> dict[str, int]:
        counts = Counter(finding.severity for finding in self.findings)
        return {severity.value: counts[severity] for severity in Severity}


def principle_status(results: tuple[CriterionResult, ...]) -> PrincipleStatus:
    """Not met if an error criterion failed; incomplete if one is unanswered; then warnings."""
    found = {(result.criterion.severity, result.status) for result in results}
    statuses = {status for _, status in found}
    if (CriterionSeverity.ERROR, CriterionStatus.NOT_MET) in found:
        return PrincipleStatus.NOT_MET
    if (CriterionSeverity.ERROR, CriterionStatus.MISSING) in found:
        return PrincipleStatus.INCOMPLETE
    if not statuses.isdisjoint(OUTSTANDING):
        return PrincipleStatus.MET_WITH_WARNINGS
    if CriterionStatus.MET in statuses:
        return PrincipleStatus.MET
    return PrincipleStatus.NOT_APPLICABLE
