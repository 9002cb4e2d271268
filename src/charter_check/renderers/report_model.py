"""What an approval report shows, built once from an ``Assessment`` so that the Markdown and HTML
reports cannot disagree: first what a board decides on (that this is the project's self-assessment,
the verdict in words, outstanding actions grouped by principle, the reviews that are overdue, what
configuration relaxed and what was not examined, who signs and the approving body's decision),
then the detail (each criterion with its answer and evidence, a summary for residents) and the
fingerprints that tie the report to its manifest and charter.

Statuses are the assessment's own; nothing here judges an answer again. The templates only lay
this view out.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from charter_check import __version__
from charter_check.answers.date import long_date, parse_date
from charter_check.judging.engine import contact_problem
from charter_check.model.assessment import (
    DOES_NOT_APPLY,
    OUTSTANDING,
    Assessment,
    CriterionResult,
    CriterionStatus,
    EvidenceItem,
    PrincipleResult,
    PrincipleStatus,
    SwitchedOff,
    Verdict,
)
from charter_check.model.charter import SOURCE_KIND_WORDS, AnswerKind, Criterion, CriterionSeverity, DateRule
from charter_check.model.evidence import EvidenceState, https_url_problem
from charter_check.model.findings import Finding, Severity
from charter_check.model.manifest import Manifest
from charter_check.renderers.labels import (
    CRITERION_STATUS_WORDS,
    PRINCIPLE_STATUS_WORDS,
    criterion_counts,
    unlabelled,
)

WORDING_NOTES = {
    "charter": "The charter's wording.",
    "summary": "A summary written for charter-check, not the charter's own wording.",
}

EVIDENCE_STATE_WORDS = {
    EvidenceState.INSECURE_LINK: "an http:// link, shown but not linked",
    EvidenceState.MISSING: "not found in the project",
    EvidenceState.OUTSIDE_PROJECT: "outside the project folder",
    EvidenceState.ABSOLUTE_PATH: "an absolute path, which cannot be followed",
    EvidenceState.UNSAFE_LINK: "not a link to a web page, so not linked",
    EvidenceState.DISGUISED_LINK: "a link that could disguise where it leads, so not linked",
    EvidenceState.EMPTY: "an empty entry",
    EvidenceState.FOLDER: "a folder, not a document",
}

SELF_ASSESSMENT = (
    "The answers are the project's own, given in its manifest. "
    "charter-check has checked that they answer every criterion that applies, in the form the "
    "charter asks for, and that the evidence they cite can be found; it has not checked that what "
    "they say is true. The decision is the approving body's."
)

DECISIONS = ("Approved", "Approved with conditions", "Not approved")
"""What an approving body may decide, each with a box to tick."""

FINGERPRINT_DIGITS = 12
"""How many hexadecimal digits of a SHA-256 the first page shows: enough to tell files apart at a
glance; the whole is under Integrity."""

RUNNING_HEAD_LENGTH = 60
"""The most characters of a project's name the header of a printed page shows."""


@dataclass(frozen=True)
class ReportContext:
    """What a report needs besides the assessment: the manifest's own words (``None`` when it
    could not be read), the path from the report's folder to the manifest's folder, so evidence
    links work where the report is saved, and a folder of templates that override the bundled ones."""

    manifest: Manifest | None = None
    evidence_root: str = ""
    template_dir: Path | None = None


@dataclass(frozen=True)
class Link:
    """A piece of evidence as shown: its text, where it leads (None when it cannot be followed)
    and why it is not linked."""

    text: str
    href: str | None
    problem: str | None = None


@dataclass(frozen=True)
class FindingView:
    """A finding as shown in a report."""

    severity: str
    message: str
    location: str
    blocks: bool


@dataclass(frozen=True)
class CriterionView:
    """One criterion that applies to the project, with what was answered and what was found."""

    id: str
    title: str
    question: str
    status: str
    status_words: str
    required: bool
    answer: str | None
    evidence: tuple[Link, ...]
    outcome: str
    justification: str | None
    notes: str | None
    findings: tuple[FindingView, ...]
    sources: str
    missing: str | None = None
    who_will_find_out: str | None = None
    find_out_by: str | None = None
    due_by: str | None = None


