"""The assessment engine: ``assess(charter, document, today)`` judges a loaded manifest against a
charter. It is pure: no file access, no clock, no printing. Everything it needs (evidence lookups,
positions in the file, the date) comes in as arguments, so results are reproducible.

What it holds a project to, in the order a board would ask:

- the project block: a plain-English summary, a contact residents can use, the stage;
- which criteria apply, by the charter's own conditions on the profile, the stage and other
  answers (a project cannot set a principle aside, and marks a criterion not applicable only
  where the charter allows it, never one resting on the law, and with a justification that says
  something);
- each answer by its kind (``answers``), words that do not answer refused ('TBC', 'No measures
  have been set.', the question copied back, one paragraph pasted under several questions);
- the honest states: ``partly`` (with what is missing) and ``not_known`` (with who will find
  out and by when) are outstanding, never met;
- criteria about live operation bind from the stage they are due by; before it they are warnings
  that name the stage;
- evidence: each unusable reference is a finding of its own; a criterion that needs evidence
  fails only when none of its evidence can be used.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

from charter_check.answers import kind_of
from charter_check.answers.base import AnswerContext, Judgement
from charter_check.answers.date import parse_date
from charter_check.answers.person import finder_problem
from charter_check.answers.quality import HONEST_WAYS, non_answer
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
from charter_check.model.charter import AnswerKind, Charter, Criterion, EvidenceNeed, Principle, Stage
from charter_check.model.conditions import Facts, evaluate, why_not
from charter_check.model.evidence import EVIDENCE_ADVICE, EvidenceState, https_url_problem
from charter_check.model.findings import (
    Finding,
    Severity,
    YamlPath,
    did_you_mean,
    dotted_path,
    finding_sort_key,
)
from charter_check.model.manifest import AnswerStatus, CriterionAnswer, ManifestDocument
from charter_check.model.visible import hidden_character, visible
from charter_check.model.vocabulary import Vocabulary, plain_words

MIN_JUSTIFICATION = 15
MIN_SUMMARY = 80
"""A plain-English summary a resident can read: two or three sentences at least."""
SAME_TEXT_FROM = 40
"""Text answers this long or longer must not be the same under two questions."""
SUMMARY_HINT = "what the project does, and for whom, in two or three plain sentences"
"""What ``init`` writes beside an empty summary: copied in, it is not a summary."""
# "Did you mean" is for typos. Past this many unknown keys it helps nobody, and comparing each with
# every criterion id would make a hostile manifest with thousands of keys take minutes.
MAX_SUGGESTIONS = 50
_UNANSWERED = CriterionAnswer()
_EMAIL = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]+$")


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
    """The profile as stated, completed by what the charter says: what each answer implies (health
    data is special-category data, so a project with no personal data has no health data), and
    'no' for a question that is not asked (``asked_when`` does not hold)."""
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
            if profile[question.id] is None and evaluate(question.asked_when, Facts(profile)) is False:
                profile[question.id] = False
                changed = True
    return profile


NO_CHOICE = ""
"""What a choice criterion counts as having been given when it does not apply (or is marked not
applicable): no value, so a condition on its answer does not hold."""


def facts_about(charter: Charter, document: ManifestDocument) -> Facts:
    """What the charter's conditions are evaluated against: the effective profile, the stage, and
    the listed choice each choice criterion is answered with (in the charter's order, so that a
    criterion that does not apply counts as no choice for the criteria after it)."""
    profile = effective_profile(charter, document.manifest.profile)
    stage = document.manifest.project.stage
    chosen: dict[str, str] = {}
    facts = Facts(profile, stage.value if stage else None, chosen)  # sees each choice as it is added
    for criterion in charter.criteria:
        if criterion.answer is not AnswerKind.CHOICE:
            continue
        entry = document.entries.get(criterion.id)
        if evaluate(criterion.applies_when, facts) is False or (
            entry is not None and entry.status is AnswerStatus.NOT_APPLICABLE
        ):
            chosen[criterion.id] = NO_CHOICE
        elif (
            entry is not None
            and isinstance(entry.answer, str)
            and entry.status in (None, AnswerStatus.ANSWERED)
        ):
            picked = criterion.choice(entry.answer.strip())
            if picked is not None:
                chosen[criterion.id] = picked.value
    return facts


def judge_answer(
    charter: Charter,
    document: ManifestDocument,
    criterion: Criterion,
    value: Any,
    today: dt.date,
    honest_ways: str = HONEST_WAYS,
) -> Judgement:
    """The judgement the engine would give ``value`` as the answer to ``criterion`` in ``document``
    (by its kind, against what is known of the project): what a prompt checks an answer against
    as it is given, saying how to answer honestly in ``honest_ways``."""
    entry = document.entries.get(criterion.id, _UNANSWERED)
    usable = sum(
        1 for reference in entry.evidence if document.evidence.get(reference, EvidenceState.MISSING).usable
    )
    context = AnswerContext(today, facts_about(charter, document), usable, charter.words, honest_ways)
    return kind_of(criterion).judge(criterion, value, context)


class _ByFacts:
    """What follows from one set of facts (profile, stage, choices) under one charter, the same for
    every manifest that shares them: whether each criterion applies (None: the facts leave it
    open), and, as they are asked for, why each that does not apply does not, with its result
    (results are frozen: one serves them all)."""

    def __init__(self, charter: Charter, facts: Facts) -> None:
        self.applying = {
            criterion.id: evaluate(criterion.applies_when, facts) for criterion in charter.criteria
        }
        self.not_required: dict[str, tuple[str, CriterionResult]] = {}


_BY_FACTS: dict[tuple[str, Hashable], _ByFacts] = {}
"""What follows from each set of facts, by charter and facts: many manifests of a run share them."""
MAX_REMEMBERED_FACTS = 10_000


def _by_facts(charter: Charter, facts: Facts, facts_key: Hashable) -> _ByFacts:
    """What follows from ``facts``: worked out once for each set of facts and charter read from a
    file (a charter made in memory has no fingerprint to file it under, so it is worked out anew)."""
    if not charter.sha256:
        return _ByFacts(charter, facts)
    key = (charter.sha256, facts_key)
    known = _BY_FACTS.get(key)
    if known is None:
        if len(_BY_FACTS) > MAX_REMEMBERED_FACTS:
            _BY_FACTS.clear()
        known = _BY_FACTS[key] = _ByFacts(charter, facts)
    return known


class _Assessor:
    """Walks the charter once, collecting a result per criterion and findings as it goes."""

    def __init__(self, charter: Charter, document: ManifestDocument, today: dt.date) -> None:
        self.charter = charter
        self.document = document
        self.manifest = document.manifest
        self.today = today
        self.findings: list[Finding] = []
        self.stage = self.manifest.project.stage
        self.facts = facts_about(charter, document)
        self.facts_key = (
            tuple(self.facts.profile.items()),
            self.facts.stage,
            tuple(sorted(self.facts.choices.items())),
        )
        self.by_facts = _by_facts(charter, self.facts, self.facts_key)
        self.suggestions_left = MAX_SUGGESTIONS
        self.texts: dict[str, Criterion] = {}
        """Each text answer given so far (as compared), and the criterion it answered."""
        self._contexts: dict[int, AnswerContext] = {}
        """What kinds may consult, by the number of usable evidence items (all else is the same)."""

    def run(self, strict: bool) -> Assessment:
        self._check_charter_identity()
        self._check_project()
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
            stage=self.stage,
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

    def _check_project(self) -> None:
        """The project block a board and residents read first: a summary in plain English, a
        contact residents can use, and the stage, which decides what binds now."""
        project = self.manifest.project
        problem = summary_problem(project.summary, self.charter.words)
        if problem:
            self._find("project.summary", Severity.ERROR, problem, ("project", "summary"))
        contact = contact_problem(project.contact)
        if contact:
            self._find("project.contact", Severity.ERROR, contact, ("project", "contact"))
        if project.stage is None:
            self._find(
                "project.stage",
                Severity.ERROR,
                "say where the project is: "
                + ", ".join(Stage)
                + "; the stage decides which criteria bind now",
                ("project", "stage"),
            )

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
            if stated is None and self.facts.profile.get(question.id) is None:
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
        for key in self.manifest.answers:
            retired = self.charter.retired(key)
            if retired is not None:
                now = f"; its question is now part of '{retired.now}'" if retired.now else ""
                self._find(
                    "manifest.answer-ignored",
                    Severity.NOTE,
                    f"'{key}' is no longer asked in version {self.charter.version} of the charter{now}: "
                    f"{retired.reason} Remove the answer",
                    ("answers", key),
                    at_key=True,
                )
            elif self.charter.criterion(key) is None:
                criterion_ids = [criterion.id for criterion in self.charter.criteria]
                self._find(
                    "manifest.unknown-criterion",
                    Severity.ERROR,
                    f"'{key}' is not a criterion of {self.charter.id}{self._suggest(key, criterion_ids)}",
                    ("answers", key),
                    at_key=True,
                )

    # Principles and criteria -----------------------------------------------------------------------

    def _principle(self, principle: Principle) -> PrincipleResult:
        results = tuple(self._criterion(criterion) for criterion in principle.criteria)
        return PrincipleResult(principle, principle_status(results), results)

    def _criterion(self, criterion: Criterion) -> CriterionResult:
        where: YamlPath = ("answers", criterion.id)
        problems = self.document.entry_problems.get(criterion.id)
        if problems:
            self.findings += problems
            return CriterionResult(
                criterion, CriterionStatus.NOT_MET, "the answer entry is not valid; fix it"
            )
        entry = self.document.entries.get(criterion.id, _UNANSWERED)
        if self.by_facts.applying[criterion.id] is False:
            return self._not_required(criterion, entry, where)
        due = self._due_by(criterion)
        evidence = self._evidence(criterion, entry, where)
        if criterion.answer_from:
            value, value_at = self.manifest.lookup(criterion.answer_from), _dotted_path(criterion.answer_from)
        else:
            value, value_at = entry.answer, (*where, "answer")
        outcome = _Outcome(self, criterion, entry, where, evidence, due)
        status = entry.stated_status(value)
        if status is AnswerStatus.NOT_APPLICABLE:
            return self._not_applicable(outcome)
        if status is AnswerStatus.PENDING:
            return outcome.missing(value_at)
        if status is AnswerStatus.ANSWERED and value is None and criterion.answer is not AnswerKind.EVIDENCE:
            said = (
                "'status: answered' is given"
                if entry.status is AnswerStatus.ANSWERED
                else "evidence is cited"
            )
            return outcome.missing(value_at, f"{said}, but no answer")
        if status is AnswerStatus.PARTLY:
            return self._partly(outcome, value)
        if status is AnswerStatus.NOT_KNOWN:
            return self._not_known(outcome)
        return self._judge(outcome, value, value_at)

    def _due_by(self, criterion: Criterion) -> Stage | None:
        """The stage a criterion is due by, when the project has not reached it yet."""
        due = criterion.due_by
        if due is None or self.stage is None or self.stage.order >= due.order:
            return None
        return due

    def _not_required(self, criterion: Criterion, entry: CriterionAnswer, where: YamlPath) -> CriterionResult:
        reason, result = self._does_not_apply(criterion)
        if entry is not _UNANSWERED and entry.stated_status(entry.answer) is not AnswerStatus.PENDING:
            self._find(
                "manifest.answer-ignored",
                Severity.NOTE,
                f"this answer is ignored: '{criterion.id}' does not apply, because {reason}",
                where,
                at_key=True,
                criterion=criterion,
            )
        return result

    def _does_not_apply(self, criterion: Criterion) -> tuple[str, CriterionResult]:
        """Why ``criterion`` does not apply, in words, and its result (see ``_ByFacts``)."""
        known = self.by_facts.not_required.get(criterion.id)
        if known is None:
            reason = why_not(criterion.applies_when, self.facts, self.charter.wording)
            result = CriterionResult(criterion, CriterionStatus.NOT_REQUIRED, f"does not apply: {reason}")
            known = self.by_facts.not_required[criterion.id] = (reason, result)
        return known

    def _not_applicable(self, outcome: _Outcome) -> CriterionResult:
        criterion, entry = outcome.criterion, outcome.entry
        if not criterion.may_be_not_applicable:
            why = (
                "it rests on the law"
                if criterion.statutory
                else "the charter asks it of every project it applies to"
            )
            message = f"'{criterion.title}' cannot be marked not applicable: {why}; answer it"
            return outcome.unmet((*outcome.where, "status"), message)
        justification = " ".join((entry.justification or "").split())
        if len(justification) < MIN_JUSTIFICATION:
            message = (
                "marked not applicable without a justification; explain in a sentence why it does not apply"
            )
            return outcome.unmet(outcome.where, message)
        problem = non_answer(justification, self.charter.words, [criterion.question, criterion.help])
        if problem:
            return outcome.unmet(
                (*outcome.where, "justification"), f"the justification does not say why: {problem}"
            )
        return outcome.result(CriterionStatus.NOT_APPLICABLE, "not applicable, with a justification")

    def _partly(self, outcome: _Outcome, value: Any) -> CriterionResult:
        missing = " ".join((outcome.entry.missing or "").split())
        if not missing or self.charter.words.is_empty_phrase(missing):
            message = "marked 'partly': say what is still missing under 'missing:'"
            return outcome.outstanding(CriterionStatus.PARTLY, (*outcome.where, "status"), message)
        shown = kind_of(outcome.criterion).shown(outcome.criterion, value)
        message = f"partly: still missing: {missing}"
        return outcome.outstanding(CriterionStatus.PARTLY, (*outcome.where, "missing"), message, shown)

    def _not_known(self, outcome: _Outcome) -> CriterionResult:
        entry = outcome.entry
        who = " ".join((entry.who_will_find_out or "").split())
        by = parse_date(entry.find_out_by)
        where = (*outcome.where, "status")
        who_problem = finder_problem(who, self.charter.words)
        if who_problem:
            message = f"marked 'not_known': {who_problem}, under 'who_will_find_out:'"
        elif by is None:
            message = f"marked 'not_known': say by when {who} will find out, as 'find_out_by: YYYY-MM-DD'"
        elif by < self.today:
            message = f"not known: {who} was to find out by {by.isoformat()}, which has passed; answer it now"
        else:
            message = f"not known: {who} will find out by {by.isoformat()}"
        return outcome.outstanding(CriterionStatus.NOT_KNOWN, where, message)

    def _judge(self, outcome: _Outcome, value: Any, value_at: YamlPath) -> CriterionResult:
        """Check the answer by its kind, that it is not another's answer again, then the evidence."""
        criterion, usable = outcome.criterion, outcome.usable
        context = self._contexts.get(usable)
        if context is None:
            context = self._contexts[usable] = AnswerContext(
                self.today, self.facts, usable, self.charter.words
            )
        judgement = kind_of(criterion).judge(criterion, value, context)
        if judgement.met and criterion.answer is AnswerKind.TEXT:
            judgement = self._not_said_before(criterion, judgement)
        if not judgement.met:
            return outcome.unmet((*value_at, *judgement.at), judgement.message, judgement.answer_text)
        if criterion.evidence is EvidenceNeed.REQUIRED and not usable:
            message = (
                "evidence is required: cite a file in the project or a link that shows it "
                f"({criterion.action_clause})"
            )
            return outcome.unmet(outcome.where, message, judgement.answer_text)
        return outcome.result(CriterionStatus.MET, judgement.message, judgement.answer_text)

    def _not_said_before(self, criterion: Criterion, judgement: Judgement) -> Judgement:
        """A text answer given already under another question does not answer this one."""
        text = plain_words(judgement.answer_text or "")
        if len(text) < SAME_TEXT_FROM:
            return judgement
        first = self.texts.setdefault(text, criterion)
        if first is criterion:
            return judgement
        message = (
            f"the same answer is given to '{first.title}' ({first.id}); answer this question in its own words"
        )
        return Judgement(False, message, judgement.answer_text)

    def _evidence(
        self, criterion: Criterion, entry: CriterionAnswer, where: YamlPath
    ) -> tuple[EvidenceItem, ...]:
        """The evidence cited. A reference that cannot be used is a warning of its own, where it is
        written: it fails the criterion only if no other evidence can be used (see ``_judge``)."""
        if not entry.evidence:
            return ()
        items: list[EvidenceItem] = []
        for index, reference in enumerate(entry.evidence):
            state = self.document.evidence.get(reference, EvidenceState.MISSING)
            items.append(EvidenceItem(reference, state))
            advice = EVIDENCE_ADVICE.get(state)
            if advice is not None:
                self._find(
                    criterion.id,
                    Severity.WARNING,
                    f"evidence '{reference}': {advice}",
                    (*where, "evidence", index),
                    criterion=criterion,
                )
        return tuple(items)


