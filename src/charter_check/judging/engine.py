"""The assessment engine: ``assess(charter, manifest, today)`` judges a loaded manifest against a
charter. It is pure: no file access, no clock, no printing. Everything it needs (evidence lookups,
positions in the file, the date) comes in as arguments, so results are reproducible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from charter_check.answers import kind_of
from charter_check.answers.base import AnswerContext
from charter_check.model.assessment import (
    Assessment,
    CriterionResult,
    CriterionStatus,
    EvidenceItem,
    ManifestIdentity,
    PrincipleResult,
    PrincipleStatus,
    principle_status,
)
from charter_check.model.charter import Charter, Criterion, CriterionSeverity, EvidenceNeed, Principle
from charter_check.model.conditions import evaluate
from charter_check.model.findings import (
    Finding,
    Severity,
    YamlPath,
    did_you_mean,
    dotted_path,
    finding_sort_key,
)
from charter_check.model.manifest import AnswerStatus, CriterionAnswer, ManifestDocument
from charter_check.reading.evidence import EVIDENCE_ADVICE, EvidenceState

MIN_JUSTIFICATION = 15
# "Did you mean" is for typos. Past this many unknown keys it helps nobody, and comparing each with
# every criterion id would make a hostile manifest with thousands of keys take minutes.
MAX_SUGGESTIONS = 50
_UNANSWERED = CriterionAnswer()


def assess(
    charter: Charter, document: ManifestDocument, today: dt.date, *, strict: bool = False
) -> Assessment:
    """Judge ``document`` against ``charter`` as of ``today``."""
    return _Assessor(charter, document, today).run(strict)


def unassessable(
    charter: Charter,
    path: str,
    sha256: str,
    findings: Iterable[Finding],
    today: dt.date,
    *,
    strict: bool = False,
) -> Assessment:
    """The assessment of a manifest that could not be read: its findings, and every principle
    marked not assessed, so that reports and JSON keep their shape."""
    principles = tuple(
        PrincipleResult(principle, PrincipleStatus.NOT_ASSESSED, ()) for principle in charter.principles
    )
    return Assessment(
        charter=charter,
        manifest=ManifestIdentity(path=path, sha256=sha256),
        assessed_on=today,
        principles=principles,
        findings=tuple(sorted(findings, key=finding_sort_key)),
        strict=strict,
    )


def effective_profile(charter: Charter, stated: Mapping[str, bool | None]) -> dict[str, bool | None]:
    """The profile as stated, completed by what the charter says each answer implies: health
    data is special-category data, so a project with no personal data has no health data."""
    profile = {question.id: stated.get(question.id) for question in charter.profile}
    changed = True
    while changed:
        changed = False
        for question in charter.profile:
            for implied in question.implies:
                if profile.get(question.id) is True and profile.get(implied) is None:
                    profile[implied] = True
                    changed = True
                elif profile.get(implied) is False and profile.get(question.id) is None:
                    profile[question.id] = False
                    changed = True
    return profile


class _Assessor:
    """Walks the charter once, collecting a result per criterion and findings as it goes."""

    def __init__(self, charter: Charter, document: ManifestDocument, today: dt.date) -> None:
        self.charter = charter
        self.document = document
        self.manifest = document.manifest
        self.today = today
        self.findings: list[Finding] = []
        self.profile = self._effective_profile()
        self.suggestions_left = MAX_SUGGESTIONS
        self._contexts: dict[int, AnswerContext] = {}
        """What checkers may consult, by the number of usable evidence items (all else is the same)."""

    def run(self, strict: bool) -> Assessment:
        self._check_charter_identity()
        self._check_profile()
        self._check_unknown_keys()
        principles = tuple(self._principle(principle) for principle in self.charter.principles)
        project = self.manifest.project
        return Assessment(
            charter=self.charter,
            manifest=ManifestIdentity(
                path=self.document.path,
                sha256=self.document.sha256,
                project_name=project.name,
                organisation=project.organisation,
            ),
            assessed_on=self.today,
            principles=principles,
            findings=tuple(sorted(self.findings, key=finding_sort_key)),
            strict=strict,
        )

    # Findings -----------------------------------------------------------------------------------

    def _find(
        self,
        rule: str,
        severity: Severity,
        message: str,
        where: YamlPath,
        *,
        at_key: bool = False,
        criterion: Criterion | None = None,
    ) -> None:
        position = self.document.positions.locate(where, at_key=at_key)
        principle = self.charter.principle_of(criterion.id) if criterion else None
        self.findings.append(
            Finding(
                rule=rule,
                severity=severity,
                message=message,
                path=self.document.path,
                line=position.line,
                column=position.column,
                criterion=criterion.id if criterion else None,
                principle=principle.id if principle else None,
                yaml_path=dotted_path(where),
            )
        )

    def _suggest(self, word: str, candidates: list[str]) -> str:
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        return did_you_mean(word, candidates)

    # Manifest-wide checks -------------------------------------------------------------------------

    def _check_charter_identity(self) -> None:
        if self.manifest.charter != self.charter.id:
            self._find(
                "manifest.charter-mismatch",
                Severity.ERROR,
                f"the manifest answers charter '{self.manifest.charter}' but is being checked "
                f"against '{self.charter.id}'; correct 'charter:' or pass --charter",
                ("charter",),
            )
        version = self.manifest.charter_version
        if version is not None and version != self.charter.version:
            self._find(
                "manifest.charter-version",
                Severity.WARNING,
                f"the manifest answers version {version} of the charter; this is version "
                f"{self.charter.version}: review your answers against it, then set "
                f'charter_version: "{self.charter.version}"',
                ("charter_version",),
            )

    def _effective_profile(self) -> dict[str, bool | None]:
        return effective_profile(self.charter, self.manifest.profile)

    def _check_profile(self) -> None:
        known = [question.id for question in self.charter.profile]
        for key in self.manifest.profile:
            if key not in known:
                self._find(
                    "manifest.unknown-profile-question",
                    Severity.ERROR,
                    f"unknown profile question '{key}'{self._suggest(key, known)}",
                    ("profile", key),
                    at_key=True,
                )
        for question in self.charter.profile:
            stated = self.manifest.profile.get(question.id)
            if stated is None and self.profile.get(question.id) is None:
                self._find(
                    "profile.unanswered",
                    Severity.WARNING,
                    f"say whether {question.label} ('{question.id}: true' or 'false'); until "
                    "then every criterion that depends on it applies",
                    ("profile", question.id),
                )
            if stated is not True:
                continue
            for implied in question.implies:
                if self.manifest.profile.get(implied) is False:
                    self._find(
                        "profile.contradiction",
                        Severity.ERROR,
                        f"'{question.id}' is true, and {question.label} means "
                        f"{self.charter.profile_label(implied)}: set '{implied}: true'",
                        ("profile", implied),
                    )

    def _check_unknown_keys(self) -> None:
        criterion_ids = [criterion.id for criterion in self.charter.criteria]
        for key in self.manifest.answers:
            if key not in criterion_ids:
                self._find(
                    "manifest.unknown-criterion",
                    Severity.ERROR,
                    f"'{key}' is not a criterion of {self.charter.id}{self._suggest(key, criterion_ids)}",
                    ("answers", key),
                    at_key=True,
                )
        principle_ids = [principle.id for principle in self.charter.principles]
        for key, justification in self.manifest.principles_not_applicable.items():
            where: YamlPath = ("principles_not_applicable", key)
            principle = self.charter.principle(key)
            if principle is None:
                self._find(
                    "manifest.unknown-principle",
                    Severity.ERROR,
                    f"'{key}' is not a principle of {self.charter.id}{self._suggest(key, principle_ids)}",
                    where,
                    at_key=True,
                )
            elif not principle.may_be_not_applicable:
                self._find(
                    "manifest.principle-always-applies",
                    Severity.ERROR,
                    f"principle {principle.number} ({principle.title}) applies to every project "
                    "and cannot be marked not applicable; answer its criteria instead",
                    where,
                    at_key=True,
                )
            elif not _justified(justification):
                self._find(
                    "manifest.justification-missing",
                    Severity.ERROR,
                    f"explain in a sentence why principle {principle.number} ({principle.title}) "
                    "does not apply to this project",
                    where,
                )

    # Principles and criteria -----------------------------------------------------------------------

    def _principle(self, principle: Principle) -> PrincipleResult:
        results = tuple(self._criterion(principle, criterion) for criterion in principle.criteria)
        waiver = self.manifest.principles_not_applicable.get(principle.id)
        justification = waiver if principle.may_be_not_applicable and _justified(waiver) else None
        return PrincipleResult(principle, principle_status(results), results, justification)

    def _criterion(self, principle: Principle, criterion: Criterion) -> CriterionResult:
        where: YamlPath = ("answers", criterion.id)
        problems = self.document.entry_problems.get(criterion.id)
        if problems:
            self.findings += problems
            return CriterionResult(
                criterion, CriterionStatus.NOT_MET, "the answer entry is not valid; fix it"
            )
        raw = self.manifest.answers.get(criterion.id)
        entry = self.document.entries.get(criterion.id, _UNANSWERED)
        applies = evaluate(criterion.applies_when, self.profile)
        if applies is False:
            return self._not_required(criterion, entry, where, raw is not None)
        evidence = self._evidence(criterion, entry, where)
        if criterion.answer_from:
            value, value_at = self.manifest.lookup(criterion.answer_from), _dotted_path(criterion.answer_from)
        else:
            value, value_at = entry.answer, (*where, "answer")
        status = entry.stated_status(value)
        if status is AnswerStatus.PENDING and self._waived_with_principle(principle, criterion):
            waiver = self.manifest.principles_not_applicable.get(principle.id)
            status, entry = AnswerStatus.NOT_APPLICABLE, _with_justification(entry, waiver)
        if status is AnswerStatus.NOT_APPLICABLE:
            return self._not_applicable(criterion, entry, where, evidence)
        if status is AnswerStatus.PENDING:
            return self._missing(criterion, entry, value_at, evidence)
        return self._judge(criterion, entry, value, (value_at, where), evidence)

    def _waived_with_principle(self, principle: Principle, criterion: Criterion) -> bool:
        """An unanswered criterion counts as not applicable when its whole principle is marked so,
        unless the charter says the criterion always needs an answer."""
        return (
            principle.id in self.manifest.principles_not_applicable
            and criterion.may_be_not_applicable
            and criterion.answer_from is None
        )

    def _not_required(
        self, criterion: Criterion, entry: CriterionAnswer, where: YamlPath, answered: bool
    ) -> CriterionResult:
        condition = self.charter.when_applies(criterion)
        message = f"not required: applies only when {condition}"
        if answered and entry.stated_status(entry.answer) is not AnswerStatus.PENDING:
            self._find(
                "manifest.answer-ignored",
                Severity.NOTE,
                f"this answer is ignored: '{criterion.id}' applies only when {condition}",
                where,
                at_key=True,
                criterion=criterion,
            )
        return CriterionResult(criterion, CriterionStatus.NOT_REQUIRED, message)

    def _not_applicable(
        self,
        criterion: Criterion,
        entry: CriterionAnswer,
        where: YamlPath,
        evidence: tuple[EvidenceItem, ...],
    ) -> CriterionResult:
        if not criterion.may_be_not_applicable:
            message = (
                f"'{criterion.title}' applies to every project and cannot be marked not applicable; answer it"
            )
            return self._unmet(criterion, entry, (*where, "status"), message, evidence)
        if not _justified(entry.justification):
            message = (
                "marked not applicable without a justification; explain in a sentence why it does not apply"
            )
            return self._unmet(criterion, entry, where, message, evidence)
        return CriterionResult(
            criterion,
            CriterionStatus.NOT_APPLICABLE,
            "not applicable, with justification",
            evidence=evidence,
            justification=entry.justification,
            notes=entry.notes,
        )

    def _missing(
        self,
        criterion: Criterion,
        entry: CriterionAnswer,
        where: YamlPath,
        evidence: tuple[EvidenceItem, ...],
    ) -> CriterionResult:
        message = f"unanswered: {criterion.question}"
        if criterion.answer_from:
            message += f" (fill in '{criterion.answer_from}')"
        self._find(criterion.id, _severity(criterion), message, where, criterion=criterion)
        return CriterionResult(
            criterion, CriterionStatus.MISSING, message, evidence=evidence, notes=entry.notes
        )

    def _judge(
        self,
        criterion: Criterion,
        entry: CriterionAnswer,
        value: Any,
        places: tuple[YamlPath, YamlPath],
        evidence: tuple[EvidenceItem, ...],
    ) -> CriterionResult:
        """Check the answer by its kind, then the evidence. ``places`` are the paths of the answer
        value and of the whole answer entry."""
        value_at, entry_at = places
        broken = [item for item in evidence if not item.state.usable]
        usable = len(evidence) - len(broken)
        context = self._contexts.get(usable)
        if context is None:
            context = self._contexts[usable] = AnswerContext(self.today, self.profile, usable)
        judgement = kind_of(criterion).judge(criterion, value, context)
        if not judgement.met:
            return self._unmet(criterion, entry, value_at, judgement.message, evidence, judgement.answer_text)
        if broken:
            message = f"evidence '{broken[0].reference}' cannot be used: {EVIDENCE_ADVICE[broken[0].state]}"
            return self._unmet(criterion, entry, None, message, evidence, judgement.answer_text)
        if criterion.evidence is EvidenceNeed.REQUIRED and not usable:
            message = (
                "evidence is required: cite a file in the project or an https link that shows it "
                f"({criterion.action_clause})"
            )
            return self._unmet(criterion, entry, entry_at, message, evidence, judgement.answer_text)
        return CriterionResult(
            criterion,
            CriterionStatus.MET,
            judgement.message,
            answer_text=judgement.answer_text,
            evidence=evidence,
            notes=entry.notes,
        )

    def _unmet(
        self,
        criterion: Criterion,
        entry: CriterionAnswer,
        where: YamlPath | None,
        message: str,
        evidence: tuple[EvidenceItem, ...],
        answer_text: str | None = None,
    ) -> CriterionResult:
        if where is not None:
            self._find(criterion.id, _severity(criterion), message, where, criterion=criterion)
        return CriterionResult(
            criterion,
            CriterionStatus.NOT_MET,
            message,
            answer_text=answer_text,
            evidence=evidence,
            justification=entry.justification,
            notes=entry.notes,
        )

    def _evidence(
        self, criterion: Criterion, entry: CriterionAnswer, where: YamlPath
    ) -> tuple[EvidenceItem, ...]:
        """The evidence cited, each broken reference reported where it is written."""
        if not entry.evidence:
            return ()
        items: list[EvidenceItem] = []
        for index, reference in enumerate(entry.evidence):
            state = self.document.evidence.get(reference, EvidenceState.MISSING)
            items.append(EvidenceItem(reference, state))
            if not state.usable:
                self._find(
                    criterion.id,
                    _severity(criterion),
                    f"evidence '{reference}': {EVIDENCE_ADVICE[state]}",
                    (*where, "evidence", index),
                    criterion=criterion,
                )
        return tuple(items)


def _severity(criterion: Criterion) -> Severity:
    return Severity.ERROR if criterion.severity is CriterionSeverity.ERROR else Severity.WARNING


def _justified(justification: str | None) -> bool:
    return justification is not None and len(justification.strip()) >= MIN_JUSTIFICATION


def _with_justification(entry: CriterionAnswer, justification: str | None) -> CriterionAnswer:
    return entry.model_copy(update={"justification": entry.justification or justification})


def _dotted_path(dotted: str) -> YamlPath:
    return tuple(dotted.split("."))