@dataclass(frozen=True)
class NotExamined:
    """A criterion that does not apply to the project, and why (``by_project``: because the project
    says so, where the charter allows it, rather than by the charter's own conditions; the reason
    is then the project's justification, in its own words)."""

    id: str
    title: str
    reason: str
    by_project: bool = False


@dataclass(frozen=True)
class PrincipleView:
    """One principle: its statement, status, counts and criteria."""

    number: int
    id: str
    title: str
    statement: str
    wording: str
    wording_note: str
    note: str
    status: str
    status_words: str
    counts: str
    criteria: tuple[CriterionView, ...]
    not_required: tuple[NotExamined, ...]
    """The criteria the project's profile does not call for, and why."""


@dataclass(frozen=True)
class Action:
    """One thing to do before approval (or, if advisory, soon after), and why."""

    subject: str
    action: str
    reason: str
    blocks: bool
    location: str | None
    criterion_id: str | None = None
    switched_off: bool = False

    @property
    def label(self) -> str:
        if self.blocks:
            return "Blocks approval"
        return "Switched off" if self.switched_off else "Advisory"

    @property
    def kind(self) -> str:
        """``blocks``, ``switched-off`` or ``advisory``: for a style sheet, beside the words."""
        if self.blocks:
            return "blocks"
        return "switched-off" if self.switched_off else "advisory"


@dataclass(frozen=True)
class ActionGroup:
    """Outstanding actions under one heading: the manifest as a whole, or one principle."""

    heading: str
    anchor: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class DeclarationLine:
    """One part of the declaration of responsibility as the manifest gives it."""

    title: str
    value: str | None
    status: str
    status_words: str


@dataclass(frozen=True)
class SignOff:
    """An approver's block: who signs, in which capacity, and the name and role the manifest gives."""

    capacity: str
    name: str | None
    role: str | None
    organisation: str | None


@dataclass(frozen=True)
class ScheduledReview:
    """A review the project has promised, with its date, whether the date is acceptable and whether
    it has passed without a new date being set (``overdue``)."""

    title: str
    date: str | None
    status: str
    status_words: str
    outcome: str
    overdue: bool = False


@dataclass(frozen=True)
class DecisionField:
    """A space for the approving body to fill in, and how many lines of writing it leaves."""

    label: str
    lines: int = 1


DECISION_FIELDS = (
    DecisionField("Conditions", lines=4),
    DecisionField("Review date"),
    DecisionField("Name"),
    DecisionField("Role"),
    DecisionField("Signature", lines=2),
    DecisionField("Date"),
)


@dataclass(frozen=True)
class ResidentAnswer:
    """A question residents ask, and the project's answer."""

    question: str
    answer: str
    evidence: tuple[Link, ...]


@dataclass(frozen=True)
class ResidentTopic:
    """The answers under one principle, or why none of its questions apply."""

    title: str
    answers: tuple[ResidentAnswer, ...]
    not_applicable: str | None


@dataclass(frozen=True)
class Report:
    """Everything an approval report shows, in the order it shows it."""

    project: str
    organisation: str | None
    stage: str | None
    charter_id: str
    charter_title: str
    charter_version: str
    assessed_on: str
    assessed_on_iso: str
    tool_version: str
    manifest_path: str
    manifest_sha256: str
    charter_sha256: str
    assessed: bool
    verdict: Verdict
    """The assessment's own verdict: whether the project is ready, its headline and its counts."""
    verdict_reasons: tuple[str, ...]
    """The verdict's reasons in words, with where in the report to look."""
    not_examined: tuple[NotExamined, ...]
    principles: tuple[PrincipleView, ...]
    actions: tuple[ActionGroup, ...]
    manifest_notes: tuple[FindingView, ...]
    switched_off: tuple[SwitchedOff, ...]
    declaration: tuple[DeclarationLine, ...]
    declaration_statement: str | None
    sign_offs: tuple[SignOff, ...]
    reviews: tuple[ScheduledReview, ...]
    resident_summary: str | None
    resident_contact: Link | None
    """Where residents can ask about the project: an https page is linked, an email address shown."""
    resident_topics: tuple[ResidentTopic, ...]

    @property
    def blocking_actions(self) -> int:
        return sum(1 for group in self.actions for action in group.actions if action.blocks)

    @property
    def advisory_actions(self) -> int:
        return sum(1 for group in self.actions for action in group.actions if not action.blocks)

    @property
    def self_assessment(self) -> str:
        """What kind of document this is: the project's own account, checked but not verified."""
        return SELF_ASSESSMENT

    @property
    def manifest_fingerprint(self) -> str:
        return self.manifest_sha256[:FINGERPRINT_DIGITS]

    @property
    def charter_fingerprint(self) -> str:
        return self.charter_sha256[:FINGERPRINT_DIGITS]

    @property
    def running_head(self) -> str:
        """The project's name as the header of every printed page shows it: shortened if long."""
        if len(self.project) <= RUNNING_HEAD_LENGTH:
            return self.project
        return self.project[: RUNNING_HEAD_LENGTH - 1].rstrip() + "…"

    @property
    def overdue_reviews(self) -> tuple[ScheduledReview, ...]:
        return tuple(review for review in self.reviews if review.overdue)

    @property
    def not_applicable_by_project(self) -> tuple[NotExamined, ...]:
        """Criteria the project says are not applicable (where the charter allows it), with why."""
        return tuple(item for item in self.not_examined if item.by_project)

    @property
    def not_required_by_charter(self) -> tuple[NotExamined, ...]:
        """Criteria whose condition in the charter does not hold for this project, with why."""
        return tuple(item for item in self.not_examined if not item.by_project)

    @property
    def decisions(self) -> tuple[str, ...]:
        return DECISIONS

    @property
    def decision_fields(self) -> tuple[DecisionField, ...]:
        return DECISION_FIELDS


