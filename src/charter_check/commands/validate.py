"""``charter-check validate``: check manifests against their charter and report findings, in the
format a person or a CI system reads. Exit 0 when every manifest passes, 1 when any has findings
that block, 2 when one could not be checked at all (the worst of them wins)."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from charter_check.checking.parallel import map_in_processes, processes_for
from charter_check.commands import write_or_stop
from charter_check.judging.engine import assess, unassessable
from charter_check.model.assessment import Assessment
from charter_check.model.charter import Charter
from charter_check.model.manifest import ManifestDocument
from charter_check.reading.config import Config, project_config
from charter_check.reading.discovery import display_path, manifest_paths
from charter_check.reading.loading import (
    CannotRun,
    charter_of,
    load_charter,
    parse_manifest,
    read_manifest_file,
)
from charter_check.renderers import renderer
from charter_check.renderers.colour import render_text_coloured, wants_colour
from charter_check.renderers.text import overall_line, verdict_line

EXIT_PASS = 0
EXIT_FINDINGS = 1
EXIT_CANNOT_RUN = 2
PROGRESS_FROM = 20
"""Show a progress bar (on a terminal) from this many manifests; below it the bar only flickers."""


_VERDICT_LINE = re.compile(r": (?:PASS|FAIL): \d+ error\(s\)|^\d+ manifests checked: ", re.MULTILINE)


@dataclass(frozen=True)
class ValidateOptions:
    """What the user asked ``validate`` to do, as parsed by the command line."""

    paths: tuple[Path, ...]
    charter: str | None
    output_format: str
    strict: bool
    today: dt.date
    output: Path | None = None
    fail_level: str | None = None
    config: Path | None = None
    force: bool = False
    jobs: int | None = None
    """Processes to check with (0: one per processor); None: decide by the number of manifests."""


@dataclass(frozen=True)
class Checked:
    """What came of checking the manifests: an assessment for each one that could be read, and a
    one-line problem for each one that could not."""

    assessments: list[Assessment]
    problems: list[str]

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_CANNOT_RUN
        return EXIT_PASS if all(assessment.passed for assessment in self.assessments) else EXIT_FINDINGS


def assess_path(path: Path, charter_ref: str | None, today: dt.date, strict: bool) -> Assessment:
    """Read, parse and assess one manifest. Raises CannotRun when the file or charter cannot be read."""
    parsed = parse_manifest(read_manifest_file(path, display_path(path)))
    charter = charter_of(charter_ref, parsed)
    if isinstance(parsed, ManifestDocument):
        return assess(charter, parsed, today, strict=strict)
    return unassessable(charter, parsed.path, parsed.sha256, parsed.findings, today, strict=strict)


def validate(options: ValidateOptions) -> int:
    config = project_config(options.config)
    paths = manifest_paths(options.paths)
    _refuse_to_overwrite_a_manifest(options.output, paths)
    _refuse_to_overwrite_what_we_did_not_write(options.output, options.force)
    checked = check_manifests(paths, options, config)
    output_format = resolve_format(options.output_format, writing_file=options.output is not None)
    _report(checked.assessments, output_format, options.output)
    for problem in checked.problems:
        sys.stderr.write(f"charter-check: error: {problem}\n")
    return checked.exit_code


def check_manifests(paths: Sequence[Path], options: ValidateOptions, config: Config) -> Checked:
    """Assess each manifest under the configuration. With one manifest, a problem that stops it
    stops the run; with several, it is noted and the others are still checked."""
    strict = _fails_on_warnings(options, config)
    charter_ref = options.charter or config.charter
    check = partial(_outcome, charter_ref=charter_ref, today=options.today, strict=strict)
    processes = processes_for(len(paths), options.jobs)
    with _progress(len(paths)) as advance:
        outcomes = map_in_processes(check, paths, processes, _charter_resolver(charter_ref), advance)
    checked = Checked([], [])
    for path, outcome in zip(paths, outcomes, strict=True):
        if isinstance(outcome, CannotRun):
            if len(paths) == 1:
                raise outcome
            checked.problems.append(_naming(path, str(outcome)))
        else:
            config.check_rules(outcome.charter)
            checked.assessments.append(config.apply(outcome))
    return checked


def _outcome(path: Path, charter_ref: str | None, today: dt.date, strict: bool) -> Assessment | CannotRun:
    """The manifest's assessment, or the problem that stopped it being read."""
    try:
        return assess_path(path, charter_ref, today, strict)
    except CannotRun as problem:
        return problem