class _Outcome:
    """The result of one criterion taking shape: its entry, where it is written, its evidence,
    and the stage it is due by (when not yet reached). Outstanding results are findings too:
    errors when the criterion blocks now, warnings otherwise."""

    def __init__(
        self,
        assessor: _Assessor,
        criterion: Criterion,
        entry: CriterionAnswer,
        where: YamlPath,
        evidence: tuple[EvidenceItem, ...],
        due: Stage | None,
    ) -> None:
        self.assessor = assessor
        self.criterion = criterion
        self.entry = entry
        self.where = where
        self.evidence = evidence
        self.due = due
        self.usable = sum(1 for item in evidence if item.state.usable) if evidence else 0

    def result(
        self, status: CriterionStatus, message: str, answer_text: str | None = None
    ) -> CriterionResult:
        return CriterionResult(
            self.criterion,
            status,
            message,
            answer_text,
            self.evidence,
            self.entry,
            self.due if status is not CriterionStatus.MET else None,
        )

    def outstanding(
        self, status: CriterionStatus, where: YamlPath, message: str, answer_text: str | None = None
    ) -> CriterionResult:
        shown = f"due before {self.due.value}: {message}" if self.due else message
        severity = Severity.ERROR if self.criterion.blocks and self.due is None else Severity.WARNING
        self.assessor._find(self.criterion.id, severity, shown, where, criterion=self.criterion)
        return self.result(status, shown, answer_text)

    def unmet(self, where: YamlPath, message: str, answer_text: str | None = None) -> CriterionResult:
        return self.outstanding(CriterionStatus.NOT_MET, where, message, answer_text)

    def missing(self, where: YamlPath, why: str = "") -> CriterionResult:
        message = f"unanswered: {self.criterion.question}"
        if self.criterion.answer_from:
            message += f" (fill in '{self.criterion.answer_from}')"
        if why:
            message += f" ({why})"
        return self.outstanding(CriterionStatus.MISSING, where, message)


