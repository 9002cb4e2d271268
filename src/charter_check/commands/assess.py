"""``charter-check assess``: the questionnaire. The project and its profile first (again with
``--profile``), then principle by principle the criteria that apply, then an offer to go through
the answers not met, partly done or not known once more. Each answer is checked as it is given and
saved at once, so the user can stop at any prompt (Ctrl-C, or the end of piped input) and carry on
later where they stopped.

Exit codes: 0 the questionnaire reached its end (the summary says whether the manifest passes);
1 the input ended before every question was asked; 2 it could not run; 130 stopped by Ctrl-C.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from charter_check.checking.check import Checking, check_manifest
from charter_check.judging.engine import assess as assess_manifest
from charter_check.model.assessment import Assessment, CriterionResult, CriterionStatus
from charter_check.model.charter import Charter
from charter_check.model.manifest import ManifestDocument
from charter_check.questionnaire.interview import Interview, status_in_words
from charter_check.questionnaire.order import (
    CriterionQuestion,
    ProfileRound,
    Scope,
    criterion_questions,
    find_principle,
    outstanding,
    profile_change,
    profile_default,
    progress,
    saved_answer,
    unanswered,
)
from charter_check.questionnaire.prompting import InputEnded, Prompter
from charter_check.reading.config import Config, config_for
from charter_check.reading.discovery import display_path, manifest_path
from charter_check.reading.loading import (
    CannotRun,
    ManifestFile,
    charter_for,
    parse_manifest,
    read_manifest_file,
)
from charter_check.renderers.text import render_text
from charter_check.writing.atomic import ChangedMeanwhile, locked, rewrite
from charter_check.writing.manifest_writer import ManifestChange, ManifestEditor

EXIT_FINISHED = 0
EXIT_INPUT_ENDED = 1
EXIT_INTERRUPTED = 130
SAVE_ATTEMPTS = 3
REPORT_OPTIONS = ("--format", "html", "-o", "charter-report.html")


@dataclass(frozen=True)
class AssessOptions:
    """What the user asked ``assess`` to do, as parsed by the command line."""

    path: Path
    charter: str | None
    principle: str | None
    everything: bool
    today: dt.date
    profile: bool = False
    """Go through the questions about the project (its block and profile) again."""


def assess(options: AssessOptions, prompter: Prompter | None = None) -> int:
    session = Questionnaire.open(options, prompter or Prompter.for_terminal())
    try:
        session.run()
    except KeyboardInterrupt:
        session.stopped("Stopped.")
        return EXIT_INTERRUPTED
    except InputEnded:
        session.stopped("The input ended.")
        return EXIT_INPUT_ENDED
    session.finish()
    return EXIT_FINISHED


class Questionnaire:
    """One run of the questionnaire over one manifest file."""

    def __init__(
        self,
        options: AssessOptions,
        config: Config,
        charter: Charter,
        document: ManifestDocument,
        prompter: Prompter,
    ):
        self.options = options
        self.config = config
        self.path = manifest_path(options.path)
        self.charter = charter
        self.prompter = prompter
        self.document = document
        self.assessment = self._assess(document)
        self.scope = Scope.EVERYTHING if options.everything else Scope.UNANSWERED
        self.principle_id: str | None = None
        if options.principle is not None:
            self.scope, self.principle_id = Scope.PRINCIPLE, self._principle_id(options.principle)
        self.interview = Interview(prompter, charter, self.path.parent, self.save, options.today)
        self.editor = ManifestEditor(charter)

    @classmethod
    def open(cls, options: AssessOptions, prompter: Prompter) -> Questionnaire:
        path = manifest_path(options.path)
        document = _readable(read_manifest_file(path, display_path(path)), "fix it")
        target = Path(os.path.realpath(path))  # a link is written through, to the file it leads to
        if not (os.access(target, os.W_OK) and os.access(target.parent, os.W_OK)):
            raise CannotRun(
                f"{document.path}: answers cannot be saved here; check the file and its folder can be written"
            )
        config = config_for(path)
        charter = charter_for(options.charter or config.charter, document.manifest.charter)
        config.check_rules(charter)
        return cls(options, config, charter, document, prompter)

    # The run ------------------------------------------------------------------------------------

    def run(self) -> None:
        self._introduce()
        again = self.scope is Scope.EVERYTHING or self.options.profile
        if self.scope is not Scope.PRINCIPLE or self.options.profile:
            changes = self.interview.project_details(self.document.manifest.project, again=again)
            if changes:
                self.save(changes)
            self._ask_profile(again)
        questions = criterion_questions(self.assessment, self.scope, self.principle_id)
        if not questions:
            self.prompter.say()
            self.prompter.say(self._nothing_to_ask())
        self._ask_all(questions)
        self._offer_to_revisit()

    def _offer_to_revisit(self) -> None:
        """Offer to go through the answers not met, partly done or not known once more."""
        again = outstanding(self.assessment, self.principle_id)
        if not again:
            return
        self.prompter.say()
        self.prompter.say(
            f"{len(again)} answer(s) not met, partly done or not known: "
            + ", ".join(question.criterion.id for question in again)
            + "."
        )
        try:
            if not self.prompter.confirm(
                "Go through them again now, saved answers as defaults?", default=False
            ):
                return
        except InputEnded:
            return  # every question was asked; this is only an offer
        self._ask_all(again)

    def _ask_all(self, questions: Sequence[CriterionQuestion]) -> None:
        introduced: set[str] = set()
        for index, question in enumerate(questions):
            if question.principle.id not in introduced:
                asking = sum(1 for q in questions if q.principle == question.principle)
                self.interview.introduce_principle(question.principle, asking)
                introduced.add(question.principle.id)
            self._ask(question, [q.criterion.id for q in questions[index:]])

    def _introduce(self) -> None:
        manifest = self.document.manifest
        left = len(unanswered(self.assessment))
        self.prompter.say(f"Self-assessment of {manifest.project.name} against the {self.charter.title}.")
        self.prompter.say(
            f"Answers are saved in {self.document.path} as you go: stop at any prompt with Ctrl-C."
        )
        self.prompter.say(
            "Type the answer and press Enter. Enter on its own keeps the saved answer shown in "
            "[brackets], or leaves the question for later; 'skip' leaves it for later too."
        )
        if self.scope is Scope.UNANSWERED and left:
            self.prompter.say(f"{left} question(s) unanswered so far.")

    def _ask_profile(self, again: bool) -> None:
        """The profile questions, in the charter's order; one that the answers given settle is not
        asked, and is said to follow from them (a saved answer that contradicts them is cleared)."""
        asked: list[str] = []
        done: set[str] = set()
        while True:
            stated = self.document.manifest.profile
            settled = ProfileRound(self.charter, stated, asked, done, again).settled()
            cleared = [profile_change(step.question, None) for step in settled if step.cleared]
            if cleared:
                self.save(cleared)
            self.interview.settled(settled)
            done.update(step.question.id for step in settled)
            stated = self.document.manifest.profile  # as saved now, without the answers cleared
            question = ProfileRound(self.charter, stated, asked, done, again).next_question()
            if question is None:
                return
            asked.append(question.id)
            answer = self.interview.profile_question(
                question, profile_default(self.charter, stated, question.id)
            )
            if answer is not None and answer is not stated.get(question.id):
                self.save([profile_change(question, answer)])

    def _ask(self, question: CriterionQuestion, still_to_ask: Sequence[str]) -> None:
        criterion = question.criterion
        if self._result(criterion.id).status is CriterionStatus.NOT_REQUIRED:
            return  # an answer given since the list was drawn up means it no longer applies
        question = replace(question, result=self._result(criterion.id))  # as it stands now
        saved = saved_answer(self.document.manifest, criterion)
        where = progress(self.assessment, question, still_to_ask)
        outcome = self.interview.criterion(question, saved, where, self.document)
        result = self._result(criterion.id)
        self.prompter.say(f"  {outcome.value.capitalize()}; {criterion.id} is now {status_in_words(result)}")

    def _result(self, criterion_id: str) -> CriterionResult:
        return next(r for r in self.assessment.criteria if r.criterion.id == criterion_id)

    # Saving -------------------------------------------------------------------------------------

    def save(self, changes: Sequence[ManifestChange]) -> None:
        """Make ``changes`` to the manifest as it is on disk now, under a lock that every ``assess``
        takes, so that answers saved meanwhile by another ``assess`` or an editor are kept, never
        overwritten (one line says so); check the result reads, and write it as ``rewrite`` does:
        whole, through a link, keeping the file's owner, permissions and hard links."""
        for _ in range(SAVE_ATTEMPTS):
            try:
                with locked(self.path):
                    current = self._save_under_lock(changes)
            except ChangedMeanwhile:
                continue  # an editor saved between reading and writing: apply the change again
            except OSError as error:
                raise CannotRun(
                    f"{self.document.path}: the answer cannot be saved ({error.strerror}); check the "
                    "file and its folder can be written, then run assess again"
                ) from None
            self.document = current
            self.assessment = self._assess(current)
            return
        raise CannotRun(
            f"{self.document.path}: the answer cannot be saved: the file kept changing while assess "
            "wrote it; close whatever is editing it, then run assess again"
        )

    def _save_under_lock(self, changes: Sequence[ManifestChange]) -> ManifestDocument:
        file = read_manifest_file(self.path, self.document.path)
        if file.sha256 != self.document.sha256:
            self.prompter.say(
                f"  {self.document.path} was changed by another program since assess read it; the "
                "answer is added to it as it is now, and what the other program saved is kept."
            )
        current = _readable(file, "it was changed while assess was running; fix it, then run assess again")
        before = file.raw.decode("utf-8")
        after = self.editor.apply(before, changes)
        if after == before:
            return current
        changed = ManifestFile(self.path, file.display, after.encode("utf-8"))
        current = _readable(changed, "the answer could not be saved, and the file is unchanged")
        rewrite(self.path, after, expected=file.raw)
        return current

    def _assess(self, document: ManifestDocument) -> Assessment:
        return assess_manifest(self.charter, document, self.options.today)

    # Endings ------------------------------------------------------------------------------------

    def stopped(self, why: str) -> None:
        left = len(unanswered(self.assessment))
        self.prompter.say()
        self.prompter.say(f"{why} Every answer given so far is saved in {self.document.path}.")
        self.prompter.say(f"{left} question(s) still unanswered. To carry on where you stopped, run:")
        self.prompter.say(f"  {self._command('assess')}")

    def finish(self) -> None:
        left = unanswered(self.assessment)
        self.prompter.say()
        if left:
            self.prompter.say(
                f"{len(left)} question(s) still unanswered: {', '.join(r.criterion.id for r in left)}."
            )
            self.prompter.say(f"Answer them later with: {self._command('assess')}")
        else:
            self.prompter.say("Every question that applies has an answer.")
        self.prompter.say()
        how = Checking(today=self.options.today, charter=self.options.charter)
        summary = check_manifest(self.path, how).assessment
        self.prompter.say_preformatted(render_text([summary]).rstrip("\n"))
        self.prompter.say()
        self.prompter.say("To revisit one principle: " + self._command("assess", "--principle", "ID"))
        self.prompter.say("To render the report:      " + self._command("report", *REPORT_OPTIONS))

    def _nothing_to_ask(self) -> str:
        if self.scope is Scope.PRINCIPLE:
            return f"None of the questions of principle '{self.principle_id}' applies to this project."
        return "There are no questions left to ask. To go through them again: " + self._command(
            "assess", "--all"
        )

    def _command(self, verb: str, *options: str) -> str:
        """A command to run next, naming the manifest and charter when they are not the defaults."""
        parts = ["charter-check", verb]
        if self.document.path != "charter.yaml":
            parts.append(shlex.quote(self.document.path))
        if self.options.charter:
            parts += ["--charter", shlex.quote(self.options.charter)]
        return " ".join([*parts, *options])

    def _principle_id(self, wanted: str) -> str:
        principle = find_principle(self.charter, wanted)
        if principle is None:
            known = ", ".join(p.id for p in self.charter.principles)
            raise CannotRun(
                f"--principle {wanted!r} is not a principle of {self.charter.id}; choose one of: {known}"
            )
        return principle.id


def _readable(file: ManifestFile, what_to_do: str) -> ManifestDocument:
    parsed = parse_manifest(file)
    if isinstance(parsed, ManifestDocument):
        return parsed
    first = parsed.findings[0]
    raise CannotRun(f"{first.path}:{first.line}:{first.column}: {first.message}; {what_to_do}")