def build_report(assessment: Assessment, context: ReportContext) -> Report:
    """The view of ``assessment`` that both report formats lay out."""
    charter = assessment.charter
    identity = assessment.manifest
    manifest = context.manifest
    assessed = any(result.status is not PrincipleStatus.NOT_ASSESSED for result in assessment.principles)
    actions = _action_groups(assessment)
    verdict = assessment.judged()
    return Report(
        project=identity.project_name or f"Manifest {identity.path}",
        organisation=identity.organisation,
        stage=manifest.project.stage.value if manifest and manifest.project.stage else None,
        charter_id=charter.id,
        charter_title=charter.title,
        charter_version=charter.version,
        assessed_on=long_date(assessment.assessed_on),
        assessed_on_iso=assessment.assessed_on.isoformat(),
        tool_version=__version__,
        manifest_path=identity.path,
        manifest_sha256=identity.sha256,
        charter_sha256=charter.sha256,
        assessed=assessed,
        verdict=verdict,
        verdict_reasons=_verdict_reasons(assessment, verdict, actions, assessed),
        principles=tuple(_principle_view(assessment, result, context) for result in assessment.principles),
        actions=actions,
        manifest_notes=tuple(
            _finding_view(finding, assessment.strict)
            for finding in assessment.findings
            if finding.criterion is None and finding.severity is Severity.NOTE
        ),
        switched_off=assessment.switched_off,
        not_examined=_not_examined(assessment) if assessed else (),
        declaration=tuple(_declaration_lines(assessment)),
        declaration_statement=_declaration_statement(assessment),
        sign_offs=tuple(_sign_offs(assessment, manifest)),
        reviews=tuple(_reviews(assessment, assessment.assessed_on)),
        resident_summary=manifest.project.summary if manifest else None,
        resident_contact=_contact(manifest.project.contact) if manifest else None,
        resident_topics=tuple(_resident_topics(assessment, context.evidence_root)),
    )


def plural(count: int, singular: str, several: str | None = None) -> str:
    return f"{count} {singular if count == 1 else several or singular + 's'}"


# Verdict ----------------------------------------------------------------------------------------------


def _verdict_reasons(
    assessment: Assessment, judged: Verdict, groups: tuple[ActionGroup, ...], assessed: bool
) -> tuple[str, ...]:
    """Why the project is ready or not, in words, saying where in the report to look."""
    if not assessed:
        return (
            f"charter-check could not read {assessment.manifest.path}, so none of the charter's "
            "criteria could be assessed.",
            "Correct the problems listed under Outstanding actions, then produce this report again.",
        )
    blocking = [action for group in groups for action in group.actions if action.blocks]
    advisory = [action for group in groups for action in group.actions if not action.blocks]
    if judged.ready:
        reasons = [
            "Every criterion that must be met for approval is met, or does not apply to this project "
            "(listed under What was not examined)."
        ]
        if advisory:
            reasons.append(
                f"{plural(len(advisory), 'point')} to address {'does' if len(advisory) == 1 else 'do'} "
                "not block approval (see Outstanding actions)."
            )
        return tuple(reasons)
    reasons = [
        f"{plural(len(blocking), 'outstanding action')} must be completed before approval "
        "(see Outstanding actions)."
    ]
    if judged.partly or judged.not_known:
        reasons.append(
            "The project says honestly where it is only partly done or does not know yet; those "
            "criteria are not met until they are answered in full."
        )
    if advisory:
        reasons.append(f"{plural(len(advisory), 'further advisory point')} should be addressed too.")
    return tuple(reasons)


