"""``charter-check validate -``: check one manifest read from standard input, as ``validate``
checks a file (same configuration, formats, output file and exit codes). Its evidence is looked up
from the working folder, as if it were ``./charter.yaml``.

``validate_given`` is what both command-line readers (``cli.py`` and ``launch.py``) call, so that
``-`` means the same to both.
"""

from __future__ import annotations

from charter_check.commands import validate as validate_module
from charter_check.commands.validate import (
    Checked,
    ValidateOptions,
    _fails_on_warnings,
    _refuse_to_overwrite_what_we_did_not_write,
    _report,
    resolve_format,
)
from charter_check.judging.engine import assess, unassessable
from charter_check.model.manifest import ManifestDocument
from charter_check.reading.config import project_config
from charter_check.reading.loading import CannotRun, charter_of, parse_manifest
from charter_check.reading.stdin import STDIN_ARGUMENT, read_manifest_stdin


def validate_given(options: ValidateOptions) -> int:
    """``validate`` for the paths given: files, folders and patterns, or ``-`` alone."""
    if STDIN_ARGUMENT not in options.paths:
        return validate_module.validate(options)
    if len(options.paths) > 1:
        raise CannotRun("'-' (standard input) is checked on its own; give '-' alone, or the manifests' paths")
    return validate_stdin(options)


def validate_stdin(options: ValidateOptions) -> int:
    config = project_config(options.config)
    _refuse_to_overwrite_what_we_did_not_write(options.output, options.force)
    parsed = parse_manifest(read_manifest_stdin())
    charter = charter_of(options.charter or config.charter, parsed)
    strict = _fails_on_warnings(options, config)
    if isinstance(parsed, ManifestDocument):
        assessment = assess(charter, parsed, options.today, strict=strict)
    else:
        assessment = unassessable(
            charter, parsed.path, parsed.sha256, parsed.findings, options.today, strict=strict
        )
    config.check_rules(charter)
    checked = Checked([config.apply(assessment)], [])
    _report(
        checked.assessments,
        resolve_format(options.output_format, writing_file=options.output is not None),
        options.output,
    )
    return checked.exit_code
