"""``charter-check register``: one page for an oversight board across many manifests, found as
``validate`` finds them and checked by the same engine on the same process pool. Each project's
line is made where its manifest is checked; the register is then sorted (not ready first, then by
name) and written as HTML, CSV or JSON.

Each project links to its approval report where one is written beside its manifest as
``charter-report.html`` (``charter-check report DIR --format html -o DIR/charter-report.html``),
by a path relative to the register. Exit 0 once the register is written, whatever the verdicts;
2 when it cannot be, or when a manifest could not be checked at all (it is listed, and named on
stderr, as ``validate`` does)."""

from __future__ import annotations

import os
import posixpath
import sys
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import quote

from charter_check.checking.check import Checking, check_manifest
from charter_check.checking.parallel import map_in_processes, processes_for
from charter_check.commands import EXIT_WRITTEN, ManifestsOptions, check_destination, print_or_write
from charter_check.commands.report import evidence_root
from charter_check.reading.discovery import display_path, manifest_paths
from charter_check.reading.loading import CannotRun
from charter_check.renderers import REGISTER_FORMATS, renderer
from charter_check.renderers.register_model import (
    Register,
    RegisterEntry,
    build_register,
    register_entry,
    unchecked_entry,
)
from charter_check.renderers.report_model import relative_href
from charter_check.writing.ownership import marked

EXIT_NOT_ALL_CHECKED = 2
REPORT_NAME = "charter-report.html"
"""Where the register expects each project's approval report: beside its manifest."""


@dataclass(frozen=True, kw_only=True)
class RegisterOptions(ManifestsOptions):
    """What the user asked ``register`` to do, as parsed by the command line."""


def register(options: RegisterOptions) -> int:
    paths = manifest_paths(options.paths)
    example = f"register.{options.output_format}"
    check_destination(options.output, paths, force=options.force, what="register", example=example)
    how = Checking(today=options.today, charter=options.charter, config_file=options.config)
    line = partial(entry_for, how=how, output=options.output)
    entries = list(map_in_processes(line, paths, processes_for(len(paths), options.jobs)))
    built = build_register(entries, options.today)
    text = renderer(options.output_format, REGISTER_FORMATS)(built)
    if options.output_format == "html":
        text = marked(text, "register")
    print_or_write(text, options.output, lambda output: written_line(output, built))
    problems = [entry.problem for entry in entries if entry.problem is not None]
    for problem in problems:
        sys.stderr.write(f"charter-check: error: {problem}\n")
    return EXIT_NOT_ALL_CHECKED if problems else EXIT_WRITTEN


def written_line(output: Path, register: Register) -> str:
    """Where the register went, and what it holds: 'Wrote the register to …: 3 projects: …'."""
    return f"Wrote the register to {display_path(output)}: {register.summary}.\n"


def entry_for(path: Path, how: Checking, output: Path | None) -> RegisterEntry:
    """One manifest's line in the register, or the problem that stopped it being checked; run in
    the worker process that checks it."""
    shown = display_path(path)
    try:
        assessment = check_manifest(path, how).assessment
    except CannotRun as problem:
        message = str(problem)
        return unchecked_entry(shown, message if message.startswith(shown) else f"{shown}: {message}")
    report = path.parent / REPORT_NAME
    href = report_link(path, output) if os.path.isfile(report) else None  # noqa: PTH113 (never raises)
    return register_entry(assessment, shown, href, display_path(report))


def report_link(manifest: Path, output: Path | None) -> str | None:
    """The link from the register (written to ``output``, or read from the working folder) to the
    report beside ``manifest``: always a relative path, never another scheme; None when no relative
    path exists (another drive)."""
    folder = evidence_root(manifest, output)
    if folder.startswith("file://"):  # a folder on another drive: no relative path reaches it
        return None
    target = posixpath.join(folder, REPORT_NAME) if folder else REPORT_NAME
    return relative_href(quote(target, safe="/~", errors="surrogateescape"))