def _charter_resolver(charter_ref: str | None) -> Callable[[str, str], Charter]:
    """For results from other processes: this process's copy of the charter they were assessed
    against, by its id (or the charter given) and fingerprint."""
    loaded: dict[str, Charter] = {}

    def resolve(charter_id: str, sha256: str) -> Charter:
        reference = charter_ref or charter_id
        if reference not in loaded:
            loaded[reference] = load_charter(reference)
        if loaded[reference].sha256 != sha256:
            raise CannotRun(f"{reference}: the charter changed while manifests were checked; run again")
        return loaded[reference]

    return resolve


def _naming(path: Path, problem: str) -> str:
    """The problem, starting with the manifest it is about, so that one of many can be found."""
    shown = display_path(path)
    return problem if problem.startswith(shown) else f"{shown}: {problem}"


def resolve_format(requested: str, *, writing_file: bool) -> str:
    """``auto`` is ``github`` inside GitHub Actions (when printing), and ``text`` elsewhere."""
    if requested != "auto":
        return requested
    in_actions = os.environ.get("GITHUB_ACTIONS", "").lower() == "true"
    return "github" if in_actions and not writing_file else "text"


def _fails_on_warnings(options: ValidateOptions, config: Config) -> bool:
    if options.fail_level is not None:
        return options.fail_level == "warning"
    return options.strict or config.fail_level == "warning"


def _report(assessments: list[Assessment], output_format: str, output: Path | None) -> None:
    if output is not None:
        report = renderer(output_format)(assessments)
        write_or_stop(output, report, "check that the folder exists and is writable")
        sys.stdout.write(_summary_lines(assessments))
        return
    if output_format == "text" and wants_colour(sys.stdout):
        sys.stdout.write(render_text_coloured(assessments))
    else:
        sys.stdout.write(renderer(output_format)(assessments))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary:
        _append_step_summary(Path(summary), assessments)


def _summary_lines(assessments: Sequence[Assessment]) -> str:
    """The verdict lines, for the log, when the report itself goes to a file."""
    lines = [verdict_line(assessment) for assessment in assessments]
    if len(assessments) > 1:
        lines.append(overall_line(assessments))
    return "".join(line + "\n" for line in lines)


def _append_step_summary(summary: Path, assessments: list[Assessment]) -> None:
    """Append, never replace: other steps of the job write to the same file."""
    from charter_check.renderers.github import render_step_summary  # noqa: PLC0415 (GitHub only)

    try:
        with summary.open("a", encoding="utf-8") as stream:
            stream.write(render_step_summary(assessments))
    except OSError as error:
        sys.stderr.write(
            f"charter-check: warning: {summary}: cannot add the job summary ({error.strerror})\n"
        )


def _refuse_to_overwrite_what_we_did_not_write(output: Path | None, force: bool) -> None:
    """``-o`` replaces an earlier charter-check output, but a file someone wrote only with --force."""
    if output is None or force or not output.is_file() or written_by_charter_check(output):
        return
    raise CannotRun(
        f"{output}: already exists and is not charter-check output; choose another file, or pass "
        "--force to replace it"
    )


def written_by_charter_check(path: Path) -> bool:
    """Whether ``path`` holds output of ``validate``: every machine format names the tool, the text
    format ends with its verdict line, and the github format is workflow commands."""
    try:
        with path.open("rb") as stream:
            text = stream.read(1 << 20).decode("utf-8", errors="replace")
    except OSError:
        return False
    return (
        text.strip() in ("", "[]")
        or "charter-check" in text[:4096]
        or text.startswith("::")
        or _VERDICT_LINE.search(text[-4096:]) is not None
    )


def _refuse_to_overwrite_a_manifest(output: Path | None, paths: Sequence[Path]) -> None:
    if output is not None and output.resolve() in {path.resolve() for path in paths}:
        raise CannotRun(f"{output}: is a manifest being checked; write the output to another file")


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr when it is a terminal and there are many manifests."""
    if total < PROGRESS_FROM or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield lambda _done: None
        return
    from rich.console import Console  # noqa: PLC0415 (rich only for a bar on a terminal)
    from rich.progress import Progress  # noqa: PLC0415

    # Refreshed as it advances, not by a thread of its own: worker processes are forked only
    # while no other thread runs.
    with Progress(console=Console(stderr=True), transient=True, auto_refresh=False) as progress:
        task = progress.add_task("Checking manifests", total=total)

        def advance(done: int) -> None:
            progress.advance(task, done)
            progress.refresh()

        yield advance
