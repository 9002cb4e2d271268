"""What the oversight register shows, built once so that its HTML, CSV and JSON cannot disagree: for
each project its name, organisation, stage, verdict (``Assessment.judged()``) with the counts it
rests on, the reviews that are overdue and the next one due, the accountable person and the date of
their declaration, and where its approval report is.

Each project's ``RegisterEntry`` is made in the process that checks its manifest and is all that
travels back (a few strings and numbers), so a register of a thousand projects holds little. The
register lists them sorted: those that could not be read or are not ready first, then by name."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from charter_check import __version__
from charter_check.answers.date import long_date, parse_date
from charter_check.model.assessment import DOES_NOT_APPLY, Assessment, CriterionResult, Readiness
from charter_check.model.charter import AnswerKind, DateRule
from charter_check.renderers.labels import NOT_CHECKED, READINESS_WORDS
from charter_check.renderers.report_model import from_declaration

ORDER = (NOT_CHECKED, Readiness.UNREADABLE, Readiness.NOT_READY, Readiness.INCOMPLETE, Readiness.READY)
"""The order of the register: what a board must look at first."""
COUNTS = ("met", "not_met", "partly", "not_known", "to_answer", "do_not_apply", "relaxed")
"""The counts a project's verdict rests on (``Verdict``'s names), in the order the register gives them."""


@dataclass(frozen=True, slots=True)
class Review:
    """A review the charter asks for, and the date it is (or was) due."""

    title: str
    due: dt.date

    @property
    def due_words(self) -> str:
        return long_date(self.due)

    @property
    def words(self) -> str:
        return f"{self.title}, {self.due_words}"


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One project in the register. ``readiness`` is a ``Readiness`` value, or ``not_checked`` when
    the manifest could not be checked at all (``problem`` says why)."""

    project: str
    manifest: str
    readiness: str
    headline: str
    organisation: str | None = None
    stage: str | None = None
    counts: tuple[int, ...] | None = None
    """The counts, in the order of ``COUNTS``; None for a manifest whose criteria were not judged,
    which is not the same as none met, or none outstanding."""
    overdue: tuple[Review, ...] = ()
    next_review: Review | None = None
    accountable: str | None = None
    declared_on: dt.date | None = None
    report: str | None = None
    """The link to the project's approval report, relative to the register; None when there is none."""
    report_path: str = ""
    """Where the report is, or would be written, as the user reads paths."""
    charter: str = ""
    problem: str | None = None

    def count(self, name: str) -> int | None:
        """One of the counts (a name in ``COUNTS``), or None when the criteria were not judged."""
        return None if self.counts is None else self.counts[COUNTS.index(name)]

    @property
    def readiness_words(self) -> str:
        return READINESS_WORDS[self.readiness]

    @property
    def declared_on_words(self) -> str | None:
        return long_date(self.declared_on) if self.declared_on else None

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (ORDER.index(self.readiness), self.project.casefold(), self.manifest)


def register_entry(
    assessment: Assessment, manifest: str, report: str | None, report_path: str
) -> RegisterEntry:
    """The register's line for one assessed manifest (``manifest``: its path as shown)."""
    verdict = assessment.judged()
    identity = assessment.manifest
    overdue, upcoming = _reviews(assessment.criteria, assessment.assessed_on)
    counts = tuple(getattr(verdict, name) for name in COUNTS) if assessment.assessed else None
    return RegisterEntry(
        project=identity.project_name or f"Manifest {manifest}",
        manifest=manifest,
        readiness=verdict.readiness.value,
        headline=verdict.headline,
        organisation=identity.organisation,
        stage=assessment.stage.value if assessment.stage else None,
        counts=counts,
        overdue=overdue,
        next_review=min(upcoming, key=lambda review: review.due, default=None),
        accountable=_declared(assessment.criteria, AnswerKind.PERSON),
        declared_on=parse_date(_declared(assessment.criteria, AnswerKind.DATE)),
        report=report,
        report_path=report_path,
        charter=f"{assessment.charter.title}, version {assessment.charter.version}",
    )


def unchecked_entry(manifest: str, problem: str) -> RegisterEntry:
    """The register's line for a manifest that could not be checked at all."""
    return RegisterEntry(
        project=f"Manifest {manifest}",
        manifest=manifest,
        readiness=NOT_CHECKED,
        headline=f"Not checked: {problem}",
        problem=problem,
    )


def _reviews(results: Iterable[CriterionResult], today: dt.date) -> tuple[tuple[Review, ...], list[Review]]:
    """The reviews that are overdue, and those still to come: every date the charter asks to be in the
    future (a date passed is overdue), and every date it asks to be recent (overdue once it is older
    than the charter allows)."""
    overdue: list[Review] = []
    upcoming: list[Review] = []
    for result in results:
        criterion = result.criterion
        day = parse_date(result.answer_text)
        if criterion.answer is not AnswerKind.DATE or day is None or result.status in DOES_NOT_APPLY:
            continue
        if criterion.date_rule is DateRule.FUTURE:
            (overdue if day < today else upcoming).append(Review(criterion.title, day))
        elif criterion.max_age_days is not None:
            due = day + dt.timedelta(days=criterion.max_age_days)
            if due < today:
                overdue.append(
                    Review(f"{criterion.title} (at least every {criterion.max_age_days} days)", due)
                )
    return tuple(sorted(overdue, key=lambda review: review.due)), upcoming


def _declared(results: Iterable[CriterionResult], kind: AnswerKind) -> str | None:
    """The first answer of this kind read from the manifest's declaration (the accountable person,
    the date of the declaration)."""
    return next(
        (
            r.answer_text
            for r in results
            if from_declaration(r) and r.criterion.answer is kind and r.answer_text
        ),
        None,
    )


@dataclass(frozen=True)
class Register:
    """Every project, in the register's order, and what the register as a whole says."""

    entries: tuple[RegisterEntry, ...]
    assessed_on: dt.date
    tool_version: str = __version__
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def assessed_on_words(self) -> str:
        return long_date(self.assessed_on)

    @property
    def charters(self) -> list[str]:
        return sorted({entry.charter for entry in self.entries if entry.charter})

    @property
    def summary(self) -> str:
        """'3 projects: 1 could not be read, 1 not ready, 1 ready for approval'."""
        parts = [
            f"{count} {READINESS_WORDS[state].lower()}" for state in ORDER if (count := self.counts[state])
        ]
        total = len(self.entries)
        return f"{total} {'project' if total == 1 else 'projects'}: " + ", ".join(parts)

    def __iter__(self) -> Iterator[RegisterEntry]:
        return iter(self.entries)


def build_register(entries: Iterable[RegisterEntry], assessed_on: dt.date) -> Register:
    ordered = tuple(sorted(entries, key=lambda entry: entry.sort_key))
    counts = Counter(entry.readiness for entry in ordered)
    return Register(ordered, assessed_on, counts={state: counts[state] for state in ORDER})
