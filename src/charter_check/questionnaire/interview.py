"""Asking one question of the questionnaire: a profile question, or a criterion in the form its
kind of answer needs (yes/no, a choice from a list, a date, a person, text, the declaration's
statement), then its evidence; or 'not applicable' with a justification, or 'skip' for now.

Each answer is handed to ``save`` as soon as it is complete, so an interruption at the next
prompt loses nothing already answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from charter_check.answers import kind_of
from charter_check.answers.base import Invalid
from charter_check.answers.date import DATE
from charter_check.answers.person import PERSON_FIELDS, finder_problem, name_problem
from charter_check.answers.yes_no import read_yes_no
from charter_check.judging.engine import contact_problem, facts_about, judge_answer, summary_problem
from charter_check.model.assessment import CriterionResult
from charter_check.model.charter import AnswerKind, Charter, Criterion, Principle, ProfileQuestion, Stage
from charter_check.model.conditions import evaluate
from charter_check.model.evidence import EVIDENCE_ADVICE, EvidenceState
from charter_check.model.manifest import ManifestDocument, Project
from charter_check.model.vocabulary import Vocabulary
from charter_check.model.words import NOT_APPLICABLE_WORDS, NOT_KNOWN_WORDS, PARTLY_WORDS, SKIP_WORDS
from charter_check.questionnaire.order import (
    OUTSTANDING,
    AnswerValue,
    CriterionQuestion,
    Progress,
    SavedAnswer,
    Settled,
    answer_changes,
    evidence_changes,
    not_applicable_changes,
    not_known_changes,
    partly_changes,
    project_change,
)
from charter_check.questionnaire.prompting import Prompter
from charter_check.questionnaire.typed import (
    read_evidence,
    read_justification,
    read_optional,
    read_required,
    read_what_is_missing,
)
from charter_check.reading.evidence import survey_evidence
from charter_check.renderers.labels import CRITERION_STATUS_WORDS, labelled
from charter_check.writing.manifest_writer import ManifestChange

Save = Callable[[Sequence[ManifestChange]], None]
SHOW_IN_FULL = 40
HONEST_WORDS = (
    "if it is not done yet, type 'partly' (and say what is missing) or 'not known' (and who will "
    "find out, by when)"
)
"""At a prompt, the honest ways to answer that a manifest writes as ``status:`` (``HONEST_WAYS``):
what a refusal at the prompt advises instead."""


class Outcome(StrEnum):
    """What the user did with a question."""

    ANSWERED = "answered"
    KEPT = "kept as it was"
    NOT_APPLICABLE = "not applicable"
    PARTLY = "saved as partly done"
    NOT_KNOWN = "saved as not known yet"
    SKIPPED = "skipped"


class _Word(StrEnum):
    SKIP = "skip"
    NOT_APPLICABLE = "n/a"
    PARTLY = "partly"
    NOT_KNOWN = "not known"


@dataclass
class Interview:
    """Asks questions through ``prompter`` and saves each answer with ``save``."""

    prompter: Prompter
    charter: Charter
    project_root: Path
    save: Save
    today: dt.date

    # The project ---------------------------------------------------------------------------------

    def project_details(self, project: Project, again: bool) -> list[ManifestChange]:
        """The summary, contact and stage, asked where they are missing or wrong (all, ``again``)."""
        saved = {"summary": project.summary, "contact": project.contact, "stage": project.stage}
        changes: list[ManifestChange] = []
        asked_any = False
        for field, question in project_questions(self.charter.words).items():
            current = saved[field]
            shown = current.value if isinstance(current, Stage) else current
            if not again and shown is not None and not isinstance(question.read(shown), Invalid):
                continue
            if not asked_any:
                self.prompter.heading("The project")
                asked_any = True
            given = self.prompter.ask(question.label, question.read, shown, said_back=_by_number)
            if given is not None and given != shown:
                changes.append(project_change(field, given))
        return changes

    # Profile ----------------------------------------------------------------------------------

    def profile_question(self, question: ProfileQuestion, default: bool | None) -> bool | None:
        """The answer given, or None when the user kept the default or skipped the question."""
        number = [q.id for q in self.charter.profile].index(question.id) + 1
        self.prompter.say()
        self.prompter.say(f"About the project, question {number} of {len(self.charter.profile)}", "bold")
        self.prompter.say(question.question)
        if question.help:
            self.prompter.say(f"  {question.help}")
        shown = None if default is None else ("yes" if default else "no")
        answer = self.prompter.ask(
            "Answer yes or no ('skip' to leave it for now)", _or_skip(read_yes_no), shown
        )
        return answer if isinstance(answer, bool) else None

    def settled(self, steps: Sequence[Settled]) -> None:
        """Say which profile questions the answers just given settle, so none is skipped silently."""
        for because in dict.fromkeys(step.because for step in steps):
            following = "; ".join(str(step) for step in steps if step.because == because)
            self.prompter.say(f"  Not asked, since {because}: {following}.")

    # Principles and criteria --------------------------------------------------------------------

    def introduce_principle(self, principle: Principle, asking: int) -> None:
        total = len(self.charter.principles)
        self.prompter.heading(f"Principle {principle.number} of {total}: {principle.title}")
        if principle.wording == "charter":
            self.prompter.say(f"The charter says: \u201c{principle.statement}\u201d")
        else:
            self.prompter.say(
                f"In summary (this wording is a summary, not the charter's): {principle.statement}"
            )
        if principle.guidance:
            self.prompter.say(principle.guidance)
        self.prompter.say(f"{asking} question(s) to ask here.")

    def criterion(
        self, question: CriterionQuestion, saved: SavedAnswer, progress: Progress, document: ManifestDocument
    ) -> Outcome:
        criterion = question.criterion
        self._describe(question, saved, progress, document)
        if criterion.answer is AnswerKind.EVIDENCE:
            return self._evidence_only(criterion, saved)
        typed = self._ask_answer(criterion, saved, document)
        word = _word_for(typed, criterion, saved)
        if word is not None:
            return self._act_on(word, criterion, saved)
        keep = typed is None or _unchanged(typed, saved.value)
        answered = self._save_if_changed(
            [] if typed is None or keep else answer_changes(criterion, typed, saved)
        )
        if not judge_answer(
            self.charter, document, criterion, saved.value if keep else typed, self.today
        ).met:
            return answered  # a 'no': evidence would not change the verdict, so none is asked for
        evidence = self._ask_evidence(criterion, saved, offer_words=False)
        cited = self._save_if_changed(
            evidence_changes(criterion, evidence, saved) if isinstance(evidence, list) else []
        )
        return Outcome.ANSWERED if Outcome.ANSWERED in (answered, cited) else Outcome.KEPT

    def _evidence_only(self, criterion: Criterion, saved: SavedAnswer) -> Outcome:
        """A criterion answered by its evidence alone: the evidence prompt is its only prompt."""
        given = self._ask_evidence(criterion, saved, offer_words=True)
        word = _word_for(given, criterion, saved)
        if word is not None:
            return self._act_on(word, criterion, saved)
        return self._save_if_changed(
            evidence_changes(criterion, given, saved) if isinstance(given, list) else []
        )

    def _act_on(self, word: _Word, criterion: Criterion, saved: SavedAnswer) -> Outcome:
        if word is _Word.PARTLY:
            return self._partly(criterion)
        if word is _Word.NOT_KNOWN:
            return self._not_known(criterion)
        return Outcome.SKIPPED if word is _Word.SKIP else self._not_applicable(criterion, saved)

    def _partly(self, criterion: Criterion) -> Outcome:
        """Partly done: what is missing, in words (the answer given so far, if any, is kept)."""
        missing = self.prompter.ask("What is still missing? (a sentence)", read_what_is_missing)
        if missing is None:
            self.prompter.say("  Left as it was: say what is missing to mark it partly done.")
            return Outcome.SKIPPED
        self.save(partly_changes(criterion, missing))
        return Outcome.PARTLY

    def _not_known(self, criterion: Criterion) -> Outcome:
        """Not known yet: who will find out, and by when."""
        who = self.prompter.ask(
            "Who will find out? (name, then role)",
            _checked_by(lambda typed: finder_problem(typed or "", self.charter.words)),
        )
        if who is None:
            self.prompter.say("  Left as it was: say who will find out to mark it not known.")
            return Outcome.SKIPPED
        by = self.prompter.ask(
            "By when? (day/month/year)", DATE.read_typed_for_prompt, said_back=DATE.said_back
        )
        if by is None:
            self.prompter.say("  Left as it was: say by when to mark it not known.")
            return Outcome.SKIPPED
        self.save(not_known_changes(criterion, who, by))
        return Outcome.NOT_KNOWN

    def _save_if_changed(self, changes: list[ManifestChange]) -> Outcome:
        if not changes:
            return Outcome.KEPT
        self.save(changes)
        return Outcome.ANSWERED

    def _describe(
        self, question: CriterionQuestion, saved: SavedAnswer, progress: Progress, document: ManifestDocument
    ) -> None:
        criterion = question.criterion
        say = self.prompter.say
        say()
        say(str(progress), "bold")
        say(f"{criterion.title} [{criterion.id}]")
        say(criterion.question, "bold")
        if criterion.help:
            say(f"  {criterion.help}")
        say(f"  Why it matters: {'; '.join(_source(s.ref, s.url) for s in criterion.sources)}")
        why = self._why_asked(criterion, document)
        if why:
            say(f"  {why}")
        say(f"  Now: {status_in_words(question.result)}. {_saved_text(criterion, saved)}")

    def _why_asked(self, criterion: Criterion, document: ManifestDocument) -> str | None:
        if criterion.applies_when is None:
            return None
        condition = self.charter.when_applies(criterion)
        holds = evaluate(criterion.applies_when, facts_about(self.charter, document))
        if holds is None:
            return f"Asked because it is not yet known whether {condition}."
        return f"Asked because {condition}."

    def _ask_answer(
        self, criterion: Criterion, saved: SavedAnswer, document: ManifestDocument
    ) -> AnswerValue | _Word | None:
        """The answer typed, a word (skip, n/a), or None to keep what is saved."""
        say = self.prompter.say
        words = "'partly' or 'not known' if that is the honest answer; 'skip' to come back to it later" + (
            "; 'n/a' if it does not apply" if criterion.may_be_not_applicable else ""
        )
        for number, choice in enumerate(criterion.choices, start=1):
            say(f"  {number}. {choice.value}: {choice.label}")
        if criterion.answer is AnswerKind.STATEMENT:
            say(f"  The statement: \u201c{criterion.statement}\u201d")
            say(f"Answer yes once it is made in these words (they are saved as the statement); or {words}.")
        else:
            say(f"Answer with {kind_of(criterion).describe(criterion)}; or {words}.")
        default = "n/a" if saved.not_applicable else kind_of(criterion).shown(criterion, saved.value)
        if default and len(default) > SHOW_IN_FULL:
            default = default[: SHOW_IN_FULL - 1].rstrip() + "\u2026"  # in full above, as the saved answer
        if criterion.answer is AnswerKind.PERSON:
            return self._ask_person(criterion, saved)
        kind = kind_of(criterion)
        typed: AnswerValue | _Word | None = self.prompter.ask(
            kind.prompt,
            self._with_words(criterion, lambda text: self._checked(criterion, text, document)),
            default,
            said_back=lambda text, value: (
                None if isinstance(value, _Word) else kind.understood(criterion, text, value)
            ),
        )
        return self._statement(criterion, typed)

    def _checked(self, criterion: Criterion, typed: str, document: ManifestDocument) -> Any:
        """The answer typed, read by its kind and judged as the engine would judge it, refused at
        once if it cannot stand for this project (a choice the charter rejects for it, words that
        do not answer). An answer that is a plain 'no' is taken."""
        value = kind_of(criterion).read_typed(criterion, typed)
        if isinstance(value, Invalid) or criterion.answer is AnswerKind.STATEMENT:
            return value  # yes to a statement means its wording, judged once it is saved
        judgement = judge_answer(self.charter, document, criterion, value, self.today, HONEST_WORDS)
        if judgement.met or judgement.answers_no:
            return value
        return Invalid(judgement.message)

    def _statement(
        self, criterion: Criterion, typed: AnswerValue | _Word | None
    ) -> AnswerValue | _Word | None:
        """For the declaration's statement, 'yes' means the statement in the charter's words."""
        if criterion.answer is not AnswerKind.STATEMENT or not isinstance(typed, bool):
            return typed
        if typed:
            return " ".join((criterion.statement or "").split())
        self.prompter.say("  Left as it is: the declaration can be made later.")
        return _Word.SKIP

    def _ask_person(self, criterion: Criterion, saved: SavedAnswer) -> dict[str, str] | _Word | None:
        """Name, role, organisation and email, a line each; Enter keeps each saved part."""
        current = saved.value if isinstance(saved.value, dict) else {}
        read_name = _checked_by(
            lambda typed: name_problem(typed or "", self.charter.words) if typed else None
        )
        name = self.prompter.ask("Name", self._with_words(criterion, read_name), current.get("name"))
        if isinstance(name, _Word) or (name is None and not current.get("name")):
            return name
        person = {"name": name, "role": self._ask_until_given("Role", current.get("role"))}
        for field in PERSON_FIELDS[2:]:
            person[field] = self.prompter.ask(
                f"{field.capitalize()} (optional)", read_optional, current.get(field)
            )
        given = {key: value or current.get(key) for key, value in person.items()}
        return {key: str(value) for key, value in given.items() if value}

    def _ask_until_given(self, label: str, default: str | None) -> str:
        while True:
            value = self.prompter.ask(label, read_required, default)
            if value or default:
                return value or default or ""
            self.prompter.say(f"  Not accepted: give the {label.lower()}.")

    def _not_applicable(self, criterion: Criterion, saved: SavedAnswer) -> Outcome:
        justification = self.prompter.ask(
            "Why does it not apply? (a sentence)", read_justification, saved.justification
        )
        if justification is None and not saved.justification:
            self.prompter.say("  Left unanswered: a justification is needed to mark it not applicable.")
            return Outcome.SKIPPED
        self.save(not_applicable_changes(criterion, justification or saved.justification or ""))
        return Outcome.NOT_APPLICABLE

    def _ask_evidence(
        self, criterion: Criterion, saved: SavedAnswer, *, offer_words: bool
    ) -> list[str] | _Word | None:
        """The evidence to cite, or None to keep what is cited."""
        note = "; 'none' to cite nothing" if saved.evidence else ""
        self.prompter.say(
            f"Evidence ({criterion.evidence.value}): files in the project or web links (https), "
            f"separated by commas{note}."
        )
        default = ", ".join(saved.evidence) or None
        read: Callable[[str], Any] = read_evidence
        if offer_words:
            read = self._with_words(criterion, read_evidence)
        while True:
            evidence = self.prompter.ask("Evidence", read, default)
            if not isinstance(evidence, list) or self._keep_all(evidence):
                return evidence

    def _keep_all(self, evidence: list[str]) -> bool:
        """Check each reference in the project; one that is not there is kept only if the user says so."""
        survey = survey_evidence(evidence, self.project_root)
        for reference in evidence:
            state = survey[reference]
            if state in (EvidenceState.OUTSIDE_PROJECT, EvidenceState.FOLDER):
                self.prompter.say(f"  Not accepted: '{reference}': {EVIDENCE_ADVICE[state]}.")
                return False
            if state is EvidenceState.INSECURE_LINK:
                self.prompter.say(f"  Kept, with a warning: '{reference}': {EVIDENCE_ADVICE[state]}.")
            if state is EvidenceState.MISSING:
                self.prompter.say(
                    f"  '{reference}' is not in the project (yet); validate will flag it until it is."
                )
                if not self.prompter.confirm(f"  Keep '{reference}'", default=False):
                    self.prompter.say("  Type the evidence again.")
                    return False
        return True

    def _with_words(self, criterion: Criterion, read: Callable[[str], Any]) -> Callable[[str], Any]:
        """``read``, also taking 'skip' and, where the charter allows it, 'n/a'."""

        def read_or_word(typed: str) -> Any:
            word = typed.strip().lower()
            if word in SKIP_WORDS:
                return _Word.SKIP
            if word in PARTLY_WORDS:
                return _Word.PARTLY
            if word in NOT_KNOWN_WORDS:
                return _Word.NOT_KNOWN
            if word in NOT_APPLICABLE_WORDS:
                if criterion.may_be_not_applicable:
                    return _Word.NOT_APPLICABLE
                return Invalid(
                    "this question applies to every project, so it cannot be marked not applicable"
                )
            return read(typed)

        return read_or_word


@dataclass(frozen=True)
class ProjectQuestion:
    """A question about the project block (summary, contact, stage): its label, and how a typed
    answer is read and checked (an ``Invalid`` says what is wrong with it)."""

    label: str
    read: Callable[[str], str | Invalid]


def project_questions(vocabulary: Vocabulary) -> dict[str, ProjectQuestion]:
    """The project block's questions, by field, in the order they are asked; ``init`` and ``assess``
    both ask (and check) them this way."""
    stages = ", ".join(f"{number}. {stage}" for number, stage in enumerate(Stage, 1))
    return {
        "summary": ProjectQuestion(
            "What does the project do, and for whom? (two or three plain sentences, for residents)",
            _checked_by(lambda text: summary_problem(text, vocabulary)),
        ),
        "contact": ProjectQuestion(
            "Where can residents ask about it? (an email address or an https web page)",
            _checked_by(contact_problem),
        ),
        "stage": ProjectQuestion(f"Where is the project now? ({stages})", _read_stage),
    }


def _checked_by(problem: Callable[[str | None], str | None]) -> Callable[[str], str | Invalid]:
    def read(typed: str) -> str | Invalid:
        words = " ".join(typed.split())
        found = problem(words)
        return Invalid(found) if found else words

    return read


def _read_stage(typed: str) -> str | Invalid:
    """A stage by its number or its name."""
    word = typed.strip().lower()
    stages = list(Stage)
    if word.isdigit() and 1 <= int(word) <= len(stages):
        return stages[int(word) - 1].value
    if word in Stage.__members__.values():
        return word
    return Invalid(f"type a number from 1 to {len(stages)}, or one of: " + ", ".join(Stage))


def _by_number(typed: str, value: str) -> str | None:
    """A stage picked by its number, said back by its name: ``3 -> pilot``."""
    return f"{typed.strip()} -> {value}" if typed.strip().isdigit() else None


def _or_skip(read: Callable[[str], Any]) -> Callable[[str], Any]:
    def read_or_skip(typed: str) -> Any:
        return _Word.SKIP if typed.strip().lower() in SKIP_WORDS else read(typed)

    return read_or_skip


def _word_for(typed: object, criterion: Criterion, saved: SavedAnswer) -> _Word | None:
    """'skip' or 'n/a' as typed; or what Enter on its own means: keep a 'not applicable', and
    leave a question with nothing saved for later."""
    if isinstance(typed, _Word):
        return typed
    if typed is None and saved.not_applicable:
        return _Word.NOT_APPLICABLE
    if typed is None and not _has_answer(criterion, saved):
        return _Word.SKIP
    return None


def _has_answer(criterion: Criterion, saved: SavedAnswer) -> bool:
    if criterion.answer is AnswerKind.EVIDENCE:
        return bool(saved.evidence)
    return kind_of(criterion).shown(criterion, saved.value) is not None


def _unchanged(value: Any, saved: Any) -> bool:
    if isinstance(value, dict) and isinstance(saved, dict):
        return {k: v for k, v in saved.items() if v} == value
    return False


def status_in_words(result: CriterionResult) -> str:
    """The status in words, with the engine's reason when the answer is outstanding."""
    words = CRITERION_STATUS_WORDS[result.status]
    return labelled(words, result.message) if result.status in OUTSTANDING else words


def _source(ref: str, url: str | None) -> str:
    return f"{ref} <{url}>" if url else ref


def _saved_text(criterion: Criterion, saved: SavedAnswer) -> str:
    if saved.not_applicable:
        return f"Saved as not applicable: {saved.justification or '(no justification yet)'}"
    shown = kind_of(criterion).shown(criterion, saved.value)
    parts = [f"Saved answer: {shown}" if shown else "No answer saved."]
    if saved.evidence:
        parts.append(f"Evidence: {', '.join(saved.evidence)}.")
    return " ".join(parts)