def summary_problem(summary: str | None, vocabulary: Vocabulary) -> str | None:
    """What is wrong with a project's summary for residents, or None."""
    words = " ".join((summary or "").split())
    if not words:
        return "add a summary of what the project does, and for whom, in plain English, for residents"
    problem = non_answer(words, vocabulary, [SUMMARY_HINT], "say what the project does, and for whom")
    if problem is None and len(words) < MIN_SUMMARY:
        problem = (
            f"the summary is {len(words)} characters; residents need two or three plain sentences "
            f"(at least {MIN_SUMMARY} characters) saying what the project does, and for whom"
        )
    return problem


def contact_problem(contact: str | None) -> str | None:
    """What is wrong with a project's contact (an email address or an https web page that could not
    disguise where it leads), or None."""
    text = (contact or "").strip()
    example = "for example data.protection@example.nhs.uk or https://example.gov.uk/contact"
    if not text:
        return "give a contact residents can use: an email address or an https web page"
    if _EMAIL.match(text) and hidden_character(text) is None:
        return None
    shown = visible(text[:60])
    if text.lower().startswith("https://"):
        problem = https_url_problem(text)
        if problem is None:
            return None
        return f"'{shown}' cannot be the contact: {problem}; give the page's plain address ({example})"
    return (
        f"'{shown}' is neither an email address nor an https web page; give one residents can use ({example})"
    )


def _dotted_path(dotted: str) -> YamlPath:
    return tuple(dotted.split("."))