def _not_examined(assessment: Assessment) -> tuple[NotExamined, ...]:
    """Every criterion that does not apply, with why: by the charter's conditions, or because the
    project says it is not applicable (where the charter allows it), with its justification."""
    return tuple(
        _not_examined_item(result) for result in assessment.criteria if result.status in DOES_NOT_APPLY
    )


def _not_examined_item(result: CriterionResult) -> NotExamined:
    """A criterion that does not apply: by the charter's conditions, or as the project says."""
    by_project = result.status is CriterionStatus.NOT_APPLICABLE
    reason = (
        result.said("justification") or "" if by_project else result.message.removeprefix("does not apply: ")
    )
    return NotExamined(result.criterion.id, result.criterion.title, reason, by_project)


# Outstanding actions -------------------------------------------------------------------------------------


def _action_groups(assessment: Assessment) -> tuple[ActionGroup, ...]:
    groups: list[ActionGroup] = []
    whole = [
        Action(
            subject=f"Line {finding.line}, column {finding.column}",
            action=finding.message,
            reason=_rule_words(finding),
            blocks=finding.blocks(assessment.strict),
            location=None,
        )
        for finding in assessment.findings
        if finding.criterion is None and finding.severity is not Severity.NOTE
    ]
    if whole:
        groups.append(ActionGroup("The manifest as a whole", "actions-manifest", tuple(whole)))
    for result in assessment.principles:
        actions = tuple(_principle_actions(assessment, result))
        if actions:
            heading = f"Principle {result.principle.number}: {result.principle.title}"
            groups.append(ActionGroup(heading, f"actions-{result.principle.id}", actions))
    return tuple(groups)


def _principle_actions(assessment: Assessment, result: PrincipleResult) -> Iterable[Action]:
    for criterion_result in result.criteria:
        criterion = criterion_result.criterion
        subject = f"{criterion.title} ({criterion.id})"
        findings = _findings_for(assessment, criterion.id)
        if criterion_result.status in OUTSTANDING:
            yield Action(
                subject=subject,
                action=criterion.action,
                reason=criterion_result.message,
                blocks=_outstanding_blocks(assessment, criterion_result, findings),
                location=_location(findings[0]) if findings else None,
                criterion_id=criterion.id,
                switched_off=_switched_off(assessment, criterion.id),
            )
            continue
        for finding in findings:
            if finding.severity is not Severity.NOTE:
                yield Action(
                    subject=subject,
                    action=finding.message,
                    reason=_rule_words(finding),
                    blocks=finding.blocks(assessment.strict),
                    location=_location(finding),
                    criterion_id=criterion.id,
                )


def _outstanding_blocks(assessment: Assessment, result: CriterionResult, findings: list[Finding]) -> bool:
    """Whether an unmet or unanswered criterion stops approval: not when the project's configuration
    switches its rule off (the verdict does not count it either)."""
    if _switched_off(assessment, result.criterion.id):
        return False
    if result.blocking or any(finding.blocks(assessment.strict) for finding in findings):
        return True
    return assessment.strict and result.criterion.severity is CriterionSeverity.WARNING


def _switched_off(assessment: Assessment, rule: str) -> bool:
    return any(item.rule == rule for item in assessment.switched_off)


def _findings_for(assessment: Assessment, criterion_id: str) -> list[Finding]:
    return [finding for finding in assessment.findings if finding.criterion == criterion_id]


def _rule_words(finding: Finding) -> str:
    return f"{finding.rule} ({finding.severity.value})"


def _location(finding: Finding) -> str:
    return f"{finding.path}, line {finding.line}, column {finding.column}"


