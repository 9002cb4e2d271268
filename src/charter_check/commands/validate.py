"""``charter-check validate``: check manifests against their charter and report findings, in the
format a person or a CI system reads. Exit 0 when every manifest passes, 1 when any has findings
that block, 2 when one could not be checked at all (the worst of them wins).

Each manifest is checked and rendered in turn (by several processes when there are many), and
its part of the output written as soon as it and those before it are done, so a run over a
thousand manifests holds little more than one at a time."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TextIO

from charter_check.checking.check import Checking, check_manifest
from charter_check.checking.parallel import map_in_processes, processes_for
from charter_check.commands import ManifestsOptions, check_destination, output_file
from charter_check.reading.discovery import display_path, manifest_paths
from charter_check.reading.loading import CannotRun
from charter_check.reading.stdin import STDIN_ARGUMENT
from charter_check.renderers import Rendered, ValidateFormat, render_one, validate_format

EXIT_PASS = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2
OUTPUT_EXAMPLES = {
    "text": "findings.txt",
    "github": "findings.txt",
    "json": "findings.json",
    "sarif": "findings.sarif",
    "junit": "junit.xml",
    "gitlab": "gl-code-quality-report.json",
}
"""A file name for each format, to suggest when ``-o`` names a folder."""
PROGRESS_FROM = 20
"""Show a progress bar (on a terminal) from this many manifests; below it the bar only flickers."""


@dataclass(frozen=True, kw_only=True)
class ValidateOptions(ManifestsOptions):
    """What the user asked ``validate`` to do: also whether warnings block (``strict``), and the
    least severe finding that blocks (None: the configuration's, else errors)."""

    strict: bool = False
    fail_level: str | None = None


@dataclass
class Tally:
    """What the run has found so far: how many manifests passed and failed, their verdict lines,
    and the problems that stopped some from being checked."""

    verdicts: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failed: int = 0

    def noted(self, outcomes: Iterable[Rendered]) -> Iterator[Rendered]:
        """``outcomes`` as they pass, each noted here."""
        for outcome in outcomes:
            if outcome.problem is not None:
                self.problems.append(outcome.problem)
            else:
                self.verdicts.append(outcome.verdict)
                self.failed += not outcome.passed
            yield outcome

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_CANNOT_RUN
        return EXIT_FINDINGS if self.failed else EXIT_PASS


def validate(options: ValidateOptions) -> int:
    if STDIN_ARGUMENT in options.paths and len(options.paths) > 1:
        raise CannotRun("'-' (standard input) is checked on its own; give '-' alone, or the manifests' paths")
    paths = manifest_paths(options.paths)
    output_format = resolve_format(options.output_format, writing_file=options.output is not None)
    check_destination(
        options.output, paths, force=options.force, what="output", example=OUTPUT_EXAMPLES[output_format]
    )
    how = Checking(
        today=options.today,
        charter=options.charter,
        fail_level=options.fail_level or ("warning" if options.strict else None),
        config_file=options.config,
    )
    tally = Tally()
    with _progress(len(paths)) as advance:
        outcomes = tally.noted(_checked(paths, how, output_format, options.jobs, advance))
        if options.output is None:
            _print(outcomes, output_format, many=len(paths) > 1)
        else:
            _write(options.output, outcomes, output_format, many=len(paths) > 1)
    if options.output is not None:
        sys.stdout.write(_summary_lines(tally))
    for problem in tally.problems:
        sys.stderr.write(f"charter-check: error: {problem}\n")
    return tally.exit_code


def _checked(
    paths: Sequence[Path], how: Checking, output_format: str, jobs: int | None, advance: Callable[[], None]
) -> Iterator[Rendered]:
    """Each manifest checked and rendered, in order. With one manifest, a problem that stops it
    stops the run; with several, it is noted and the others are still checked."""
    check = partial(check_and_render, how=how, output_format=output_format, many=len(paths) > 1)
    for outcome in map_in_processes(check, paths, processes_for(len(paths), jobs)):
        advance()
        if outcome.problem is not None and len(paths) == 1:
            raise CannotRun(outcome.problem)
        yield outcome


def check_and_render(path: Path, how: Checking, output_format: str, many: bool) -> Rendered:
    """One manifest checked and rendered in ``output_format``, or the problem that stopped it;
    run in the worker process that checks it."""
    try:
        assessment = check_manifest(path, how).assessment
    except CannotRun as problem:
        shown = display_path(path)
        message = str(problem)
        return Rendered(problem=message if message.startswith(shown) or not many else f"{shown}: {message}")
    return render_one(assessment, validate_format(output_format), many)


def resolve_format(requested: str, *, writing_file: bool) -> str:
    """``auto`` is ``github`` inside GitHub Actions (when printing), and ``text`` elsewhere."""
    if requested != "auto":
        return requested
    in_actions = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
    return "github" if in_actions and not writing_file else "text"


def _print(outcomes: Iterator[Rendered], output_format: str, *, many: bool) -> None:
    """The output on stdout as it comes (in colour on a terminal that wants it); in GitHub's
    format, the job summary too."""
    from charter_check.renderers.colour import coloured, wants_colour  # noqa: PLC0415 (rich only for colour)

    write = sys.stdout.write
    if output_format == "text" and wants_colour(sys.stdout):
        write = _through(coloured, sys.stdout)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary:
        kept: list[Rendered] = []
        outcomes = _keeping(outcomes, kept)
    _format(output_format).write(outcomes, write, many)
    if output_format == "github" and summary:
        _append_step_summary(Path(summary), kept)


def _write(output: Path, outcomes: Iterator[Rendered], output_format: str, *, many: bool) -> None:
    """The output into ``output``, through a temporary file renamed over it once it is complete."""
    with output_file(output, "check that the folder exists and is writable") as stream:
        _format(output_format).write(outcomes, stream.write, many)


def _format(name: str) -> ValidateFormat:
    return validate_format(name)


def _through(transform: Callable[[str], str], stream: TextIO) -> Callable[[str], object]:
    return lambda text: stream.write(transform(text))


def _keeping(outcomes: Iterator[Rendered], kept: list[Rendered]) -> Iterator[Rendered]:
    for outcome in outcomes:
        kept.append(outcome)
        yield outcome


def _summary_lines(tally: Tally) -> str:
    """The verdict lines, for the log, when the output itself goes to a file."""
    from charter_check.renderers.text import overall_line  # noqa: PLC0415

    lines = list(tally.verdicts)
    if len(tally.verdicts) > 1:
        lines.append(overall_line(len(tally.verdicts) - tally.failed, tally.failed))
    return "".join(line + "\n" for line in lines)


def _append_step_summary(summary: Path, outcomes: Sequence[Rendered]) -> None:
    """Append, never replace: other steps of the job write to the same file."""
    from charter_check.renderers.github import step_summary  # noqa: PLC0415 (GitHub only)

    try:
        with summary.open("a", encoding="utf-8") as stream:
            stream.write(step_summary(outcomes))
    except OSError as error:
        sys.stderr.write(
            f"charter-check: warning: {summary}: cannot add the job summary ({error.strerror})\n"
        )


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal and there are many manifests."""
    if total < PROGRESS_FROM or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield lambda: None
        return
    from rich.console import Console  # noqa: PLC0415 (rich only for a bar on a terminal)
    from rich.progress import Progress  # noqa: PLC0415

    # Refreshed as it advances, not by a thread of its own: worker processes are forked only
    # while no other thread runs.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("Checking manifests", total=total)

        def advance() -> None:
            progress.advance(task, 1)
            progress.refresh()

        yield advance
