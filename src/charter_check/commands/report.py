"""``charter-check report``: the approval report for one manifest, as Markdown or HTML, printed or
written to a file. A report is produced whatever the verdict (the verdict is in the report), so the
exit code is 0 once it is written; 2 when it cannot be (``validate`` is the command that gates CI).
Written with ``-o``, one line on stdout says where, and the verdict, as ``validate -o`` gives its
verdict lines."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from charter_check.checking.check import Checking, check_manifest
from charter_check.commands import EXIT_WRITTEN, OutputOptions, check_destination, print_or_write
from charter_check.model.assessment import Assessment
from charter_check.reading.discovery import display_path, manifest_path
from charter_check.reading.loading import CannotRun
from charter_check.renderers import REPORT_FORMATS, renderer
from charter_check.renderers.report_model import ReportContext
from charter_check.writing.ownership import marked


@dataclass(frozen=True, kw_only=True)
class ReportOptions(OutputOptions):
    """What the user asked ``report`` to do: also the manifest (or its folder), and a folder of
    templates to use before the bundled ones."""

    path: Path
    template_dir: Path | None = None


def report(options: ReportOptions) -> int:
    check_destination(options.output, manifest_path(options.path), force=options.force, what="report")
    text, assessment = _checked_report(options)
    print_or_write(text, options.output, lambda output: written_line(output, assessment))
    return EXIT_WRITTEN


def written_line(output: Path, assessment: Assessment) -> str:
    """Where the report went, and its verdict: 'Wrote the report to report.html: Ready for …'."""
    return f"Wrote the report to {display_path(output)}: {assessment.judged().headline}.\n"


def render_report(options: ReportOptions) -> str:
    """The report's text, as it would be written to ``options.output`` (or printed)."""
    return _checked_report(options)[0]


def _checked_report(options: ReportOptions) -> tuple[str, Assessment]:
    manifest_file = manifest_path(options.path)
    how = Checking(today=options.today, charter=options.charter)
    checked = check_manifest(manifest_file, how)
    context = ReportContext(
        manifest=checked.manifest,
        evidence_root=evidence_root(manifest_file, options.output),
        template_dir=options.template_dir,
    )
    return _render(options, checked.assessment, context), checked.assessment


def evidence_root(manifest_path: Path, output: Path | None) -> str:
    """The manifest's folder as seen from the report's folder (the working folder when printing),
    so that evidence files cited relative to the manifest are linked correctly from the report."""
    report_folder = (output.parent if output is not None else Path()).resolve()
    manifest_folder = manifest_path.parent.resolve()
    try:
        relative = os.path.relpath(manifest_folder, report_folder)
    except ValueError:  # another drive on Windows: no relative path exists
        return manifest_folder.as_uri()
    return "" if relative == "." else Path(relative).as_posix()


def _render(options: ReportOptions, assessment: Assessment, context: ReportContext) -> str:
    template_dir = options.template_dir
    if template_dir is not None and not template_dir.is_dir():
        raise CannotRun(
            f"--template-dir {template_dir}: no such folder; give the folder holding your templates"
        )
    try:
        return marked(renderer(options.output_format, REPORT_FORMATS)(assessment, context), "report")
    except TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise CannotRun(f"{where}: template error: {error.message}; fix the template") from None
    except TemplateError as error:
        raise CannotRun(f"report template error: {error}; fix the template in {template_dir}") from None
