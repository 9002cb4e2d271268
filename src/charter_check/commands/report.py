"""``charter-check report``: the approval report for one manifest, as Markdown or HTML, printed or
written to a file. A report is produced whatever the verdict (the verdict is in the report), so the
exit code is 0 once it is written; 2 when it cannot be (``validate`` is the command that gates CI)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError

from charter_check.commands import write_or_stop
from charter_check.judging.engine import assess, unassessable
from charter_check.model.assessment import Assessment
from charter_check.model.manifest import Manifest, ManifestDocument
from charter_check.reading.config import Config, project_config
from charter_check.reading.discovery import display_path, manifest_path
from charter_check.reading.loading import CannotRun, charter_for, parse_manifest, read_manifest_file
from charter_check.renderers import renderer
from charter_check.renderers.report_model import ReportContext
from charter_check.renderers.visible import visible_path

EXIT_WRITTEN = 0

REPORT_FORMATS: dict[str, str] = {
    "markdown": "charter_check.renderers.markdown:render_markdown",
    "html": "charter_check.renderers.html:render_html",
}

# The first line of every report charter-check writes; a file that starts otherwise is not
# replaced without --force.
GENERATED_MARK = "<!-- charter-check report:"


@dataclass(frozen=True)
class ReportOptions:
    """What the user asked ``report`` to do, as parsed by the command line."""

    path: Path
    output_format: str
    output: Path | None
    today: dt.date
    template_dir: Path | None
    charter: str | None
    force: bool = False


def report(options: ReportOptions) -> int:
    _check_destination(options, manifest_path(options.path))
    text = render_report(options)
    if options.output is None:
        sys.stdout.write(text)
    else:
        write_or_stop(options.output, text, "check the folder's permissions")
    return EXIT_WRITTEN


def render_report(options: ReportOptions) -> str:
    """The report's text, as it would be written to ``options.output`` (or printed)."""
    manifest_file = manifest_path(options.path)
    assessment, manifest = _assess(manifest_file, options.charter, options.today, project_config())
    context = ReportContext(
        manifest=manifest,
        evidence_root=evidence_root(manifest_file, options.output),
        template_dir=options.template_dir,
    )
    return _render(options, assessment, context)


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


def _assess(
    path: Path, charter_ref: str | None, today: dt.date, config: Config
) -> tuple[Assessment, Manifest | None]:
    """The assessment ``validate`` would make under the project's configuration (its charter, its
    fail level and the rules it switches off), and the manifest itself when it could be read."""
    charter_ref = charter_ref or config.charter
    strict = config.fail_level == "warning"
    parsed = parse_manifest(read_manifest_file(path, display_path(path)))
    if isinstance(parsed, ManifestDocument):
        charter = charter_for(charter_ref, parsed.manifest.charter)
        assessment, manifest = assess(charter, parsed, today, strict=strict), parsed.manifest
    else:
        charter = charter_for(charter_ref, parsed.charter_id)
        findings = parsed.findings
        assessment = unassessable(charter, parsed.path, parsed.sha256, findings, today, strict=strict)
        manifest = None
    config.check_rules(assessment.charter)
    return config.apply(assessment), manifest


def _render(options: ReportOptions, assessment: Assessment, context: ReportContext) -> str:
    template_dir = options.template_dir
    if template_dir is not None and not template_dir.is_dir():
        raise CannotRun(
            f"--template-dir {template_dir}: no such folder; give the folder holding your templates"
        )
    try:
        return renderer(options.output_format, REPORT_FORMATS)(assessment, context)
    except TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise CannotRun(f"{where}: template error: {error.message}; fix the template") from None
    except TemplateError as error:
        raise CannotRun(f"report template error: {error}; fix the template in {template_dir}") from None


def _check_destination(options: ReportOptions, manifest_path: Path) -> None:
    # os.path rather than Path methods: they answer False for a name the file system refuses (too
    # long, say) instead of raising, and the write then says what is wrong in one line.
    output = options.output
    if output is None:
        return
    shown = visible_path(str(output))
    exists = os.path.exists(output)  # noqa: PTH110
    if exists and os.path.exists(manifest_path) and output.resolve() == manifest_path.resolve():  # noqa: PTH110
        raise CannotRun(f"{shown}: this is the manifest itself; give another file for the report with -o")
    if os.path.isdir(output):  # noqa: PTH112
        example = visible_path(str(output / "report.html"))
        raise CannotRun(f"{shown}: is a folder; give a file name for the report, e.g. {example}")
    if not os.path.isdir(os.path.realpath(output.parent)):  # noqa: PTH112
        folder = visible_path(str(output.parent))
        raise CannotRun(f"{shown}: the folder {folder} does not exist; create it first")
    # Only a regular file is replaced; a pipe or a device such as /dev/null is written into, and is
    # never opened here to be read (a pipe would wait for a writer for ever).
    if os.path.isfile(output) and not options.force and not _written_by_us(output):  # noqa: PTH113
        raise CannotRun(
            f"{shown}: already exists and is not a charter-check report; pass --force to replace it"
        )


def _written_by_us(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            start = stream.read(512)
    except OSError:
        return False
    lines = start.decode("utf-8", errors="replace").splitlines()[:2]
    return any(line.startswith(GENERATED_MARK) for line in lines)