def _finding_view(finding: Finding, strict: bool) -> FindingView:
    return FindingView(finding.severity.value, finding.message, _location(finding), finding.blocks(strict))


# Principles and criteria ---------------------------------------------------------------------------------


def _principle_view(assessment: Assessment, result: PrincipleResult, context: ReportContext) -> PrincipleView:
    principle = result.principle
    shown = [r for r in result.criteria if r.status is not CriterionStatus.NOT_REQUIRED]
    return PrincipleView(
        number=principle.number,
        id=principle.id,
        title=principle.title,
        statement=principle.statement,
        wording=principle.wording,
        wording_note=WORDING_NOTES[principle.wording],
        note=principle.note,
        status=result.status.value,
        status_words=PRINCIPLE_STATUS_WORDS[result.status],
        counts=_counts_words(result),
        criteria=tuple(_criterion_view(assessment, r, context) for r in shown),
        not_required=tuple(
            _not_examined_item(r) for r in result.criteria if r.status is CriterionStatus.NOT_REQUIRED
        ),
    )


def _counts_words(result: PrincipleResult) -> str:
    if result.status is PrincipleStatus.NOT_ASSESSED:
        return "not assessed"
    return criterion_counts(result)


def _criterion_view(assessment: Assessment, result: CriterionResult, context: ReportContext) -> CriterionView:
    criterion = result.criterion
    findings = _findings_for(assessment, criterion.id)
    return CriterionView(
        id=criterion.id,
        title=criterion.title,
        question=criterion.question,
        status=result.status.value,
        status_words=CRITERION_STATUS_WORDS[result.status],
        required=criterion.severity is CriterionSeverity.ERROR,
        answer=result.answer_text,
        evidence=tuple(_link(item, context.evidence_root) for item in result.evidence),
        outcome=result.message,
        justification=result.said("justification"),
        notes=result.notes,
        findings=tuple(
            _finding_view(finding, assessment.strict)
            for finding in findings
            if finding.message != result.message
        ),
        sources="; ".join(f"{source.ref} ({SOURCE_KIND_WORDS[source.type]})" for source in criterion.sources),
        missing=result.said("missing"),
        who_will_find_out=result.said("who_will_find_out"),
        find_out_by=result.said("find_out_by"),
        due_by=result.due_by.value if result.due_by else None,
    )


def _link(item: EvidenceItem, evidence_root: str) -> Link:
    """A file in the project is linked relative to the report; an https link as given; anything
    else (a missing file, a ``javascript:`` or ``http:`` link, an https link with a user name or a
    host name in mixed alphabets) is shown but never linked."""
    reference = item.reference.strip()
    problem = https_url_problem(reference)
    if item.state is EvidenceState.LINK and problem is None:
        return Link(reference, quote(reference, safe=":/?#[]@!$&'()*+,;=%~"))
    if item.state is EvidenceState.FILE:
        target = posixpath.join(evidence_root, reference) if evidence_root else reference
        # A folder name in bytes that are not UTF-8 is linked by those bytes, percent-encoded.
        href = quote(target, safe="/#%~:@!$&'()*+,;=", errors="surrogateescape")
        return Link(reference, relative_href(href))
    if problem is not None and reference.lower().startswith("https:"):
        return Link(item.reference, None, f"not linked: {problem}")
    return Link(item.reference, None, EVIDENCE_STATE_WORDS[item.state])


def _contact(contact: str | None) -> Link | None:
    """The project's contact for residents: an https page linked; an email address shown as text
    (no ``mailto:`` or other scheme ever becomes a link); anything else shown, saying why it is
    not one residents can use."""
    text = (contact or "").strip()
    if not text:
        return None
    problem = contact_problem(text)
    if problem is not None:
        return Link(text, None, "not a contact residents can use")
    if text.lower().startswith("https://"):
        return Link(text, quote(text, safe=":/?#[]@!$&'()*+,;=%~"))
    return Link(text, None, "email address")


def relative_href(href: str) -> str:
    """A link to a file that no browser can read as having a scheme of its own (``javascript:``,
    ``file:``): when a ``:`` comes before the first ``/``, it starts ``./``."""
    return "./" + href if ":" in href.split("/", 1)[0] else href


# Declaration, sign-off and reviews ----------------------------------------------------------------------


