"""``charter-check validate``: check manifests against their charter and report findings."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from charter_check.assessment import Assessment
from charter_check.engine import assess, unassessable
from charter_check.loading import load_charter, parse_manifest, read_manifest_file
from charter_check.manifest import ManifestDocument
from charter_check.renderers import renderer

EXIT_PASS = 0
EXIT_FINDINGS = 1


@dataclass(frozen=True)
class ValidateOptions:
    """What the user asked ``validate`` to do, as parsed by the command line."""

    paths: tuple[Path, ...]
    charter: str | None
    output_format: str
    strict: bool
    today: dt.date


def assess_path(path: Path, charter_ref: str | None, today: dt.date, strict: bool) -> Assessment:
    """Read, parse and assess one manifest. Raises CannotRun when the file or charter cannot be read."""
    file = read_manifest_file(path, _display(path))
    parsed = parse_manifest(file)
    if isinstance(parsed, ManifestDocument):
        charter = load_charter(charter_ref or parsed.manifest.charter)
        return assess(charter, parsed, today, strict=strict)
    charter = load_charter(charter_ref or parsed.charter_id)
    return unassessable(charter, parsed.path, parsed.sha256, parsed.findings, today, strict=strict)


def validate(options: ValidateOptions) -> int:
    assessments = [
        assess_path(_manifest_path(path), options.charter, options.today, options.strict)
        for path in options.paths
    ]
    sys.stdout.write(renderer(options.output_format)(assessments))
    return EXIT_PASS if all(assessment.passed for assessment in assessments) else EXIT_FINDINGS


def _manifest_path(path: Path) -> Path:
    """A folder stands for the charter.yaml inside it."""
    return path / "charter.yaml" if path.is_dir() else path


def _display(path: Path) -> str:
    """The path as the user will want to read it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