def from_declaration(result: CriterionResult) -> bool:
    """Whether the charter reads this criterion's answer from the manifest's ``declaration:`` block."""
    return (result.criterion.answer_from or "").startswith("declaration.")


def _declaration_lines(assessment: Assessment) -> Iterable[DeclarationLine]:
    for result in assessment.criteria:
        if from_declaration(result) and result.criterion.answer is not AnswerKind.STATEMENT:
            yield DeclarationLine(
                result.criterion.title,
                result.answer_text,
                result.status.value,
                CRITERION_STATUS_WORDS[result.status],
            )


def _declaration_statement(assessment: Assessment) -> str | None:
    for result in assessment.criteria:
        if from_declaration(result) and result.criterion.answer is AnswerKind.STATEMENT:
            return result.answer_text
    return None


def _sign_offs(assessment: Assessment, manifest: Manifest | None) -> Iterable[SignOff]:
    """One block for each person the charter asks the project to name and this project needs: the
    accountable officer, the DPO, the Caldicott Guardian when health data is used, the reviewer."""
    declared_first = sorted(assessment.criteria, key=lambda result: not from_declaration(result))
    for result in declared_first:
        criterion = result.criterion
        if criterion.answer is not AnswerKind.PERSON or result.status not in (
            CriterionStatus.MET,
            *OUTSTANDING,
        ):
            continue
        person = _person(manifest, criterion)
        yield SignOff(
            capacity=criterion.signs_as or criterion.title,
            name=person.get("name"),
            role=person.get("role"),
            organisation=person.get("organisation"),
        )


def _person(manifest: Manifest | None, criterion: Criterion) -> dict[str, str]:
    if manifest is None:
        return {}
    if criterion.answer_from:
        value: Any = manifest.lookup(criterion.answer_from)
    else:
        entry = manifest.answers.get(criterion.id) or {}
        value = entry.get("answer")
    if not isinstance(value, Mapping):
        return {}
    return {
        key: text.strip()
        for key, text in value.items()
        if key in ("name", "role", "organisation") and isinstance(text, str) and text.strip()
    }


def _reviews(assessment: Assessment, today: dt.date) -> Iterable[ScheduledReview]:
    """Every date the charter asks to be in the future: the dates the project has promised reviews,
    overdue once the date has come."""
    for result in assessment.criteria:
        criterion = result.criterion
        if criterion.answer is not AnswerKind.DATE or criterion.date_rule is not DateRule.FUTURE:
            continue
        if result.status is CriterionStatus.NOT_REQUIRED:
            continue
        day = parse_date(result.answer_text)
        yield ScheduledReview(
            title=criterion.title,
            date=long_date(day) if day else result.answer_text,
            status=result.status.value,
            status_words=CRITERION_STATUS_WORDS[result.status],
            outcome=unlabelled(CRITERION_STATUS_WORDS[result.status], result.message),
            overdue=day is not None and day <= today,  # as the date rule judges it: due today is due
        )


# Residents ---------------------------------------------------------------------------------------------


def _resident_topics(assessment: Assessment, evidence_root: str) -> Iterable[ResidentTopic]:
    for result in assessment.principles:
        if not result.principle.for_residents or result.status is PrincipleStatus.NOT_ASSESSED:
            continue
        answers = tuple(
            _resident_answer(r, evidence_root)
            for r in result.criteria
            if r.status is not CriterionStatus.NOT_REQUIRED
        )
        reason = None
        if not answers:
            reason = f"None of the questions under {result.principle.title} apply to this project."
        yield ResidentTopic(result.principle.title, answers, reason)


def _resident_answer(result: CriterionResult, evidence_root: str) -> ResidentAnswer:
    question = result.criterion.question
    linked = (_link(item, evidence_root) for item in result.evidence if item.state.usable)
    evidence = tuple(link for link in linked if link.href is not None)  # residents get links that work
    if result.status is CriterionStatus.NOT_APPLICABLE:
        return ResidentAnswer(question, f"Not applicable: {result.said('justification')}", evidence)
    if result.status is CriterionStatus.MISSING or not result.answer_text:
        return ResidentAnswer(question, "Not answered yet.", ())
    answer = result.answer_text
    if result.criterion.answer is AnswerKind.YES_NO:
        answer = answer.capitalize() + "."
    return ResidentAnswer(question, answer, evidence)
